package summary

import (
	"go/token"

	"golang.org/x/tools/go/ssa"
)

// maxBodyUseSteps bounds one walk of BodyUses.
const maxBodyUseSteps = 2000

// Step tells BodyUses what to do after a visit.
type Step uint8

const (
	// Next goes on to the next use.
	Next Step = iota
	// Stop ends the walk.
	Stop
	// Into also walks what was just visited: a phi, as another alias of
	// the value, or a closure, from its free variable bound to the value.
	Into
)

// BodyUses calls visit for each instruction of a goroutine's body that
// uses v, a parameter or (cell) a captured variable, seeing through
// loads of the variable and type changes: alias is the value the
// instruction uses. Phis and closures are visited, and walked only when
// visit says Into; so are stores, a new value in the variable among them.
// It returns false when the walk was cut short by its bound, so that a
// check that needs every use stays silent.
func BodyUses(v ssa.Value, cell bool, visit func(alias ssa.Value, instr ssa.Instruction) Step) bool {
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
			if steps++; steps > maxBodyUseSteps {
				return false
			}
			switch u := ref.(type) {
			case *ssa.DebugRef:
				continue
			case *ssa.UnOp:
				if it.cell && u.Op == token.MUL {
					add(u, false)
					continue
				}
			case *ssa.ChangeType:
				add(u, false)
				continue
			}
			switch visit(it.v, ref) {
			case Stop:
				return true
			case Into:
				switch u := ref.(type) {
				case *ssa.Phi:
					add(u, false)
				case *ssa.MakeClosure:
					if fn, ok := u.Fn.(*ssa.Function); ok {
						for j, b := range u.Bindings {
							if b == it.v && j < len(fn.FreeVars) {
								add(fn.FreeVars[j], true)
							}
						}
					}
				}
			}
		}
	}
	return true
}
