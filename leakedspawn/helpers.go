package leakedspawn

import (
	"fmt"

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
			if !ok || call.Common().IsInvoke() || !reached(instr) || !c.daemons && c.res.RunsOnceAt(instr) {
				continue // RunsOnceAt: one goroutine per run, see checkSite
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
	case mine&summary.AsyncPlainAwaits != 0 && (mine|others)&wakesReceiver == 0:
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
