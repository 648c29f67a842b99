package summary

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestWithoutHugeBodies checks the syntax bound applied before SSA is
// built: the huge function loses its body in a copy, the small one keeps
// its own declaration, and the files other analyzers read are unchanged.
func TestWithoutHugeBodies(t *testing.T) {
	var src strings.Builder
	src.WriteString("package p\n\nfunc small(ch chan int) { go func() { ch <- 1 }() }\n\nfunc huge(ch chan int) {\n")
	for i := 0; i <= maxBlocks; i++ {
		fmt.Fprintf(&src, "\tif x := %d; x > 0 { ch <- x }\n", i)
	}
	src.WriteString("}\n")
	other := "package p\n\nfunc other() {}\n"

	fset := token.NewFileSet()
	f1, err := parser.ParseFile(fset, "a.go", src.String(), 0)
	require.NoError(t, err)
	f2, err := parser.ParseFile(fset, "b.go", other, 0)
	require.NoError(t, err)
	hugeBody := f1.Decls[1].(*ast.FuncDecl).Body

	files := withoutBodies([]*ast.File{f1, f2}, nil)
	require.Len(t, files, 2)
	require.NotSame(t, f1, files[0])
	require.Same(t, f2, files[1], "a file without huge functions is not copied")
	require.Same(t, f1.Decls[0], files[0].Decls[0], "small keeps its declaration")
	trimmed := files[0].Decls[1].(*ast.FuncDecl)
	require.Equal(t, "huge", trimmed.Name.Name)
	require.Nil(t, trimmed.Body)
	require.Same(t, f1.Decls[1].(*ast.FuncDecl).Type, trimmed.Type)
	require.Same(t, hugeBody, f1.Decls[1].(*ast.FuncDecl).Body, "the original keeps its body")

	unchanged := []*ast.File{f2}
	require.Equal(t, unchanged, withoutBodies(unchanged, nil))
}

func TestOverSyntaxBound(t *testing.T) {
	body := func(line string, n int) *ast.BlockStmt {
		src := "package p\nfunc f(a, b bool, ch chan int) {\n" + strings.Repeat(line+"\n", n) + "}\n"
		f, err := parser.ParseFile(token.NewFileSet(), "p.go", src, 0)
		require.NoError(t, err)
		return f.Decls[0].(*ast.FuncDecl).Body
	}
	// 3 nodes and no branch per line: only the node bound applies.
	require.False(t, overSyntaxBound(body("ch <- 1", maxNodes/3-1)))
	require.True(t, overSyntaxBound(body("ch <- 1", maxNodes/3+1)))
	// An if with && is 2 branches: the branch bound comes first.
	require.False(t, overSyntaxBound(body("if a && b {}", maxBlocks/2)))
	require.True(t, overSyntaxBound(body("if a && b {}", maxBlocks/2+1)))
	// || and case clauses count too.
	require.True(t, overSyntaxBound(body("_ = a || b", maxBlocks+1)))
	require.True(t, overSyntaxBound(body("switch { case a: }", maxBlocks+1)))
	require.False(t, overSyntaxBound(body("_ = a != b", maxBlocks+1)))
}
