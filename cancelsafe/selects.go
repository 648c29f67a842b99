package cancelsafe

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/scopevet/scopevet/analyzers/summary"
)

// clauses returns the select's comm clauses in SSA state order, and its
// default clause.
func clauses(stmt *ast.SelectStmt) (states []*ast.CommClause, def *ast.CommClause) {
	for _, c := range stmt.Body.List {
		cc := c.(*ast.CommClause)
		if cc.Comm == nil {
			def = cc
			continue
		}
		states = append(states, cc)
	}
	return states, def
}

// recvExpr returns the channel expression a receive clause reads.
func recvExpr(cc *ast.CommClause) ast.Expr {
	var e ast.Expr
	switch comm := cc.Comm.(type) {
	case *ast.ExprStmt:
		e = comm.X
	case *ast.AssignStmt:
		if len(comm.Rhs) == 1 {
			e = comm.Rhs[0]
		}
	}
	if u, ok := ast.Unparen(e).(*ast.UnaryExpr); ok && u.Op == token.ARROW {
		return u.X
	}
	return nil
}

// when describes in words the receive case cc, on channel ch, winning
// instead of the receive of the pending channel.
func (c *checker) when(ch ssa.Value, cc *ast.CommClause) string {
	expr := recvExpr(cc)
	switch ch := ch.(type) {
	case *ssa.Call:
		common := ch.Common()
		if common.IsInvoke() && common.Method.Name() == "Done" {
			if x := doneOf(expr); x != nil {
				return "when " + text(x) + " is done first"
			}
			return "when the context is done first"
		}
		if fn := common.StaticCallee(); fn != nil && fn.Pkg != nil && fn.Pkg.Pkg.Path() == "time" {
			return "when the timeout fires first"
		}
	case *ssa.UnOp:
		if summary.IsTimerC(ch) && expr != nil && isSimple(expr) {
			return "when " + text(expr) + " fires first"
		}
	}
	if expr != nil && isSimple(expr) {
		return "when " + text(expr) + " is ready first"
	}
	return "when another case wins"
}

// signalText quotes the signal a receive case cc on ch takes, when the
// goroutines it strands could take it too: a context's Done(), or a stop
// channel of struct{} handed in or held in a field (closed, it wakes every
// receiver), as the user wrote it; "" for a timer, a rival's result or
// anything else.
func (c *checker) signalText(ch ssa.Value, cc *ast.CommClause) string {
	expr := recvExpr(cc)
	if expr == nil || !isSimple(expr) && doneOf(expr) == nil {
		return ""
	}
	switch ch.(type) {
	case *ssa.Call:
		if summary.DoneReceiver(ch) != nil {
			return text(expr)
		}
		return ""
	case *ssa.Parameter, *ssa.UnOp, *ssa.FreeVar:
		if summary.IsTimerC(ch) {
			return ""
		}
		if t, ok := ch.Type().Underlying().(*types.Chan); ok {
			if st, ok := t.Elem().Underlying().(*types.Struct); ok && st.NumFields() == 0 {
				return text(expr)
			}
		}
	}
	return ""
}

// doneOf returns x of e written as x.Done() for a simple x, or nil.
func doneOf(e ast.Expr) ast.Expr {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || len(call.Args) != 0 {
		return nil
	}
	if sel, ok := call.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "Done" && isSimple(sel.X) {
		return sel.X
	}
	return nil
}

// checkSelects reports the select cases that leave while the pending
// channel's senders still wait: a case that receives from something
// else (ctx.Done(), a timer, a stop channel) or a default, from which
// the function returns without receiving from the channel.
func (f *fnCheck) checkSelects(p *pending) {
	for _, r := range p.recvs {
		sel, ok := r.(*ssa.Select)
		if !ok {
			continue
		}
		cases, def := summary.Branches(sel)
		stmt := f.c.syn.selects[sel.Pos()]
		if cases == nil || stmt == nil {
			continue
		}
		ccs, defc := clauses(stmt)
		if len(ccs) != len(sel.States) {
			continue
		}
		stops := f.headersAround(sel)
		for i, st := range sel.States {
			if st.Dir != types.RecvOnly || f.isPendingChan(st.Chan, p) {
				continue
			}
			if !f.isCancellation(st.Chan) && (!f.isRival(st.Chan, p) || !f.neverHandles(cases[i], p)) {
				continue
			}
			if f.c.res.CanceledOnlyLate(sel, st.Chan, f.soleSenderBody(p)) {
				continue // this ctx is done only by defers, after the wait
			}
			exit := exitWay{gaveUp: true, on: f.c.signalText(st.Chan, ccs[i])}
			f.checkCase(p, sel, cases[i], ccs[i], f.c.when(st.Chan, ccs[i]), stops, exit)
		}
		if def != nil && defc != nil {
			f.checkCase(p, sel, def, defc, "when the select takes its default case", stops, exitWay{gaveUp: true})
		}
	}
}

// checkCase reports the case of sel whose branch starts at b when it
// abandons p; when says in words when that case runs.
func (f *fnCheck) checkCase(p *pending, sel *ssa.Select, b *ssa.BasicBlock, cc *ast.CommClause, when string, stops map[*ssa.BasicBlock]bool, exit exitWay) {
	rets := f.exits(b, 0, p, stops)
	if len(rets) == 0 {
		return
	}
	for _, ret := range rets {
		f.abandoning[ret] = true
	}
	stranded, lower := f.pendingAt(p, sel)
	if lower <= p.buffer {
		return
	}
	f.report(p, cc.Case, cc.Colon+1, when+", ", stranded, lower, false, exit)
}

// headersAround returns the headers of the loops that hold instr: a
// path that reaches one goes back to waiting.
func (f *fnCheck) headersAround(instr ssa.Instruction) map[*ssa.BasicBlock]bool {
	h := map[*ssa.BasicBlock]bool{}
	for _, l := range f.loops {
		if l.Blocks[instr.Block()] {
			h[l.Header] = true
		}
	}
	return h
}

// isCancellation reports whether a select case's channel signals
// cancellation, a timeout or a stop: ctx.Done(), a timer, or a channel of
// signals (struct{}, bool, os.Signal) handed in, held in a field, or
// made here with no goroutine of the function sending on or closing it.
// A stream of data ending is not a cancellation. A channel that carries another
// worker's result (a local one a goroutine sends on or closes, or a
// callee's future) is not: when it wins, the function is racing its
// workers, and what it does with the others is another matter (the same
// goroutine may have sent there instead, or the function drains the
// rest later).
func (f *fnCheck) isCancellation(ch ssa.Value) bool {
	if !f.c.res.CarriesSignal(ch) {
		return false
	}
	if mc := f.chanRoot(ch); mc != nil {
		for _, site := range f.sites {
			for _, j := range site.Joins {
				if f.chanRoot(j.Via) == mc {
					return false
				}
			}
		}
		for _, u := range f.c.res.Uses(mc) {
			if u.Effect&(summary.AsyncSends|summary.AsyncGuardedSends|summary.AsyncCloses) != 0 {
				return false
			}
		}
		return true
	}
	switch v := f.c.res.Canonical(ch).(type) {
	case *ssa.Call:
		return !f.c.res.Callee(v.Common()).Result(0).IsFuture()
	case *ssa.Extract:
		if call, ok := v.Tuple.(*ssa.Call); ok {
			return !f.c.res.Callee(call.Common()).Result(v.Index).IsFuture()
		}
	}
	return true
}

// isRival reports whether a select case's channel is fed by other
// goroutines than p's senders: a channel made here that goroutines send
// on or close, none of which holds p, or another call's future. When it
// wins the race and the function leaves, p's senders lose it and block.
func (f *fnCheck) isRival(ch ssa.Value, p *pending) bool {
	if mc := f.chanRoot(ch); mc != nil {
		fed := false
		for _, u := range f.c.res.Uses(mc) {
			if u.Effect&(summary.AsyncSends|summary.AsyncGuardedSends|summary.AsyncCloses) != 0 {
				fed = true
			}
		}
		if !fed {
			return false
		}
		bySite := f.siteInstrs()
		for _, s := range p.senders {
			if sites, ok := bySite[s.at]; ok {
				for i, c := range sites[0].Captures {
					if f.chanRoot(c) == mc && !f.sendsPAfter(sites[0], i, p) {
						return false // one goroutine feeds both
					}
				}
				continue
			}
			call, ok := s.at.(ssa.CallInstruction)
			if !ok {
				return false
			}
			for _, arg := range call.Common().Args {
				if f.chanRoot(arg) == mc {
					return false
				}
			}
		}
		return true
	}
	var call *ssa.Call
	i := 0
	switch v := f.c.res.Canonical(ch).(type) {
	case *ssa.Call:
		call = v
	case *ssa.Extract:
		call, _ = v.Tuple.(*ssa.Call)
		i = v.Index
	}
	if call == nil || !f.c.res.Callee(call.Common()).Result(i).IsFuture() {
		return false
	}
	for _, s := range p.senders {
		if s.at == call {
			return false // one call's goroutine feeds both
		}
	}
	return true
}

// sendsPAfter reports whether the goroutine of site, after each send on
// its capture i, goes on to send on p: the function that takes i's value
// and leaves strands it there.
func (f *fnCheck) sendsPAfter(site *summary.SpawnSite, i int, p *pending) bool {
	for k, c := range site.Captures {
		if k != i && f.isPendingCapture(p, c) {
			return f.c.res.SendsAfter(*site, i, k)
		}
	}
	return false
}

// neverHandles reports whether no path from b receives from, drains or
// closes p, loops included: a rival's win abandons p only if nothing
// after it, in this round or a later one, takes p's values.
func (f *fnCheck) neverHandles(b *ssa.BasicBlock, p *pending) bool {
	found := false
	cut := f.Search(b, 0, func(instr ssa.Instruction) bool {
		found = found || p.handled[instr]
		return found
	})
	return !found && !cut
}

// soleSenderBody returns the body of p's one sender goroutine, or nil.
func (f *fnCheck) soleSenderBody(p *pending) *ssa.Function {
	if len(p.senders) != 1 {
		return nil
	}
	if sites := f.siteInstrs()[p.senders[0].at]; len(sites) > 0 {
		return sites[0].Body
	}
	return nil
}
