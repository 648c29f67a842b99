package mustawait

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"

	"github.com/scopevet/scopevet/analyzers/summary"
)

// directive is the comment that marks a function's results as futures.
const directive = "//scopevet:mustawait"

// directiveComments returns the package's //scopevet:mustawait comments.
func directiveComments(pass *analysis.Pass) []*ast.Comment {
	var out []*ast.Comment
	for _, f := range pass.Files {
		for _, cg := range f.Comments {
			for _, cm := range cg.List {
				if summary.HasMustAwaitDirective(cm.Text) {
					out = append(out, cm)
				}
			}
		}
	}
	return out
}

// checkDirectives reports //scopevet:mustawait comments that mark
// nothing: the directive applies to the doc comment of a function or
// method declaration, and marks its results other than errors. On an
// interface method, a func variable, a type or a const, or on a function
// with no such result, it would be ignored, and a user relying on it
// would never hear of a dropped call.
func (c *checker) checkDirectives(comments []*ast.Comment) {
	if len(comments) == 0 {
		return
	}
	onDecl := map[*ast.Comment]*ast.FuncDecl{}
	for _, f := range c.pass.Files {
		for _, decl := range f.Decls {
			if fd, ok := decl.(*ast.FuncDecl); ok && fd.Doc != nil {
				for _, cm := range fd.Doc.List {
					onDecl[cm] = fd
				}
			}
		}
	}
	for _, cm := range comments {
		fd := onDecl[cm]
		if fd == nil {
			c.reportComment(cm, directive+" has no effect here: it marks the results of the function or method declared below it")
			continue
		}
		if what := nothingToAwait(c.pass.TypesInfo.Defs[fd.Name]); what != "" {
			c.reportComment(cm, directive+" has no effect on "+fd.Name.Name+": it marks results that callers must await, and "+fd.Name.Name+" returns "+what)
		}
	}
}

// nothingToAwait says what a marked function returns when that is
// nothing the directive can mark ("no result", "only an error"), or "".
func nothingToAwait(obj types.Object) string {
	fn, ok := obj.(*types.Func)
	if !ok {
		return ""
	}
	results := fn.Signature().Results()
	if results.Len() == 0 {
		return "no result"
	}
	for i := range results.Len() {
		if !summary.IsError(results.At(i).Type()) {
			return ""
		}
	}
	return "only an error"
}

func (c *checker) reportComment(cm *ast.Comment, msg string) {
	c.rep.Report(analysis.Diagnostic{Pos: cm.Pos(), End: cm.End(), Message: msg})
}
