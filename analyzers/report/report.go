// Package report delivers a check's diagnostics, leaving out those in
// generated files and those suppressed by a //nolint directive, so that
// every driver (go vet, the standalone binary, gopls, nogo) honours them.
// It also reports directives that name the check without a reason, or
// that suppress nothing.
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
	// named lists the directives that name this analyzer, in file order.
	named []*directive
}

type fileInfo struct {
	generated bool
	// lines maps a line to the directive on it that covers this analyzer.
	lines map[int]*directive
	// decls holds the declarations whose doc or first line covers it.
	decls []span
}

type span struct {
	from, to token.Pos
	d        *directive
}

// directive is one //nolint comment that covers the analyzer.
type directive struct {
	pos       token.Pos
	named     bool // names the analyzer, rather than bare or "all"
	hasReason bool
	used      bool
}

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
	info := &fileInfo{generated: ast.IsGenerated(f), lines: map[int]*directive{}}
	for _, cg := range f.Comments {
		for _, c := range cg.List {
			if d := parse(c, r.name); d != nil {
				info.lines[tf.Line(c.Pos())] = d
				if d.named && !info.generated {
					r.named = append(r.named, d)
				}
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
		d := info.lines[tf.Line(decl.Pos())]
		if doc != nil {
			for _, c := range doc.List {
				if dd := info.lines[tf.Line(c.Pos())]; dd != nil {
					d = dd
				}
			}
		}
		if d != nil {
			info.decls = append(info.decls, span{decl.Pos(), decl.End(), d})
		}
	}
	return info
}

// parse returns the directive in c if it is a //nolint that covers the
// analyzer: bare, "all", or naming it.
func parse(c *ast.Comment, name string) *directive {
	text, ok := strings.CutPrefix(c.Text, "//nolint")
	if !ok {
		return nil
	}
	d := &directive{pos: c.Pos(), hasReason: hasReason(text)}
	if text == "" || text[0] == ' ' || text[0] == '\t' {
		return d // bare //nolint covers every linter
	}
	if text[0] != ':' {
		return nil
	}
	list := text[1:]
	if i := strings.IndexAny(list, " \t/"); i >= 0 {
		list = list[:i]
	}
	for _, n := range strings.Split(list, ",") {
		switch strings.TrimSpace(n) {
		case "all":
			return d
		case name:
			d.named = true
			return d
		}
	}
	return nil
}

// hasReason reports whether a directive's text carries "// reason".
func hasReason(text string) bool {
	_, reason, ok := strings.Cut(text, "//")
	return ok && strings.TrimSpace(reason) != ""
}

// Report reports d unless it is in a generated file or suppressed.
func (r *Reporter) Report(d analysis.Diagnostic) {
	tf := r.pass.Fset.File(d.Pos)
	if info := r.files[tf]; info != nil {
		if info.generated {
			return
		}
		suppressed := false
		if dir := info.lines[tf.Line(d.Pos)]; dir != nil {
			dir.used, suppressed = true, true
		}
		for _, s := range info.decls {
			if s.from <= d.Pos && d.Pos < s.to {
				s.d.used, suppressed = true, true
			}
		}
		if suppressed {
			return
		}
	}
	r.pass.Report(d)
}

// Finish reports the directives that name the analyzer but give no
// reason, or suppress nothing. Call it once the check has reported
// everything.
func (r *Reporter) Finish() {
	for _, d := range r.named {
		switch {
		case !d.hasReason:
			r.pass.Report(analysis.Diagnostic{Pos: d.pos,
				Message: "//nolint:" + r.name + " needs a reason: //nolint:" + r.name + " // why this is fine"})
		case !d.used:
			r.pass.Report(analysis.Diagnostic{Pos: d.pos,
				Message: "//nolint:" + r.name + " suppresses no " + r.name + " finding here; remove it"})
		}
	}
}
