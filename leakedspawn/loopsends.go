package leakedspawn

import (
	"fmt"
	"go/token"
	"go/types"
	"strings"

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
		fn := ls.Instr().Parent()
		if reached[fn] == nil {
			reached[fn] = flow.Reached(c.res, fn)
		}
		if !reached[fn](ls.Instr()) || !c.apiSend(ls.Instr()) {
			continue
		}
		ch := c.sendText(ls.Chan())
		loop := c.loopName(ls)
		var msg string
		signal := c.exitText(ls, ch)
		switch {
		case ls.Select != nil && signal != "":
			msg = fmt.Sprintf("send on %s waits until %s is done once %s has left on %s, forever if nobody cancels it; add case %s to this select", ch, ls.Ctx.Name(), loop, signal, signal)
		case ls.Select != nil:
			msg = fmt.Sprintf("send on %s waits until %s is done once %s has left on its stop signal, forever if nobody cancels it; have the loop close a done channel as it leaves, and add a case for it to this select", ch, ls.Ctx.Name(), loop)
		case signal != "":
			msg = fmt.Sprintf("send on %s blocks forever once %s has left on %s; select on %s here as well", ch, loop, signal, signal)
		default:
			msg = fmt.Sprintf("send on %s blocks forever once %s has left on its stop signal; have the loop close a done channel as it leaves, and select on that here as well", ch, loop)
		}
		c.rep.Report(analysis.Diagnostic{
			Pos: ls.Pos(), Message: msg,
			Related: []analysis.RelatedInformation{
				{Pos: ls.Exit, Message: "the loop leaves here"},
				{Pos: ls.Go.Pos(), Message: "the loop starts here"},
			},
		})
	}
}

// loopName names the owner loop: a function's by its name (Cache.run),
// wherever it is started; a literal's by the line of its go statement.
func (c *checker) loopName(ls summary.LoopSend) string {
	fn := ls.Loop
	if fn.Parent() != nil || fn.Object() == nil {
		return fmt.Sprintf("the loop started at line %d", c.pass.Fset.Position(ls.Go.Pos()).Line)
	}
	name := fn.Name()
	if recv := fn.Signature.Recv(); recv != nil {
		t := recv.Type()
		if p, ok := t.(*types.Pointer); ok {
			t = p.Elem()
		}
		if named, ok := types.Unalias(t).(*types.Named); ok {
			name = named.Obj().Name() + "." + name
		}
	}
	return "the loop in " + name
}

// apiSend reports whether send is in an exported function or method
// (of an unexported type too: it implements an exported interface, as
// raft's node does Node) outside test files, or in a literal inside one:
// code the package's users may call after Close or a cancel, when the
// loop is gone. Sends of unexported helpers and tests usually run while
// the loop serves.
func (c *checker) apiSend(send ssa.Instruction) bool {
	fn := summary.Outermost(send.Parent())
	if fn.Object() == nil || !fn.Object().Exported() {
		return false
	}
	return !strings.HasSuffix(c.pass.Fset.Position(send.Pos()).Filename, "_test.go")
}

// sendText is the channel expression of a send as written (s.req).
func (c *checker) sendText(ch ssa.Value) string {
	if base := c.baseText(ch); base != "" {
		return base
	}
	return "the channel"
}

// baseText writes a field load as the code does (s.req, t.p.req), when
// it starts from a named variable.
func (c *checker) baseText(v ssa.Value) string {
	switch x := v.(type) {
	case *ssa.Parameter:
		return x.Name()
	case *ssa.FreeVar:
		return x.Name()
	case *ssa.UnOp:
		if x.Op == token.MUL {
			switch addr := x.X.(type) {
			case *ssa.FieldAddr:
				return c.baseText(addr)
			case *ssa.Alloc:
				return addr.Comment // a variable a closure shares
			}
		}
	case *ssa.FieldAddr:
		if base := c.baseText(x.X); base != "" {
			return base + "." + summary.FieldName(x.X.Type(), x.Field)
		}
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
	if _, ok := exit.(*ssa.Call); !ok && !ls.ExitClosed {
		return "" // a stop that is sent: another receiver would take it
	}
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
			return "<-" + recv + "." + summary.FieldName(fa.X.Type(), fa.Field) + done
		}
	}
	return ""
}
