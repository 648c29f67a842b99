// Package doctext extracts an analyzer's documentation from its doc.go,
// so that godoc, `scopevet help`, editors and docs/ share one text.
package doctext

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"strings"
)

// Extract returns the section "# Analyzer name" of the package comment in
// the Go source content, which starts with a "name: summary" line, without
// the "name: " (drivers print the name before Doc, as go vet help does).
// It panics if the section is missing, which a test catches.
func Extract(content, name string) string {
	doc, ok := lineCommentDoc(content)
	if !ok {
		f, err := parser.ParseFile(token.NewFileSet(), "doc.go", content, parser.ParseComments|parser.PackageClauseOnly)
		if err != nil {
			panic(fmt.Sprintf("doctext: parsing doc.go of %s: %v", name, err))
		}
		doc = f.Doc
	}
	if doc == nil {
		panic(fmt.Sprintf("doctext: doc.go of %s has no package comment", name))
	}
	text := doc.Text()
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

// lineCommentDoc finds the package comment of a file that is, up to its
// package clause, only "//" comments starting their lines and blank lines,
// as every doc.go of the suite is, without parsing it: Extract runs at
// init, in every process go vet starts (one per package), and go/parser
// took about a million instructions over the three doc.go files. The
// comment is the group of "//" lines right above the package clause, as
// the parser groups them. ok is false for any other shape (a block
// comment, a carriage return, an indented comment, code before the
// package clause): the parser decides then.
func lineCommentDoc(content string) (doc *ast.CommentGroup, ok bool) {
	var group []*ast.Comment
	for len(content) > 0 {
		line, rest, _ := strings.Cut(content, "\n")
		switch {
		case strings.ContainsRune(line, '\r') || strings.Contains(line, "/*"):
			return nil, false
		case strings.HasPrefix(line, "//"):
			group = append(group, &ast.Comment{Text: line})
		case strings.TrimSpace(line) == "":
			group = nil
		case strings.HasPrefix(line, "package "):
			if group == nil {
				return nil, true
			}
			return &ast.CommentGroup{List: group}, true
		default:
			return nil, false
		}
		content = rest
	}
	return nil, false
}
