package leakedspawn

import (
	"fmt"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/scopevet/scopevet/analyzers/summary"
)

// checkHelperCalls reports a call of a helper, known only through its
// summary (often from another package), that hands a channel fn made to
// a goroutine which waits on it forever: the goroutine receives and
// nobody sends or closes, or (with -strict) it sends on an unbuffered
// channel and nobody receives. A summary says that a goroutine may send,
// not that it will: on moby, a test server's goroutine sent only after
// reading a line from a client that never wrote one. On real code the
// receive case has been right each time it fired, the send case once in
// three.
func (c *checker) checkHelperCalls(fn *ssa.Function, reached func(ssa.Instruction) bool) {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(ssa.CallInstruction)
			if !ok || call.Common().IsInvoke() || !reached(instr) {
				continue
			}
			callee := call.Common().StaticCallee()
			if callee == nil {
				continue
			}
			if _, ok := call.(*ssa.Go); ok && len(callee.Blocks) > 0 {
				continue // a body in this package is read directly as a spawn site
			}
			for _, arg := range call.Common().Args {
				ch, ok := c.res.HeldValue(arg).(*ssa.MakeChan)
				if !ok || ch.Parent() != fn {
					continue
				}
				if f := c.strandedByHelper(call, ch); f != nil {
					c.reportCall(call, f)
					break
				}
			}
		}
	}
}

// strandedByHelper describes how the goroutine a helper call starts is
// stranded on ch, or returns nil.
func (c *checker) strandedByHelper(call ssa.CallInstruction, ch *ssa.MakeChan) *finding {
	var mine, others summary.Effect
	for _, u := range c.res.Uses(ch) {
		if u.Instr == call {
			mine |= u.Effect
		} else {
			others |= u.Effect
		}
	}
	if (mine|others)&letsItEscape != 0 || mine&(summary.Awaits|summary.Sends|summary.Closes) != 0 {
		return nil
	}
	name := c.varName(ch, "the channel it is given")
	who := "goroutine started by " + c.callText(call)
	if _, ok := call.(*ssa.Go); ok {
		who = "goroutine running " + c.callText(call)
	}
	var f *finding
	switch {
	case mine&summary.AsyncAwaits != 0 && (mine|others)&wakesReceiver == 0 && !c.helperWaitGivesUp(call, ch):
		f = &finding{msg: fmt.Sprintf("%s receives from %s, which nobody sends on or closes; it blocks forever", who, name)}
	case c.strict && mine&summary.AsyncSends != 0 && isUnbuffered(ch) && others&wakesSender == 0:
		f = &finding{msg: fmt.Sprintf("%s sends on %s, which nobody receives from; it blocks forever", who, name)}
	default:
		return nil
	}
	f.related = []analysis.RelatedInformation{{Pos: ch.Pos(), Message: "made here"}}
	return f
}

// callText quotes the called function as the user wrote it.
func (c *checker) callText(call ssa.CallInstruction) string {
	if syntax := c.calls[call.Common().Pos()]; syntax != nil {
		return exprText(syntax.Fun)
	}
	return call.Common().StaticCallee().Name()
}

// helperWaitGivesUp reports whether the goroutines a helper of this
// package starts wait on ch only in selects with another way out (a
// timer, ctx.Done(), a default): the summary says the helper awaits ch,
// not whether it can stop waiting.
func (c *checker) helperWaitGivesUp(call ssa.CallInstruction, ch *ssa.MakeChan) bool {
	callee := call.Common().StaticCallee()
	if callee == nil || len(callee.Blocks) == 0 {
		return false
	}
	var params []ssa.Value
	for j, arg := range call.Common().Args {
		if c.res.HeldValue(arg) == ch && j < len(callee.Params) {
			params = append(params, callee.Params[j])
		}
	}
	found, waits, guarded := false, 0, 0
	for _, site := range c.res.Spawns(callee) {
		for i, capture := range site.Captures {
			if !slices.Contains(params, c.res.HeldValue(capture)) {
				continue
			}
			found = true
			bv, cell := site.BodyValue(i)
			if bv == nil {
				return false
			}
			uses := map[ssa.Instruction]bool{}
			forEachUse(bv, cell, func(_ ssa.Value, instr ssa.Instruction) bool {
				uses[instr] = true
				return false
			})
			for _, op := range site.Ops {
				if !uses[op.Instr] {
					continue
				}
				waits++
				if sel, ok := op.Instr.(*ssa.Select); ok && hasOtherWayOut(sel) {
					guarded++
				}
			}
		}
	}
	// A wait in a callee of the body is not an op here: still silent,
	// as a goroutine that may not block at all.
	return found && waits == guarded
}

// hasOtherWayOut reports whether sel can take a case other than one
// receive: a default, or two receive cases or more.
func hasOtherWayOut(sel *ssa.Select) bool {
	if !sel.Blocking {
		return true
	}
	recvs := 0
	for _, st := range sel.States {
		if st.Dir == types.RecvOnly {
			recvs++
		}
	}
	return recvs > 1
}
