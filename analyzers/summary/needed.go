package summary

import (
	"go/ast"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
)

// factBodies returns the function declarations whose bodies the facts of
// a package can depend on, for a package analyzed only for its facts
// (FactsAnalyzer): every other body is left out of SSA, which is most of
// what the pass costs there. Facts are exported only for importable
// functions, so those are the roots, with the package's Wait-like methods
// (a summary consults them for any value it returns, not by name). A
// summary depends on the summaries of what its body names, so the
// functions those name, transitively, are needed. So is every function
// that names a needed one, transitively: summaries are computed callees
// first, one recursive cycle entered where the walk from an earlier
// function reaches it, and keeping every function that reaches a needed
// one keeps that order, and so the facts, as they are with every body.
// It returns nil when no fact can be exported.
func factBodies(pass *analysis.Pass, api *importableFuncs) map[*ast.FuncDecl]bool {
	decls := map[*types.Func]*ast.FuncDecl{}
	var roots []*types.Func
	for _, file := range pass.Files {
		for _, decl := range file.Decls {
			fd, ok := decl.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			obj, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func)
			if !ok {
				continue
			}
			decls[obj] = fd
			if api.has(obj) || fd.Recv != nil && slices.Contains(joinMethodNames, obj.Name()) {
				roots = append(roots, obj)
			}
		}
	}
	if !slices.ContainsFunc(roots, api.has) {
		return nil
	}
	// What each body names, and who names each function.
	refs := map[*types.Func][]*types.Func{}
	namedBy := map[*types.Func][]*types.Func{}
	for obj, fd := range decls {
		seen := map[*types.Func]bool{}
		ast.Inspect(fd.Body, func(n ast.Node) bool {
			id, ok := n.(*ast.Ident)
			if !ok {
				return true
			}
			fn, ok := pass.TypesInfo.Uses[id].(*types.Func)
			if !ok {
				return true
			}
			fn = fn.Origin()
			if decls[fn] != nil && !seen[fn] {
				seen[fn] = true
				refs[obj] = append(refs[obj], fn)
				namedBy[fn] = append(namedBy[fn], obj)
			}
			return true
		})
	}
	needed := map[*types.Func]bool{}
	closure(roots, refs, needed)
	var reached []*types.Func
	for fn := range needed {
		reached = append(reached, fn)
	}
	closure(reached, namedBy, needed)
	keep := map[*ast.FuncDecl]bool{}
	for fn := range needed {
		keep[decls[fn]] = true
	}
	return keep
}

// closure adds to set the functions from, and every one that edges leads
// to from them, transitively.
func closure(from []*types.Func, edges map[*types.Func][]*types.Func, set map[*types.Func]bool) {
	stack := slices.Clone(from)
	for _, fn := range from {
		set[fn] = true
	}
	for len(stack) > 0 {
		fn := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, next := range edges[fn] {
			if !set[next] {
				set[next] = true
				stack = append(stack, next)
			}
		}
	}
}
