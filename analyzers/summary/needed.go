package summary

import (
	"cmp"
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
// functions those name, transitively, are needed. Summaries are computed
// callees first, so the order of the others does not matter, except for
// mutual recursion: a cycle is entered where the walk from an earlier
// function reaches it, and its summaries depend on where. So every
// function that names a needed function of such a cycle, transitively, is
// kept too, which keeps that order, and so the facts, as they are with
// every body. It returns nil when no fact can be exported.
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
	var cyclic []*types.Func
	for _, fn := range inCycles(refs) {
		if needed[fn] {
			cyclic = append(cyclic, fn)
		}
	}
	closure(cyclic, namedBy, needed)
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

// inCycles returns the functions that are in a cycle of two or more
// (Tarjan's strongly connected components, iteratively: a chain of any
// length costs no stack). A function that only calls itself is not: its
// summary does not depend on where the walk comes from.
func inCycles(edges map[*types.Func][]*types.Func) []*types.Func {
	type frame struct {
		fn   *types.Func
		next int
	}
	index := map[*types.Func]int{}
	low := map[*types.Func]int{}
	onStack := map[*types.Func]bool{}
	var stack []*types.Func
	var out []*types.Func
	// Roots in a fixed order, so that the result does not depend on map order.
	var roots []*types.Func
	for fn := range edges {
		roots = append(roots, fn)
	}
	slices.SortFunc(roots, func(a, b *types.Func) int { return cmp.Compare(a.Pos(), b.Pos()) })
	for _, root := range roots {
		if _, ok := index[root]; ok {
			continue
		}
		frames := []frame{{fn: root}}
		index[root], low[root] = len(index), len(index)
		stack = append(stack, root)
		onStack[root] = true
		for len(frames) > 0 {
			top := &frames[len(frames)-1]
			if succ := edges[top.fn]; top.next < len(succ) {
				w := succ[top.next]
				top.next++
				if _, ok := index[w]; !ok {
					index[w], low[w] = len(index), len(index)
					stack = append(stack, w)
					onStack[w] = true
					frames = append(frames, frame{fn: w})
				} else if onStack[w] {
					low[top.fn] = min(low[top.fn], index[w])
				}
				continue
			}
			v := top.fn
			frames = frames[:len(frames)-1]
			if len(frames) > 0 {
				parent := frames[len(frames)-1].fn
				low[parent] = min(low[parent], low[v])
			}
			if low[v] != index[v] {
				continue
			}
			i := len(stack) - 1
			for stack[i] != v {
				i--
			}
			if len(stack)-i > 1 {
				out = append(out, stack[i:]...)
			}
			for _, w := range stack[i:] {
				onStack[w] = false
			}
			stack = stack[:i]
		}
	}
	return out
}
