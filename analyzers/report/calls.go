package report

import (
	"go/ast"
	"go/token"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
)

// CallIndex maps each call's Lparen, which SSA uses as the call's
// position, to its syntax, so that checks can report at the whole call
// and quote it as the user wrote it. Checks get it from the shared pass
// (summary.Result.Calls), which builds it once per package.
func CallIndex(pass *analysis.Pass) map[token.Pos]*ast.CallExpr {
	calls := map[token.Pos]*ast.CallExpr{}
	for _, f := range pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			if call, ok := n.(*ast.CallExpr); ok {
				calls[call.Lparen] = call
			}
			return true
		})
	}
	return calls
}

// AssignedNames maps the Lparen of each call assigned to a variable
// (x := f(...), var x = f(...), a, b := f(), g() pairwise) to the
// variable's name, so that a check can name what a make or a
// constructor returned as the user does. Checks get it from the shared
// pass (summary.Result.AssignedNames).
func AssignedNames(pass *analysis.Pass) map[token.Pos]string {
	names := map[token.Pos]string{}
	record := func(lhs, rhs ast.Expr) {
		id, ok := lhs.(*ast.Ident)
		call, ok2 := ast.Unparen(rhs).(*ast.CallExpr)
		if ok && ok2 && id.Name != "_" {
			names[call.Lparen] = id.Name
		}
	}
	for _, f := range pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.AssignStmt:
				if len(n.Lhs) == len(n.Rhs) {
					for i := range n.Lhs {
						record(n.Lhs[i], n.Rhs[i])
					}
				}
			case *ast.ValueSpec:
				if len(n.Names) == len(n.Values) {
					for i := range n.Names {
						record(n.Names[i], n.Values[i])
					}
				}
			}
			return true
		})
	}
	return names
}

// PathTo returns the syntax of the package enclosing pos, innermost
// first (astutil.PathEnclosingInterval), or nil.
func PathTo(pass *analysis.Pass, pos token.Pos) []ast.Node {
	for _, f := range pass.Files {
		if f.FileStart <= pos && pos < f.FileEnd {
			path, _ := astutil.PathEnclosingInterval(f, pos, pos)
			return path
		}
	}
	return nil
}
