package leakedspawn

import (
	"go/token"

	"golang.org/x/tools/go/ssa"
)

// maxUseSteps bounds the walk over a goroutine body's uses of one value.
const maxUseSteps = 2000

// forEachUse calls visit for each instruction that uses v, looking
// through loads of a captured variable, phis, type changes, and closures
// that capture it. It stops when visit returns true.
func forEachUse(v ssa.Value, cell bool, visit func(v ssa.Value, instr ssa.Instruction) bool) {
	type item struct {
		v    ssa.Value
		cell bool
	}
	work := []item{{v, cell}}
	seen := map[ssa.Value]bool{v: true}
	add := func(v ssa.Value, cell bool) {
		if !seen[v] {
			seen[v] = true
			work = append(work, item{v, cell})
		}
	}
	steps := 0
	for len(work) > 0 {
		it := work[len(work)-1]
		work = work[:len(work)-1]
		refs := it.v.Referrers()
		if refs == nil {
			continue
		}
		for _, ref := range *refs {
			if steps++; steps > maxUseSteps {
				return
			}
			switch u := ref.(type) {
			case *ssa.DebugRef:
				continue
			case *ssa.UnOp:
				if it.cell && u.Op == token.MUL {
					add(u, false)
					continue
				}
			case *ssa.Phi:
				add(u, false)
				continue
			case *ssa.ChangeType:
				add(u, false)
				continue
			case *ssa.Store:
				// Storing a new value in the captured variable is not a use.
				if it.cell && u.Addr == it.v {
					continue
				}
			case *ssa.MakeClosure:
				if fn, ok := u.Fn.(*ssa.Function); ok {
					for j, b := range u.Bindings {
						if b == it.v && j < len(fn.FreeVars) {
							add(fn.FreeVars[j], true)
						}
					}
				}
				continue
			}
			if visit(it.v, ref) {
				return
			}
		}
	}
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
