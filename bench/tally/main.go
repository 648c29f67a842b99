// Command tally turns what bench/run.sh and bench/crash.sh collect into
// stable files and tables: findings sorted for diffing, analyzer errors,
// and per-package vettool times joined across tools.
//
//	tally findings -modules mods.tsv raw.json > sorted.json
//	tally count sorted.json          (findings per analyzer, one line)
//	tally errors raw.json            (one line per failed action)
//	tally merge a.json b.json ...    (findings of several targets, sorted)
//	tally perpkg -floor 0.1 base.tsv tool.tsv   (markdown: per-package ratios)
//	tally time -o log.tsv -label L -- cmd args  (run cmd, append its times to log.tsv)
package main

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/scopevet/scopevet/analyzers"
)

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	cmds := map[string]func([]string) error{
		"findings": findingsCmd,
		"count":    countCmd,
		"errors":   errorsCmd,
		"merge":    mergeCmd,
		"perpkg":   perpkgCmd,
		"time":     timeCmd,
	}
	run, ok := cmds[os.Args[1]]
	if !ok {
		usage()
	}
	if err := run(os.Args[2:]); err != nil {
		fmt.Fprintln(os.Stderr, "tally:", err)
		os.Exit(1)
	}
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: tally findings|count|errors|merge|perpkg|time ... (see the package doc)")
	os.Exit(2)
}

// finding is one diagnostic, with its file relative to the root of the
// module that holds it, so that files from two runs (or two machines)
// compare equal.
type finding struct {
	Module   string `json:"module"`
	File     string `json:"file"`
	Line     int    `json:"line"`
	Column   int    `json:"column"`
	Analyzer string `json:"analyzer"`
	Message  string `json:"message"`
}

func compareFindings(a, b finding) int {
	return cmp.Or(
		cmp.Compare(a.Module, b.Module),
		cmp.Compare(a.File, b.File),
		cmp.Compare(a.Line, b.Line),
		cmp.Compare(a.Column, b.Column),
		cmp.Compare(a.Analyzer, b.Analyzer),
		cmp.Compare(a.Message, b.Message),
	)
}

// rawTree is what the checkers print with -json: package ID -> analyzer
// -> a list of diagnostics or {"error": "..."}.
type rawTree map[string]map[string]json.RawMessage

type rawDiagnostic struct {
	Posn    string `json:"posn"`
	Message string `json:"message"`
}

func readTree(path string) (rawTree, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	tree := rawTree{}
	if len(strings.TrimSpace(string(data))) == 0 {
		return tree, nil // no packages, or nothing to say
	}
	if err := json.Unmarshal(data, &tree); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return tree, nil
}

// module is a module root: findings under Dir are reported relative to it.
type module struct{ Path, Dir string }

func readModules(path string) ([]module, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var mods []module
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		p, dir, ok := strings.Cut(sc.Text(), "\t")
		if ok && p != "" && dir != "" {
			mods = append(mods, module{p, filepath.Clean(dir)})
		}
	}
	// Longest directory first, so that nested modules win.
	slices.SortFunc(mods, func(a, b module) int { return cmp.Compare(len(b.Dir), len(a.Dir)) })
	return mods, sc.Err()
}

// locate returns the module holding file and the file's path relative to
// its root (slash-separated), or no module and the file as given.
func locate(mods []module, file string) (string, string) {
	for _, m := range mods {
		if rel, err := filepath.Rel(m.Dir, file); err == nil && !strings.HasPrefix(rel, "..") {
			return m.Path, filepath.ToSlash(rel)
		}
	}
	return "", file
}

// splitPosn splits "file:line:col" (the file may contain colons).
func splitPosn(posn string) (file string, line, col int) {
	rest, c, ok := cutLast(posn)
	if !ok {
		return posn, 0, 0
	}
	file, l, ok := cutLast(rest)
	if !ok {
		return rest, c, 0
	}
	return file, l, c
}

func cutLast(s string) (string, int, bool) {
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

// findingsOf lists the unique findings of a tree (a package and its test
// variant report the same finding twice), sorted.
func findingsOf(tree rawTree, mods []module) ([]finding, error) {
	var out []finding
	for _, byAnalyzer := range tree {
		for name, msg := range byAnalyzer {
			if !strings.HasPrefix(strings.TrimSpace(string(msg)), "[") {
				continue // an error; see tally errors
			}
			var diags []rawDiagnostic
			if err := json.Unmarshal(msg, &diags); err != nil {
				return nil, err
			}
			for _, d := range diags {
				file, line, col := splitPosn(d.Posn)
				mod, rel := locate(mods, file)
				out = append(out, finding{mod, rel, line, col, name, d.Message})
			}
		}
	}
	slices.SortFunc(out, compareFindings)
	return slices.Compact(out), nil
}

// writeFindings writes a JSON array with one finding per line, so that
// two runs compare with diff.
func writeFindings(w io.Writer, fs []finding) error {
	var b bytes.Buffer
	b.WriteString("[")
	for i, f := range fs {
		line, err := json.Marshal(f)
		if err != nil {
			return err
		}
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString("\n  ")
		b.Write(line)
	}
	if len(fs) > 0 {
		b.WriteString("\n")
	}
	b.WriteString("]\n")
	_, err := w.Write(b.Bytes())
	return err
}

func findingsCmd(args []string) error {
	fs := flag.NewFlagSet("findings", flag.ExitOnError)
	modules := fs.String("modules", "", "file of module roots, `path<TAB>dir` per line")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("findings: want one raw JSON file")
	}
	var mods []module
	if *modules != "" {
		var err error
		if mods, err = readModules(*modules); err != nil {
			return err
		}
	}
	tree, err := readTree(fs.Arg(0))
	if err != nil {
		return err
	}
	out, err := findingsOf(tree, mods)
	if err != nil {
		return err
	}
	return writeFindings(os.Stdout, out)
}

func readFindings(path string) ([]finding, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var fs []finding
	if err := json.Unmarshal(data, &fs); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return fs, nil
}

// countCmd prints "name N" for every analyzer of the suite, in suite
// order, and any other analyzer found in the file.
func countCmd(args []string) error {
	if len(args) != 1 {
		return fmt.Errorf("count: want one sorted findings file")
	}
	fs, err := readFindings(args[0])
	if err != nil {
		return err
	}
	counts := map[string]int{}
	for _, f := range fs {
		counts[f.Analyzer]++
	}
	var parts []string
	for _, a := range analyzers.Suite() {
		parts = append(parts, fmt.Sprintf("%s %d", a.Name, counts[a.Name]))
		delete(counts, a.Name)
	}
	for _, name := range slices.Sorted(maps.Keys(counts)) {
		parts = append(parts, fmt.Sprintf("%s %d", name, counts[name]))
	}
	fmt.Println(strings.Join(parts, ", "))
	return nil
}

// errorsCmd prints, sorted, one line per action that failed: package,
// analyzer and the error's first line. The checkers report failures of
// dependencies' actions too, so this covers every package analyzed.
func errorsCmd(args []string) error {
	if len(args) != 1 {
		return fmt.Errorf("errors: want one raw JSON file")
	}
	tree, err := readTree(args[0])
	if err != nil {
		return err
	}
	var lines []string
	for pkg, byAnalyzer := range tree {
		for name, msg := range byAnalyzer {
			if strings.HasPrefix(strings.TrimSpace(string(msg)), "[") {
				continue
			}
			var e struct {
				Err string `json:"error"`
			}
			if err := json.Unmarshal(msg, &e); err != nil {
				return err
			}
			first, _, _ := strings.Cut(e.Err, "\n")
			lines = append(lines, fmt.Sprintf("%s\t%s\t%s", pkg, name, first))
		}
	}
	slices.Sort(lines)
	for _, l := range lines {
		fmt.Println(l)
	}
	return nil
}

func mergeCmd(args []string) error {
	var all []finding
	for _, path := range args {
		fs, err := readFindings(path)
		if err != nil {
			return err
		}
		all = append(all, fs...)
	}
	slices.SortFunc(all, compareFindings)
	return writeFindings(os.Stdout, slices.Compact(all))
}
