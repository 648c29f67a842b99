// Package doctext extracts an analyzer's documentation from its doc.go,
// so that godoc, `scopevet help`, editors and docs/ share one text.
package doctext

import (
	"fmt"
	"go/parser"
	"go/token"
	"strings"
)

// Extract returns the section "# Analyzer name" of the package comment in
// the Go source content, which starts with a "name: summary" line, without
// the "name: " (drivers print the name before Doc, as go vet help does).
// It panics if the section is missing, which a test catches.
func Extract(content, name string) string {
	f, err := parser.ParseFile(token.NewFileSet(), "doc.go", content, parser.ParseComments|parser.PackageClauseOnly)
	if err != nil {
		panic(fmt.Sprintf("doctext: parsing doc.go of %s: %v", name, err))
	}
	if f.Doc == nil {
		panic(fmt.Sprintf("doctext: doc.go of %s has no package comment", name))
	}
	text := f.Doc.Text()
	heading := "# Analyzer " + name + "\n"
	i := strings.Index(text, heading)
	if i < 0 {
		panic(fmt.Sprintf("doctext: doc.go of %s has no %q section", name, strings.TrimSpace(heading)))
	}
	body := strings.TrimSpace(text[i+len(heading):])
	if j := strings.Index(body, "\n# "); j >= 0 {
		body = strings.TrimSpace(body[:j])
	}
	if !strings.HasPrefix(body, name+":") {
		panic(fmt.Sprintf("doctext: the %s section must start with %q", name, name+": "))
	}
	return strings.TrimSpace(strings.TrimPrefix(body, name+":"))
}
