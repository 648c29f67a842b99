package summary

import (
	"slices"

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
	j := false
	if site := s.bareSite(g, g.Call.Value, g.Call.Args); site.Body != nil && site.Body.Blocks != nil && !g.Call.IsInvoke() {
		var wgs []ssa.Value // the spawner's WaitGroups the body marks done
		for _, recv := range doneReceivers(site.Body) {
			if i := site.CaptureOf(recv); i >= 0 {
				wgs = append(wgs, s.heldValue(site.Captures[i]))
			}
		}
		waits := func(instr ssa.Instruction) bool {
			call, ok := instr.(ssa.CallInstruction)
			return ok && isWaitGroupMethod(call.Common(), "Wait") && slices.Contains(wgs, s.heldValue(call.Common().Args[0]))
		}
		isReturn := func(instr ssa.Instruction) bool { _, ok := instr.(*ssa.Return); return ok }
		j = len(wgs) > 0 && s.everyPath(g, waits, isReturn)
	}
	s.joinedMemo[g] = j
	return j
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
