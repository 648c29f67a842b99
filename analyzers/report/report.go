// Package report delivers a check's diagnostics, leaving out those in
// generated files and those suppressed by a //nolint directive, so that
// every driver (go vet, the standalone binary, gopls, nogo) honours them.
package report

import (
	"go/ast"
	"go/token"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// Reporter reports one analyzer's diagnostics for one pass.
type Reporter struct {
	pass *analysis.Pass
	name string
	// files maps a token.File to what it says about suppression.
	files map[*token.File]*fileInfo
}

type fileInfo struct {
	generated bool
	// lines holds the lines whose //nolint names this analyzer.
	lines map[int]bool
	// decls holds the ranges of declarations whose doc or line names it.
	decls []span
}

type span struct{ from, to token.Pos }

// New prepares a Reporter for the analyzer called name.
func New(pass *analysis.Pass, name string) *Reporter {
	r := &Reporter{pass: pass, name: name, files: map[*token.File]*fileInfo{}}
	for _, f := range pass.Files {
		tf := pass.Fset.File(f.Pos())
		if tf == nil {
			continue
		}
		r.files[tf] = r.scan(tf, f)
	}
	return r
}

func (r *Reporter) scan(tf *token.File, f *ast.File) *fileInfo {
	info := &fileInfo{generated: ast.IsGenerated(f), lines: map[int]bool{}}
	for _, cg := range f.Comments {
		for _, c := range cg.List {
			if suppresses(c.Text, r.name) {
				info.lines[tf.Line(c.Pos())] = true
			}
		}
	}
	for _, decl := range f.Decls {
		var doc *ast.CommentGroup
		switch d := decl.(type) {
		case *ast.FuncDecl:
			doc = d.Doc
		case *ast.GenDecl:
			doc = d.Doc
		}
		named := info.lines[tf.Line(decl.Pos())]
		if doc != nil {
			for _, c := range doc.List {
				named = named || suppresses(c.Text, r.name)
			}
		}
		if named {
			info.decls = append(info.decls, span{decl.Pos(), decl.End()})
		}
	}
	return info
}

// suppresses reports whether the comment is a //nolint directive that
// covers the analyzer: bare, "all", or naming it.
func suppresses(text, name string) bool {
	text = strings.TrimPrefix(text, "//")
	if !strings.HasPrefix(text, "nolint") {
		return false
	}
	rest := strings.TrimPrefix(text, "nolint")
	if rest == "" || rest[0] == ' ' || rest[0] == '\t' {
		return true // bare //nolint covers every linter
	}
	if rest[0] != ':' {
		return false
	}
	list := rest[1:]
	if i := strings.IndexAny(list, " \t/"); i >= 0 {
		list = list[:i]
	}
	for _, n := range strings.Split(list, ",") {
		if n = strings.TrimSpace(n); n == name || n == "all" {
			return true
		}
	}
	return false
}

// Report reports d unless it is in a generated file or suppressed.
func (r *Reporter) Report(d analysis.Diagnostic) {
	tf := r.pass.Fset.File(d.Pos)
	if info := r.files[tf]; info != nil {
		if info.generated || info.lines[tf.Line(d.Pos)] {
			return
		}
		for _, s := range info.decls {
			if s.from <= d.Pos && d.Pos < s.to {
				return
			}
		}
	}
	r.pass.Report(d)
}
