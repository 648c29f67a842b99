package main

import (
	"fmt"
	"io"
	"os"

	"golang.org/x/tools/go/analysis"
)

// render prints the findings in the format asked for.
func render(format string, r results, suite []*analysis.Analyzer, w io.Writer) error {
	switch format {
	case "json":
		return r.writeJSON(w)
	case "sarif":
		return writeSARIF(w, r, suite)
	}
	dir, _ := os.Getwd()
	return writeText(w, r.findings(), dir)
}

// writeText prints one line per finding, "file:line:col: message (check)",
// with the check's name as staticcheck and golangci-lint print it: it is
// the key of //nolint. Related positions follow, indented by a tab, so
// that problem matchers and grep -c count only the findings.
func writeText(w io.Writer, fs []finding, dir string) error {
	for _, f := range fs {
		if _, err := fmt.Fprintf(w, "%s: %s (%s)\n", parsePosn(f.Posn).rel(dir), f.Message, f.analyzer); err != nil {
			return err
		}
		for _, rel := range f.Related {
			if _, err := fmt.Fprintf(w, "\t%s: %s\n", parsePosn(rel.Posn).rel(dir), rel.Message); err != nil {
				return err
			}
		}
	}
	return nil
}
