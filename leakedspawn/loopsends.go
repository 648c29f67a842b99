package leakedspawn

import (
	"fmt"
	"go/token"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/scopevet/scopevet/analyzers/flow"
	"github.com/scopevet/scopevet/analyzers/summary"
)

// checkLoopSends reports a plain send on a field channel that only an
// owner's loop goroutine serves, in a select it leaves on a stop signal:
// once the loop has left, the send blocks forever. The fix is always the
// same, a select on that signal around the send.
func (c *checker) checkLoopSends() {
	reached := map[*ssa.Function]func(ssa.Instruction) bool{}
	for _, ls := range c.res.LoopSends() {
		fn := ls.Send.Parent()
		if reached[fn] == nil {
			reached[fn] = flow.Reached(c.res, fn)
		}
		if !reached[fn](ls.Send) {
			continue
		}
		ch := c.sendText(ls.Send)
		line := c.pass.Fset.Position(ls.Go.Pos()).Line
		var msg string
		if signal := c.exitText(ls, ch); signal != "" {
			msg = fmt.Sprintf("send on %s blocks forever once the loop started at line %d has left on %s; select on %s here as well", ch, line, signal, signal)
		} else {
			msg = fmt.Sprintf("send on %s blocks forever once the loop started at line %d has left on its stop signal; select on a channel that is closed then as well", ch, line)
		}
		c.rep.Report(analysis.Diagnostic{
			Pos: ls.Send.Pos(), Message: msg,
			Related: []analysis.RelatedInformation{
				{Pos: ls.Exit, Message: "the loop leaves here"},
				{Pos: ls.Go.Pos(), Message: "the loop starts here"},
			},
		})
	}
}

// sendText is the channel expression of send as written (s.req).
func (c *checker) sendText(send *ssa.Send) string {
	if base := c.baseText(send.Chan); base != "" {
		return base
	}
	return "the channel"
}

// baseText writes *x.f as x.f, when x is a named variable.
func (c *checker) baseText(v ssa.Value) string {
	load, ok := v.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return ""
	}
	fa, ok := load.X.(*ssa.FieldAddr)
	if !ok {
		return ""
	}
	name := fieldName(fa.X.Type(), fa.Field)
	switch x := fa.X.(type) {
	case *ssa.Parameter:
		return x.Name() + "." + name
	case *ssa.FreeVar:
		return x.Name() + "." + name
	}
	return ""
}

// exitText names the exit signal as the sender can write it: the
// sender's own receiver with the loop's field (<-s.done,
// <-s.ctx.Done()); "" when the loop alone holds it (a context parameter).
func (c *checker) exitText(ls summary.LoopSend, ch string) string {
	recv := ""
	if i := len(ch) - len(ls.Field) - 1; i > 0 && ch[i] == '.' {
		recv = ch[:i]
	}
	if recv == "" {
		return ""
	}
	exit, done := ls.ExitChan, ""
	if call, ok := exit.(*ssa.Call); ok {
		switch {
		case call.Call.IsInvoke():
			exit = call.Call.Value
		case len(call.Call.Args) > 0:
			exit = call.Call.Args[0]
		default:
			return ""
		}
		done = ".Done()"
	}
	if load, ok := exit.(*ssa.UnOp); ok && load.Op == token.MUL {
		if fa, ok := load.X.(*ssa.FieldAddr); ok {
			return "<-" + recv + "." + fieldName(fa.X.Type(), fa.Field) + done
		}
	}
	return ""
}
