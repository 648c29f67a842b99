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

// isPlainReceive reports whether instr receives from ch in a way that
// cannot give up: a receive statement or a range, not a select case.
func isPlainReceive(instr ssa.Instruction, ch ssa.Value) (recv *ssa.UnOp, ok bool) {
	u, ok := instr.(*ssa.UnOp)
	if !ok || u.Op != token.ARROW || u.X != ch {
		return nil, false
	}
	return u, true
}
