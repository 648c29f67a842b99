package cancelsafe

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/scopevet/scopevet/analyzers/summary"
)

// joinPoints returns the instructions of the spawner after which the
// goroutine of site has finished, so that it cannot still be waiting to
// send: a group's Wait; a WaitGroup's Wait when the goroutine marks it
// done as it exits; the end of a receive loop on a channel the goroutine
// closes as it exits (or any receive from it, when it only closes it).
func (f *fnCheck) joinPoints(site *summary.SpawnSite, p *pending) map[ssa.Instruction]bool {
	out := map[ssa.Instruction]bool{}
	for _, j := range site.Joins {
		switch j.Kind {
		case summary.JoinGroup:
			f.addWaits(out, j.Via)
		case summary.JoinWaitGroup:
			if defersCall(site.Body, "(*sync.WaitGroup).Done") {
				f.addWaits(out, j.Via)
			}
		case summary.JoinChannel:
			f.addCloseJoins(out, site, j.Via, p)
		}
	}
	return out
}

// addWaits adds the calls that wait on a WaitGroup or group.
func (f *fnCheck) addWaits(out map[ssa.Instruction]bool, via ssa.Value) {
	for _, u := range f.c.res.Uses(f.c.res.Canonical(via)) {
		if _, ok := u.Instr.(*ssa.Call); ok && u.Effect&summary.Awaits != 0 {
			out[u.Instr] = true
		}
	}
}

// addCloseJoins adds the points where the spawner learns that a channel
// the goroutine closes as it exits is closed.
func (f *fnCheck) addCloseJoins(out map[ssa.Instruction]bool, site *summary.SpawnSite, via ssa.Value, p *pending) {
	mc := f.chanRoot(via)
	if mc == nil || mc == p.made || site.Body == nil || site.Body.Blocks == nil {
		return
	}
	var bv ssa.Value
	for i, c := range site.Captures {
		if c == via {
			bv, _ = site.BodyValue(i)
		}
	}
	if bv == nil || !closesAtExit(site.Body, bv) {
		return
	}
	sendsToo := sendsOn(site.Body, bv)
	for _, u := range f.c.res.Uses(mc) {
		switch instr := u.Instr.(type) {
		case *ssa.UnOp:
			if instr.Op != token.ARROW {
				continue
			}
			if instr.CommaOk {
				if b := closedBranch(instr); b != nil {
					out[b.Instrs[0]] = true
				}
			} else if !sendsToo {
				out[instr] = true
			}
		case *ssa.Select:
			if sendsToo {
				continue
			}
			cases, _ := summary.Branches(instr)
			for i, st := range instr.States {
				if st.Dir == types.RecvOnly && f.chanRoot(st.Chan) == mc && cases != nil && len(cases[i].Instrs) > 0 {
					out[cases[i].Instrs[0]] = true
				}
			}
		}
	}
}

// closedBranch returns the block a comma-ok receive continues in when
// the channel is closed: the false branch of the test of ok.
func closedBranch(recv *ssa.UnOp) *ssa.BasicBlock {
	for _, ref := range *recv.Referrers() {
		ex, ok := ref.(*ssa.Extract)
		if !ok || ex.Index != 1 {
			continue
		}
		for _, r := range *ex.Referrers() {
			if br, ok := r.(*ssa.If); ok && br.Cond == ex && len(br.Block().Succs) == 2 {
				return br.Block().Succs[1]
			}
		}
	}
	return nil
}

// closesAtExit reports whether body closes the channel v in a deferred
// call, after everything else it does.
func closesAtExit(body *ssa.Function, v ssa.Value) bool {
	for _, b := range body.Blocks {
		for _, instr := range b.Instrs {
			d, ok := instr.(*ssa.Defer)
			if !ok {
				continue
			}
			if bi, ok := d.Common().Value.(*ssa.Builtin); ok && bi.Name() == "close" && len(d.Common().Args) == 1 {
				if arg := d.Common().Args[0]; arg == v || isLoadOf(arg, v) {
					return true
				}
			}
		}
	}
	return false
}

// sendsOn reports whether body sends on the channel v.
func sendsOn(body *ssa.Function, v ssa.Value) bool {
	for _, b := range body.Blocks {
		for _, instr := range b.Instrs {
			switch instr := instr.(type) {
			case *ssa.Send:
				if instr.Chan == v || isLoadOf(instr.Chan, v) {
					return true
				}
			case *ssa.Select:
				for _, st := range instr.States {
					if st.Dir == types.SendOnly && (st.Chan == v || isLoadOf(st.Chan, v)) {
						return true
					}
				}
			case ssa.CallInstruction:
				for _, a := range instr.Common().Args {
					if a == v || isLoadOf(a, v) {
						if _, ok := instr.Common().Value.(*ssa.Builtin); !ok {
							return true // a helper may send on it
						}
					}
				}
			}
		}
	}
	return false
}

// isLoadOf reports whether x loads the variable v.
func isLoadOf(x, v ssa.Value) bool {
	u, ok := x.(*ssa.UnOp)
	return ok && u.Op == token.MUL && u.X == v
}

// defersCall reports whether body defers a call of the named function.
func defersCall(body *ssa.Function, full string) bool {
	if body == nil {
		return false
	}
	for _, b := range body.Blocks {
		for _, instr := range b.Instrs {
			if d, ok := instr.(*ssa.Defer); ok {
				if fn := d.Common().StaticCallee(); fn != nil {
					if obj, ok := fn.Object().(*types.Func); ok && obj.FullName() == full {
						return true
					}
				}
			}
		}
	}
	return false
}
