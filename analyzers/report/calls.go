package report

import (
	"go/ast"
	"go/token"

	"golang.org/x/tools/go/analysis"
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
