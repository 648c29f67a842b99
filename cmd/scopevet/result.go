package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// The JSON that go vet -json and the in-process driver print: one object
// per package, {"package": {"analyzer": diagnostics or {"error": "..."}}}.
// The field names are those of x/tools' driverutil.JSONDiagnostic.
type (
	diagnostic struct {
		Category       string    `json:"category,omitempty"`
		Posn           string    `json:"posn"`
		End            string    `json:"end"`
		Message        string    `json:"message"`
		SuggestedFixes []fix     `json:"suggested_fixes,omitempty"`
		Related        []related `json:"related,omitempty"`
	}
	fix struct {
		Message string `json:"message"`
		Edits   []edit `json:"edits"`
	}
	edit struct {
		Filename string `json:"filename"`
		Start    int    `json:"start"`
		End      int    `json:"end"`
		New      string `json:"new"`
	}
	related struct {
		Posn    string `json:"posn"`
		End     string `json:"end"`
		Message string `json:"message"`
	}
)

// outcome is what one analyzer said about one package: diagnostics, or
// the error that stopped it.
type outcome struct {
	Diags []diagnostic
	Err   string
}

func (o outcome) MarshalJSON() ([]byte, error) {
	if o.Err != "" {
		return json.Marshal(struct {
			Err string `json:"error"`
		}{o.Err})
	}
	return json.Marshal(append([]diagnostic{}, o.Diags...))
}

func (o *outcome) UnmarshalJSON(data []byte) error {
	if bytes.HasPrefix(bytes.TrimSpace(data), []byte("{")) {
		var e struct {
			Err string `json:"error"`
		}
		if err := json.Unmarshal(data, &e); err != nil {
			return err
		}
		*o = outcome{Err: e.Err}
		if o.Err == "" {
			o.Err = "analysis failed (no message)"
		}
		return nil
	}
	*o = outcome{}
	return json.Unmarshal(data, &o.Diags)
}

// results holds every package's outcomes, keyed by package and analyzer.
type results map[string]map[string]outcome

// add merges another object of go vet's into r.
func (r results) add(other results) {
	for pkg, byAnalyzer := range other {
		if r[pkg] == nil {
			r[pkg] = map[string]outcome{}
		}
		maps.Copy(r[pkg], byAnalyzer)
	}
}

// finding is one diagnostic with the check that reported it.
type finding struct {
	analyzer string
	diagnostic
}

// findings lists every diagnostic in a fixed order: by file, line,
// column, then check and message.
func (r results) findings() []finding {
	var fs []finding
	for _, byAnalyzer := range r {
		for name, o := range byAnalyzer {
			for _, d := range o.Diags {
				fs = append(fs, finding{name, d})
			}
		}
	}
	slices.SortFunc(fs, func(a, b finding) int {
		pa, pb := parsePosn(a.Posn), parsePosn(b.Posn)
		if c := strings.Compare(pa.file, pb.file); c != 0 {
			return c
		}
		if pa.line != pb.line {
			return pa.line - pb.line
		}
		if pa.col != pb.col {
			return pa.col - pb.col
		}
		if c := strings.Compare(a.analyzer, b.analyzer); c != 0 {
			return c
		}
		return strings.Compare(a.Message, b.Message)
	})
	// A package and its test variant share files: say each finding once.
	return slices.CompactFunc(fs, func(a, b finding) bool {
		return a.analyzer == b.analyzer && a.Posn == b.Posn && a.Message == b.Message
	})
}

// errors lists the analyzers that failed, as "package: analyzer: error".
func (r results) errors() []string {
	var errs []string
	for pkg, byAnalyzer := range r {
		for name, o := range byAnalyzer {
			if o.Err != "" {
				errs = append(errs, pkg+": "+name+": "+o.Err)
			}
		}
	}
	slices.Sort(errs)
	return errs
}

// filter keeps the diagnostics keep accepts.
func (r results) filter(keep func(finding) bool) results {
	out := results{}
	for pkg, byAnalyzer := range r {
		out[pkg] = map[string]outcome{}
		for name, o := range byAnalyzer {
			var kept []diagnostic
			for _, d := range o.Diags {
				if keep(finding{name, d}) {
					kept = append(kept, d)
				}
			}
			out[pkg][name] = outcome{Diags: kept, Err: o.Err}
		}
	}
	return out
}

// inTestFile reports whether a finding is in a _test.go file.
func inTestFile(f finding) bool {
	return strings.HasSuffix(parsePosn(f.Posn).file, "_test.go")
}

// position is a "file:line:col" position, parsed.
type position struct {
	file      string
	line, col int
}

func parsePosn(s string) position {
	p := position{file: s}
	rest, col, ok := cutLastNumber(s)
	if !ok {
		return p
	}
	file, line, ok := cutLastNumber(rest)
	if !ok {
		return position{file: rest, line: col}
	}
	return position{file: file, line: line, col: col}
}

// cutLastNumber splits "x:12" into "x" and 12.
func cutLastNumber(s string) (string, int, bool) {
	i := strings.LastIndexByte(s, ':')
	if i < 0 {
		return s, 0, false
	}
	n, err := strconv.Atoi(s[i+1:])
	if err != nil {
		return s, 0, false
	}
	return s[:i], n, true
}

// rel shortens a position's file to a path relative to dir when the file
// is under dir, as go vet prints it.
func (p position) rel(dir string) string {
	file := p.file
	if dir != "" && filepath.IsAbs(file) {
		if r, err := filepath.Rel(dir, file); err == nil && !strings.HasPrefix(r, "..") {
			file = r
		}
	}
	switch {
	case p.line == 0:
		return file
	case p.col == 0:
		return fmt.Sprintf("%s:%d", file, p.line)
	}
	return fmt.Sprintf("%s:%d:%d", file, p.line, p.col)
}

// splitOutput separates what go vet -json printed on one stream into the
// JSON objects (go1.26 prints them on stdout, go1.25 on stderr, each
// after a "# package" header) and the other lines: build errors and the
// like, with their headers.
func splitOutput(data []byte) (results, []byte, error) {
	r := results{}
	var other, obj bytes.Buffer
	var header string // a "# pkg" line not yet known to head an error
	inObj := false
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 64<<20)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case inObj:
			obj.WriteString(line + "\n")
			if line == "}" {
				inObj = false
				if err := decodeInto(r, obj.Bytes()); err != nil {
					return nil, nil, err
				}
				obj.Reset()
			}
		case strings.HasPrefix(line, "{") && json.Valid([]byte(line)):
			header = ""
			if err := decodeInto(r, []byte(line)); err != nil {
				return nil, nil, err
			}
		case line == "{":
			inObj, header = true, ""
			obj.WriteString(line + "\n")
		case strings.HasPrefix(line, "# "):
			header = line
		default:
			if header != "" {
				other.WriteString(header + "\n")
				header = ""
			}
			other.WriteString(line + "\n")
		}
	}
	if err := sc.Err(); err != nil {
		return nil, nil, err
	}
	if inObj {
		return nil, nil, fmt.Errorf("unterminated JSON object: %.80q", obj.String())
	}
	return r, other.Bytes(), nil
}

func decodeInto(r results, data []byte) error {
	var pkgs results
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&pkgs); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return fmt.Errorf("unexpected text after a JSON object: %.80q", data)
	}
	r.add(pkgs)
	return nil
}

// writeJSON prints r as one indented object. encoding/json sorts map
// keys, so the output does not depend on the order in which go vet
// finished the packages.
func (r results) writeJSON(w io.Writer) error {
	data, err := json.MarshalIndent(r, "", "\t")
	if err != nil {
		return err
	}
	_, err = w.Write(append(data, '\n'))
	return err
}
