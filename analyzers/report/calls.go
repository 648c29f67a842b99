package report

import (
	"go/ast"
	"go/token"
	"go/types"
	"sync"

	"golang.org/x/tools/go/analysis"
)

// CallIndex maps each call's Lparen, which SSA uses as the call's
// position, to its syntax, so that checks can report at the whole call
// and quote it as the user wrote it. The map is shared: do not change it.
//
// Two checks ask for the index of the same package, and walking every
// file of it was a tenth of what the suite added to go vet's work on
// the packages it analyzes in full, so the last package's index is kept
// and handed to the next pass over the same package (the same
// types.Package and files: one type-check). A driver that analyzes
// several packages at once just builds an index more often.
func CallIndex(pass *analysis.Pass) map[token.Pos]*ast.CallExpr {
	lastIndex.mu.Lock()
	defer lastIndex.mu.Unlock()
	if last := &lastIndex; last.calls != nil && last.pkg == pass.Pkg && sameFiles(last.files, pass.Files) {
		return last.calls
	}
	calls := map[token.Pos]*ast.CallExpr{}
	for _, f := range pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			if call, ok := n.(*ast.CallExpr); ok {
				calls[call.Lparen] = call
			}
			return true
		})
	}
	lastIndex.pkg, lastIndex.files, lastIndex.calls = pass.Pkg, pass.Files, calls
	return calls
}

// lastIndex is the index CallIndex built last, and for what.
var lastIndex struct {
	mu    sync.Mutex
	pkg   *types.Package
	files []*ast.File
	calls map[token.Pos]*ast.CallExpr
}

func sameFiles(a, b []*ast.File) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
