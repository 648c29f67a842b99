package summary

import "golang.org/x/tools/go/ssa"

// calleesFirst orders funcs so that each function comes after the
// package's functions it refers to (callees, literals, function values),
// as far as recursion allows. Summarizing in this order keeps the nesting
// of summaries shallow, so that the depth bound never cuts a long chain
// of calls short, and the answer is the same whatever order the functions
// are declared in. The walk is iterative: a chain of any length costs no
// stack.
func calleesFirst(pkg *ssa.Package, funcs []*ssa.Function) []*ssa.Function {
	type frame struct {
		fn   *ssa.Function
		refs []*ssa.Function
	}
	done := map[*ssa.Function]bool{}
	out := make([]*ssa.Function, 0, len(funcs))
	var stack []frame
	for _, root := range funcs {
		if done[root] {
			continue
		}
		done[root] = true
		stack = append(stack, frame{root, refsOf(pkg, root)})
		for len(stack) > 0 {
			top := &stack[len(stack)-1]
			if len(top.refs) == 0 {
				out = append(out, top.fn)
				stack = stack[:len(stack)-1]
				continue
			}
			next := top.refs[0]
			top.refs = top.refs[1:]
			if !done[next] {
				done[next] = true
				stack = append(stack, frame{next, refsOf(pkg, next)})
			}
		}
	}
	return out
}

// refsOf lists the source functions of pkg that fn's instructions name,
// in instruction order.
func refsOf(pkg *ssa.Package, fn *ssa.Function) []*ssa.Function {
	var refs []*ssa.Function
	var ops []*ssa.Value
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			ops = instr.Operands(ops[:0])
			for _, op := range ops {
				if op == nil {
					continue
				}
				callee, ok := (*op).(*ssa.Function)
				if !ok {
					continue
				}
				if o := callee.Origin(); o != nil {
					callee = o
				}
				if callee.Pkg == pkg && callee.Synthetic == "" && callee.Blocks != nil {
					refs = append(refs, callee)
				}
			}
		}
	}
	return refs
}
