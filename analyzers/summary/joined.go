package summary

import (
	"go/token"

	"golang.org/x/tools/go/ssa"
)

// joinedBeforeReturn reports whether the goroutine that g starts is
// joined before its spawner returns: it marks done a sync.WaitGroup the
// spawner hands it (captured or passed), and every path from g to a
// return of the spawner waits on that WaitGroup first. What such a
// goroutine does with the spawner's parameters, the spawner does before
// it returns: a worker-pool helper that runs fn in goroutines and waits
// calls fn, as far as its callers can tell.
func (s *state) joinedBeforeReturn(g *ssa.Go) bool {
	if j, ok := s.joinedMemo[g]; ok {
		return j
	}
	j := joinedBeforeReturn(g)
	s.joinedMemo[g] = j
	return j
}

// joinedBeforeReturn is the unmemoized answer.
func joinedBeforeReturn(g *ssa.Go) bool {
	var body *ssa.Function
	var bindings []ssa.Value
	switch f := g.Call.Value.(type) {
	case *ssa.MakeClosure:
		body, _ = f.Fn.(*ssa.Function)
		bindings = f.Bindings
	case *ssa.Function:
		body = f
	}
	if body == nil || body.Blocks == nil || g.Call.IsInvoke() {
		return false
	}
	// The spawner's WaitGroups the body marks done.
	var wgs []ssa.Value
	for _, recv := range doneReceivers(body) {
		if u, ok := recv.(*ssa.UnOp); ok && u.Op == token.MUL {
			recv = u.X // a captured variable's cell holding the *WaitGroup
		}
		switch r := recv.(type) {
		case *ssa.FreeVar:
			for i, fv := range body.FreeVars {
				if fv == r && i < len(bindings) {
					wgs = append(wgs, bindings[i])
				}
			}
		case *ssa.Parameter:
			for i, p := range body.Params {
				if p == r && i < len(g.Call.Args) {
					wgs = append(wgs, g.Call.Args[i])
				}
			}
		}
	}
	if len(wgs) == 0 {
		return false
	}
	waits := func(instr ssa.Instruction) bool {
		call, ok := instr.(ssa.CallInstruction)
		if !ok || !isWaitGroupMethod(call.Common(), "Wait") {
			return false
		}
		for _, wg := range wgs {
			if sameWaitGroup(call.Common().Args[0], wg) {
				return true
			}
		}
		return false
	}
	// Every path from g to a return passes a Wait on one of them.
	seen := map[*ssa.BasicBlock]bool{}
	type item struct {
		b *ssa.BasicBlock
		i int
	}
	stack := []item{{g.Block(), indexOf(g) + 1}}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		waited := false
		for _, instr := range it.b.Instrs[it.i:] {
			if waits(instr) {
				waited = true
				break
			}
			if _, ok := instr.(*ssa.Return); ok {
				return false
			}
		}
		if waited {
			continue
		}
		for _, s := range it.b.Succs {
			if !seen[s] {
				seen[s] = true
				stack = append(stack, item{s, 0})
			}
		}
	}
	return true
}

// doneReceivers returns the WaitGroups body marks done, as body sees
// them.
func doneReceivers(body *ssa.Function) []ssa.Value {
	var out []ssa.Value
	for _, b := range body.Blocks {
		for _, instr := range b.Instrs {
			if call, ok := instr.(ssa.CallInstruction); ok && isWaitGroupMethod(call.Common(), "Done") {
				out = append(out, call.Common().Args[0])
			}
		}
	}
	return out
}

// isWaitGroupMethod reports whether common calls (*sync.WaitGroup).name.
func isWaitGroupMethod(common *ssa.CallCommon, name string) bool {
	fn := common.StaticCallee()
	return fn != nil && fn.Name() == name && len(common.Args) == 1 && IsNamed(deref(common.Args[0].Type()), "sync", "WaitGroup")
}

// sameWaitGroup reports whether a and b are the same WaitGroup of one
// function: the same value, or loads of the same variable.
func sameWaitGroup(a, b ssa.Value) bool {
	strip := func(v ssa.Value) ssa.Value {
		if u, ok := v.(*ssa.UnOp); ok && u.Op == token.MUL {
			return u.X
		}
		return v
	}
	return a == b || strip(a) == strip(b)
}
