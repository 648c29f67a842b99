package summary

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// chanKey names a channel as the spawner sees it: a value, or a field of
// one (b.quit), so that the spawner's loads and the goroutine's meet.
type chanKey struct {
	base  ssa.Value
	field int // -1 for the value itself
}

// ReleasedAt returns the spawner's instructions after which the goroutine
// of site is on its way out: calls of a cancel func that ends it
// (CancelCalls), and, when each of its blocking operations can give up on
// one stop channel (a select case that leaves, on a channel it is handed)
// or is a send with room, the spawner's close of that channel, its plain
// receive from it, and the branch of its select where that receive won:
// the channel is closed then, since a stop channel is closed, not sent
// on. Nil when there is none.
func (r *Result) ReleasedAt(site SpawnSite) []ssa.Instruction {
	out := r.CancelCalls(site)
	if r.s == nil || site.Body == nil || len(site.Ops) == 0 {
		return out
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	s := r.s
	var stops map[chanKey]bool // the channels every op can give up on
	var leaves map[*ssa.BasicBlock]bool
	for _, op := range site.Ops {
		if send, ok := op.Instr.(*ssa.Send); ok && s.hasRoom(site, send) {
			continue
		}
		sel, ok := op.Instr.(*ssa.Select)
		if !ok || op.Cancel < 0 {
			return out
		}
		if leaves == nil {
			leaves = s.leavingBlocks(site.Body)
		}
		cases, _ := Branches(sel)
		mine := map[chanKey]bool{}
		for i, st := range sel.States {
			if st.Dir != types.RecvOnly || cases == nil || !leaves[cases[i]] || !s.isCancelSource(site.Body, st.Chan) {
				continue
			}
			if k, ok := s.spawnerKey(site, st.Chan); ok && (stops == nil || stops[k]) {
				mine[k] = true
			}
		}
		stops = mine
		if len(stops) == 0 {
			return out
		}
	}
	fn := site.Instr.Parent()
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			switch instr := instr.(type) {
			case *ssa.Call:
				if bi, ok := instr.Call.Value.(*ssa.Builtin); ok && bi.Name() == "close" && stops[s.localKey(instr.Call.Args[0])] {
					out = append(out, instr)
				}
			case *ssa.UnOp:
				if instr.Op == token.ARROW && stops[s.localKey(instr.X)] {
					out = append(out, instr)
				}
			case *ssa.Select:
				cases, _ := Branches(instr)
				for i, st := range instr.States {
					if st.Dir == types.RecvOnly && cases != nil && stops[s.localKey(st.Chan)] && len(cases[i].Instrs) > 0 {
						out = append(out, cases[i].Instrs[0])
					}
				}
			}
		}
	}
	return out
}

// localKey names a channel value of the spawner.
func (s *state) localKey(v ssa.Value) chanKey {
	if load, ok := v.(*ssa.UnOp); ok && load.Op == token.MUL {
		if fa, ok := load.X.(*ssa.FieldAddr); ok {
			return chanKey{s.canonical(fa.X), fa.Field}
		}
	}
	return chanKey{s.canonical(v), -1}
}

// spawnerKey names ch, a channel of the goroutine's body, as its spawner
// does: a capture, or a field of one.
func (s *state) spawnerKey(site SpawnSite, ch ssa.Value) (chanKey, bool) {
	field := -1
	if load, ok := ch.(*ssa.UnOp); ok && load.Op == token.MUL {
		if fa, ok := load.X.(*ssa.FieldAddr); ok {
			ch, field = fa.X, fa.Field
		}
	}
	i := captureOf(site, ch)
	if i < 0 {
		return chanKey{}, false
	}
	v := valueAt(site.Captures[i], site.Instr)
	if v == nil {
		return chanKey{}, false
	}
	return chanKey{s.canonical(v), field}, true
}
