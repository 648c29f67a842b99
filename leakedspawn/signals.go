package leakedspawn

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/scopevet/scopevet/analyzers/report"
	"github.com/scopevet/scopevet/analyzers/summary"
)

// stoppedSignals handles a channel fn registers with signal.Notify and
// later hands to signal.Stop, as if that ended the goroutine that waits
// on it: Stop only ends the runtime's sends, nobody closes the channel,
// so the goroutine waits for good. Without a Stop the goroutine is a
// signal handler for the life of the process, and stays silent.
func (c *checker) stoppedSignals(site summary.SpawnSite, ch *ssa.MakeChan, bv ssa.Value, cell bool) *finding {
	use, ok := c.signalUse(site, ch)
	if !ok || use.stop == nil {
		return nil
	}
	stop := use.stop
	name := c.varName(ch, "its channel")
	var f *finding
	forEachUse(bv, cell, func(v ssa.Value, instr ssa.Instruction) bool {
		recv, ok := isPlainReceive(instr, v)
		if !ok {
			return false
		}
		switch {
		case recv.CommaOk && loopsUntilClosed(recv):
			f = c.found(recv, fmt.Sprintf("goroutine ranges over %s, which signal.Stop stops but nobody closes; the goroutine never exits (close %s after the Stop)", name, name), "waits here for a signal that never comes")
			if use.stops == 1 && !use.received {
				f.fix = c.closeAfterStop(site, stop)
			}
		case summary.Innermost(c.res.Loops(recv.Parent()), recv.Block()) != nil:
			f = c.found(recv, fmt.Sprintf("goroutine waits on %s in a loop, but signal.Stop ends the signals and nobody closes %s; the goroutine never exits", name, name), "waits here for a signal that never comes")
		default:
			f = c.found(recv, fmt.Sprintf("goroutine waits on %s, which gets no signal after signal.Stop and is never closed; unless a signal came first, it blocks forever (select on a done channel as well)", name), "waits here for a signal that never comes")
		}
		return true
	})
	if f != nil {
		f.related = append(f.related, analysis.RelatedInformation{Pos: stop.Pos(), Message: "signal.Stop here does not close " + name})
	}
	return f
}

// signalUse is what fn and its literals do with a signal channel.
type signalUse struct {
	stop     ssa.CallInstruction // the first signal.Stop outside the goroutine
	stops    int                 // how many signal.Stop calls there are
	received bool                // someone but the goroutine receives from it
}

// signalUse tells how fn uses ch, when fn hands ch to signal.Notify and
// otherwise only keeps it in local variables (forEachHeldUse), receives
// from it, stops it, or shares it with its own literals. ok is false for any other use:
// a close, a send of its own (a Stop that fakes a signal), a callee or a
// field that may do either.
func (c *checker) signalUse(site summary.SpawnSite, ch *ssa.MakeChan) (use signalUse, ok bool) {
	notified, ok := false, true
	forEachHeldUse(ch, func(v ssa.Value, instr ssa.Instruction) bool {
		if isSiteInstr(site, instr) {
			return false
		}
		switch u := instr.(type) {
		case *ssa.DebugRef:
			return false
		case *ssa.UnOp:
			if u.Op == token.ARROW {
				use.received = use.received || !c.res.RunsWithin(u.Parent(), site.Body)
				return false
			}
			if u.Op == token.MUL {
				return false
			}
		case ssa.CallInstruction:
			switch summary.SignalFunc(u.Common()) {
			case "Notify":
				notified = true
				return false
			case "Stop":
				use.stops++
				if use.stop == nil && !c.res.RunsWithin(u.Parent(), site.Body) {
					use.stop = u
				}
				return false
			}
		}
		ok = false
		return true
	})
	return use, ok && notified
}

// closeAfterStop closes the channel right after stop, fn's only
// signal.Stop, a statement of fn outside its loops: once Stop returns no
// signal comes, so the close is safe and ends the range.
func (c *checker) closeAfterStop(site summary.SpawnSite, stop ssa.CallInstruction) *analysis.SuggestedFix {
	fn := site.Instr.Parent()
	if stop.Parent() != fn || summary.Innermost(c.res.Loops(fn), stop.Block()) != nil {
		return nil
	}
	path := report.PathTo(c.pass, stop.Pos())
	var stmt ast.Stmt
	var call *ast.CallExpr
	for _, n := range path {
		switch n := n.(type) {
		case *ast.DeferStmt:
			stmt, call = n, n.Call
		case *ast.ExprStmt:
			stmt, _ = n, 0
			call, _ = ast.Unparen(n.X).(*ast.CallExpr)
		case *ast.CallExpr, *ast.Ident, *ast.SelectorExpr:
			continue
		}
		break
	}
	if stmt == nil || call == nil || len(call.Args) != 1 {
		return nil
	}
	indent := strings.Repeat("\t", c.pass.Fset.Position(stmt.Pos()).Column-1)
	stopText, arg := types.ExprString(call), types.ExprString(call.Args[0])
	edit := analysis.TextEdit{Pos: stmt.End(), End: stmt.End(), NewText: []byte("\n" + indent + "close(" + arg + ")")}
	if _, ok := stmt.(*ast.DeferStmt); ok {
		edit = analysis.TextEdit{Pos: stmt.Pos(), End: stmt.End(), NewText: []byte(
			"defer func() {\n" + indent + "\t" + stopText + "\n" + indent + "\tclose(" + arg + ")\n" + indent + "}()")}
	}
	return &analysis.SuggestedFix{
		Message:   "Close " + arg + " after signal.Stop",
		TextEdits: []analysis.TextEdit{edit},
	}
}
