package leakedspawn

import (
	"go/token"

	"golang.org/x/tools/go/ssa"

	"github.com/scopevet/scopevet/analyzers/summary"
)

// forEachUse calls visit for each instruction that uses v, looking
// through loads of a captured variable, phis, type changes, and closures
// that capture it. It stops when visit returns true.
func forEachUse(v ssa.Value, cell bool, visit func(v ssa.Value, instr ssa.Instruction) bool) {
	summary.BodyUses(v, cell, func(alias ssa.Value, instr ssa.Instruction) summary.Step {
		switch u := instr.(type) {
		case *ssa.MakeClosure, *ssa.Phi:
			return summary.Into
		case *ssa.Store:
			if u.Addr == alias {
				return summary.Next // a new value in the variable is no use of it
			}
		}
		if visit(alias, instr) {
			return summary.Stop
		}
		return summary.Next
	})
}

// forEachHeldUse is forEachUse over v and, through each store of v (or
// of a value loaded from such a variable) into a local variable, over
// that variable's uses; visit sees any other store. Each variable is
// walked once, so stores that go round (a = b; b = a) end. It reports
// whether visit stopped the walk.
func forEachHeldUse(v ssa.Value, visit func(v ssa.Value, instr ssa.Instruction) bool) bool {
	seen := map[*ssa.Alloc]bool{}
	var walk func(v ssa.Value, cell bool) bool
	walk = func(v ssa.Value, cell bool) bool {
		stopped := false
		forEachUse(v, cell, func(x ssa.Value, instr ssa.Instruction) bool {
			if st, ok := instr.(*ssa.Store); ok && st.Val == x {
				if alloc, ok := st.Addr.(*ssa.Alloc); ok {
					if !seen[alloc] {
						seen[alloc] = true
						stopped = walk(alloc, true)
					}
					return stopped
				}
			}
			stopped = visit(x, instr)
			return stopped
		})
		return stopped
	}
	return walk(v, false)
}

// isPlainReceive reports whether instr receives from ch in a way that
// cannot give up: a receive statement or a range, not a select case.
func isPlainReceive(instr ssa.Instruction, ch ssa.Value) (recv *ssa.UnOp, ok bool) {
	u, ok := instr.(*ssa.UnOp)
	if !ok || u.Op != token.ARROW || u.X != ch {
		return nil, false
	}
	return u, true
}
