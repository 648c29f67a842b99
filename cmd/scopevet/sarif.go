package main

import (
	"encoding/json"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// SARIF 2.1.0, the subset code scanning reads:
// https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
type (
	sarifLog struct {
		Schema  string     `json:"$schema"`
		Version string     `json:"version"`
		Runs    []sarifRun `json:"runs"`
	}
	sarifRun struct {
		Tool              sarifTool                   `json:"tool"`
		OriginalURIBaseID map[string]sarifArtifactLoc `json:"originalUriBaseIds,omitempty"`
		Results           []sarifResult               `json:"results"`
	}
	sarifTool struct {
		Driver sarifDriver `json:"driver"`
	}
	sarifDriver struct {
		Name           string      `json:"name"`
		Version        string      `json:"version,omitempty"`
		InformationURI string      `json:"informationUri"`
		Rules          []sarifRule `json:"rules"`
	}
	sarifRule struct {
		ID               string       `json:"id"`
		ShortDescription sarifMessage `json:"shortDescription"`
		FullDescription  sarifMessage `json:"fullDescription"`
		Help             sarifMessage `json:"help"`
		HelpURI          string       `json:"helpUri"`
	}
	sarifMessage struct {
		Text string `json:"text"`
	}
	sarifResult struct {
		RuleID           string          `json:"ruleId"`
		RuleIndex        int             `json:"ruleIndex"`
		Level            string          `json:"level"`
		Message          sarifMessage    `json:"message"`
		Locations        []sarifLocation `json:"locations"`
		RelatedLocations []sarifLocation `json:"relatedLocations,omitempty"`
		Fixes            []sarifFix      `json:"fixes,omitempty"`
	}
	sarifLocation struct {
		ID               *int          `json:"id,omitempty"`
		PhysicalLocation sarifPhysical `json:"physicalLocation"`
		Message          *sarifMessage `json:"message,omitempty"`
	}
	sarifPhysical struct {
		ArtifactLocation sarifArtifactLoc `json:"artifactLocation"`
		Region           sarifRegion      `json:"region"`
	}
	sarifArtifactLoc struct {
		URI       string `json:"uri"`
		URIBaseID string `json:"uriBaseId,omitempty"`
	}
	sarifRegion struct {
		StartLine   int `json:"startLine,omitempty"`
		StartColumn int `json:"startColumn,omitempty"`
		EndLine     int `json:"endLine,omitempty"`
		EndColumn   int `json:"endColumn,omitempty"`
	}
	// sarifBytes is a region by byte offset, as go/analysis edits are.
	sarifBytes struct {
		ByteOffset int `json:"byteOffset"`
		ByteLength int `json:"byteLength"`
	}
	sarifFix struct {
		Description     sarifMessage          `json:"description"`
		ArtifactChanges []sarifArtifactChange `json:"artifactChanges"`
	}
	sarifArtifactChange struct {
		ArtifactLocation sarifArtifactLoc   `json:"artifactLocation"`
		Replacements     []sarifReplacement `json:"replacements"`
	}
	sarifReplacement struct {
		DeletedRegion   sarifBytes   `json:"deletedRegion"`
		InsertedContent sarifMessage `json:"insertedContent"`
	}
)

const (
	sarifSchema = "https://json.schemastore.org/sarif-2.1.0.json"
	projectURI  = "https://github.com/scopevet/scopevet"
	srcRoot     = "%SRCROOT%" // the directory scopevet ran in
)

// writeSARIF prints the findings as a SARIF 2.1.0 log for code scanning.
func writeSARIF(w io.Writer, r results, suite []*analysis.Analyzer) error {
	dir, _ := os.Getwd()
	ver := ""
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		ver = info.Main.Version
	}
	return encodeSARIF(w, sarifFor(r, suite, dir, ver))
}

// sarifFor builds the log: one rule per check, with its doc as help, and
// one result per finding, its related positions and its fixes. Files
// under dir are named relative to it (%SRCROOT%), others by file: URI.
func sarifFor(r results, suite []*analysis.Analyzer, dir, ver string) sarifLog {
	driver := sarifDriver{Name: "scopevet", Version: ver, InformationURI: projectURI, Rules: []sarifRule{}}
	index := map[string]int{}
	for i, a := range suite {
		summary, body, _ := strings.Cut(a.Doc, "\n\n")
		first, _, _ := strings.Cut(body, "\n\n")
		index[a.Name] = i
		driver.Rules = append(driver.Rules, sarifRule{
			ID:               a.Name,
			ShortDescription: sarifMessage{summary},
			FullDescription:  sarifMessage{strings.Join(strings.Fields(first), " ")},
			Help:             sarifMessage{a.Doc},
			HelpURI:          projectURI + "/blob/main/docs/" + a.Name + ".md",
		})
	}
	run := sarifRun{Tool: sarifTool{driver}, Results: []sarifResult{}}
	if dir != "" {
		run.OriginalURIBaseID = map[string]sarifArtifactLoc{srcRoot: {URI: fileURI(dir) + "/"}}
	}
	for _, f := range r.findings() {
		res := sarifResult{
			RuleID:    f.analyzer,
			RuleIndex: index[f.analyzer],
			Level:     "warning",
			Message:   sarifMessage{f.Message},
			Locations: []sarifLocation{{PhysicalLocation: physical(f.Posn, f.End, dir)}},
		}
		for i, rel := range f.Related {
			res.RelatedLocations = append(res.RelatedLocations, sarifLocation{
				ID: &i, PhysicalLocation: physical(rel.Posn, rel.End, dir), Message: &sarifMessage{rel.Message},
			})
		}
		for _, fx := range f.SuggestedFixes {
			res.Fixes = append(res.Fixes, sarifFixFor(fx, dir))
		}
		run.Results = append(run.Results, res)
	}
	return sarifLog{Schema: sarifSchema, Version: "2.1.0", Runs: []sarifRun{run}}
}

// sarifFixFor turns a fix's byte-offset edits into replacements, grouped
// by file in the order they come.
func sarifFixFor(fx fix, dir string) sarifFix {
	out := sarifFix{Description: sarifMessage{fx.Message}}
	byFile := map[string]int{}
	for _, e := range fx.Edits {
		i, ok := byFile[e.Filename]
		if !ok {
			i = len(out.ArtifactChanges)
			byFile[e.Filename] = i
			out.ArtifactChanges = append(out.ArtifactChanges, sarifArtifactChange{ArtifactLocation: artifact(e.Filename, dir)})
		}
		ch := &out.ArtifactChanges[i]
		ch.Replacements = append(ch.Replacements, sarifReplacement{
			DeletedRegion:   sarifBytes{ByteOffset: e.Start, ByteLength: e.End - e.Start},
			InsertedContent: sarifMessage{e.New},
		})
	}
	return out
}

func physical(posn, end, dir string) sarifPhysical {
	p, e := parsePosn(posn), parsePosn(end)
	reg := sarifRegion{StartLine: p.line, StartColumn: p.col}
	if e.file == p.file && e.line > 0 {
		reg.EndLine, reg.EndColumn = e.line, e.col
	}
	return sarifPhysical{ArtifactLocation: artifact(p.file, dir), Region: reg}
}

// artifact names a file relative to %SRCROOT% when it is under dir.
func artifact(file, dir string) sarifArtifactLoc {
	if dir != "" && filepath.IsAbs(file) {
		if rel, err := filepath.Rel(dir, file); err == nil && !strings.HasPrefix(rel, "..") {
			return sarifArtifactLoc{URI: filepath.ToSlash(rel), URIBaseID: srcRoot}
		}
	}
	if filepath.IsAbs(file) {
		return sarifArtifactLoc{URI: fileURI(file)}
	}
	return sarifArtifactLoc{URI: filepath.ToSlash(file)}
}

func fileURI(path string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}).String()
}

func encodeSARIF(w io.Writer, log sarifLog) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(log)
}
