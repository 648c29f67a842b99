package summary

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/analysis"
)

// TestFactBodies checks which bodies a pass for facts only builds: what
// the importable functions name, transitively, and what reaches a cycle
// of mutual recursion among those; not what only reaches a function that
// is needed but in no such cycle.
func TestFactBodies(t *testing.T) {
	const src = `package p

func early(ch chan int) { loopB(ch) }  // reaches Loop's cycle: kept
func Loop(ch chan int)  { loopB(ch) }  // importable: kept
func loopB(ch chan int) { Loop(ch) }   // named by Loop: kept
func Self(ch chan int)  { helper(ch); Self(ch) } // importable, calls only itself
func helper(ch chan int) { <-ch }      // named by Self: kept
func late(ch chan int)  { helper(ch) } // reaches helper, in no cycle: left out
func alone()            {}             // named by nothing needed: left out
`
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "p.go", src, 0)
	require.NoError(t, err)
	info := &types.Info{Defs: map[*ast.Ident]types.Object{}, Uses: map[*ast.Ident]types.Object{}}
	pkg, err := new(types.Config).Check("p", fset, []*ast.File{file}, info)
	require.NoError(t, err)
	pass := &analysis.Pass{Fset: fset, Files: []*ast.File{file}, Pkg: pkg, TypesInfo: info}

	var kept []string
	for fd := range factBodies(pass, importable(pkg)) {
		kept = append(kept, fd.Name.Name)
	}
	slices.Sort(kept)
	require.Equal(t, []string{"Loop", "Self", "early", "helper", "loopB"}, kept)
}

// TestInCycles checks that only functions in a cycle of two or more are
// found, whatever the order of the edges.
func TestInCycles(t *testing.T) {
	fn := func(name string, pos token.Pos) *types.Func {
		return types.NewFunc(pos, nil, name, types.NewSignatureType(nil, nil, nil, nil, nil, false))
	}
	a, b, c, d, e := fn("a", 1), fn("b", 2), fn("c", 3), fn("d", 4), fn("e", 5)
	edges := map[*types.Func][]*types.Func{
		a: {b}, // a -> b -> c -> a: one cycle
		b: {c},
		c: {a, d}, // d only calls itself
		d: {d, e}, // e is reached by the cycle but in none
	}
	var names []string
	for _, f := range inCycles(edges) {
		names = append(names, f.Name())
	}
	slices.Sort(names)
	require.Equal(t, []string{"a", "b", "c"}, names)
}
