package cancelsafe

import (
	"fmt"
	"go/ast"
	"go/token"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/scopevet/scopevet/analyzers/summary"
)

// describe says which goroutines are stranded, on what, and what to do,
// with related positions at their go statements, sends and locks.
// lower is how many sends are left pending; rest says the stranded are
// those that have not sent yet; exit, how the exit left (a select case
// that stopped waiting, where receiving on every path is no fix).
func (f *fnCheck) describe(p *pending, stranded []*sender, lower int64, rest bool, exit exitWay) (string, []analysis.RelatedInformation) {
	ch := f.chanName(p)
	var lines []int
	var callees []string
	for _, s := range stranded {
		if s.callee != "" {
			if !slices.Contains(callees, s.callee) {
				callees = append(callees, s.callee)
			}
			continue
		}
		if l := f.c.syn.line(s.at.Pos()); !slices.Contains(lines, l) {
			lines = append(lines, l)
		}
	}
	slices.Sort(lines)
	var where []string
	if len(lines) > 0 {
		word := "line"
		if len(lines) > 1 {
			word = "lines"
		}
		nums := make([]string, len(lines))
		for i, l := range lines {
			nums[i] = fmt.Sprint(l)
		}
		where = append(where, "started at "+word+" "+andList(nums))
	}
	for _, c := range callees {
		where = append(where, "started by "+c)
	}
	origin := andList(where)

	one := lower == 1
	for _, s := range stranded {
		one = one && (s.exact || s.callee != "" || s.latch != nil)
	}
	var who string
	switch {
	case len(stranded) == 1 && stranded[0].goroutines == 1:
		who = "the goroutine " + origin + " blocks"
	case one:
		who = "one of the goroutines " + origin + " blocks"
	case rest:
		who = "the goroutines " + origin + " that have not sent yet block"
	default:
		who = "the goroutines " + origin + " block"
	}
	msg := who + " forever sending on " + ch
	if p.family != nil {
		msg = "the goroutines " + origin + " whose channels are not received yet block forever sending on them"
	}
	var lock *heldLock
	for _, s := range stranded {
		if s.lock != nil {
			lock = s.lock
			break
		}
	}
	if lock != nil {
		msg += " while holding " + lock.name
	}
	w := firstWait(stranded)
	switch {
	case w == nil:
		msg += "; " + f.advice(p, exit)
	case w.rng:
		msg += ", or before that ranging over " + w.name + ", which this function does not close; see that " + w.name + " is closed on this path too, then " + f.advice(p, exit)
	default:
		msg += ", or before that receiving from " + w.name + ", which this function neither sends on nor closes; see that " + w.name + " is sent on or closed on this path too, then " + f.advice(p, exit)
	}

	var related []analysis.RelatedInformation
	for _, s := range stranded {
		if s.callee != "" {
			related = append(related, analysis.RelatedInformation{Pos: f.startPos(s.at), Message: s.callee + " starts the goroutine here"})
			continue
		}
		related = append(related, analysis.RelatedInformation{Pos: f.startPos(s.at), Message: "goroutine started here"})
		if len(s.sends) > 0 && s.sends[0].Pos().IsValid() {
			related = append(related, analysis.RelatedInformation{Pos: f.sendPos(s.sends[0]), Message: "blocks here until someone receives from " + ch})
		}
	}
	if lock != nil {
		related = append(related, analysis.RelatedInformation{Pos: f.startPos(lock.at), Message: lock.name + " is locked here, and still held at the send"})
	}
	if w != nil {
		related = append(related, analysis.RelatedInformation{Pos: w.recv, Message: "waits here for " + w.name + " first"})
	}
	return msg, related
}

// firstWait returns a channel one of the stranded goroutines waits on
// before it sends, or nil.
func firstWait(stranded []*sender) *wait {
	for _, s := range stranded {
		if len(s.waits) > 0 {
			return &s.waits[0]
		}
	}
	return nil
}

// advice says what to do: the buffer size when the fix is known. At an
// exit that gave up waiting (a timeout, a cancel, a detach), receiving
// there would wait again, so the advice is a buffer or sends that give up.
func (f *fnCheck) advice(p *pending, exit exitWay) string {
	if p.made == nil && exit.on != "" {
		exit.on = f.calleeSignal(p, exit.on)
	}
	ch := f.chanName(p)
	stop := f.stopWith(exit)
	if p.family != nil {
		return f.familyAdvice(p, exit)
	}
	if p.foreign && (p.fanOut || p.stream) && !exit.gaveUp {
		// Another module's goroutine: its send is not this code's to change.
		return "receive the rest before returning (" + p.callee + " is another module's: its send cannot give up from here)"
	}
	if p.fanOut {
		if exit.gaveUp {
			return "let " + p.callee + "'s goroutines stop: their sends need " + stop
		}
		return "receive the rest before returning, or let " + p.callee + "'s goroutines stop: their sends need " + stop
	}
	if p.stream {
		if exit.gaveUp {
			return "let " + p.callee + "'s goroutine stop: its send needs " + stop
		}
		return "receive the rest before returning, or let " + p.callee + "'s goroutine stop: its send needs " + stop
	}
	if p.made == nil {
		if exit.gaveUp {
			return "give it a buffer for every send in " + p.callee
		}
		return "receive from it on every path, or give it a buffer for every send in " + p.callee
	}
	if size, _ := f.fixSize(p); size != "" {
		return "give " + ch + " a buffer of " + size
	}
	for _, s := range p.senders {
		if s.goroutines == 1 && s.lower > 1 && s.callee == "" {
			// One goroutine that sends again and again: no buffer is
			// known to hold them all.
			line := f.c.syn.line(s.at.Pos())
			if exit.gaveUp {
				return fmt.Sprintf("let the goroutine started at line %d stop: its send needs %s", line, stop)
			}
			return fmt.Sprintf("receive from %s on every path out, or let the goroutine started at line %d stop: its send needs %s", ch, line, stop)
		}
	}
	for _, s := range p.senders {
		if s.goroutines < 0 && s.callee == "" && s.latch == nil {
			// Started an unknown number of times (a loop that runs on):
			// no buffer is known to hold them all.
			return "no buffer is known to hold all their sends: let them give up, with " + stop + " at the send"
		}
	}
	if exit.gaveUp {
		return "give " + ch + " a buffer for every sender, or let the sends give up: each needs " + stop
	}
	return "receive from " + ch + " on every path out, or give it a buffer for every sender"
}

// calleeSignal is the signal a callee's goroutine can take instead of
// on: on itself when the call that returned the future p hands it on
// (ctx for ctx.Done(), or the stop channel), else the Done of a context
// the call hands, else on.
func (f *fnCheck) calleeSignal(p *pending, on string) string {
	call := f.c.syn.calls[p.value.Pos()]
	if call == nil {
		return on
	}
	handed := ""
	for _, arg := range call.Args {
		a := text(arg)
		if a == on || a+".Done()" == on {
			return on
		}
		if t := f.c.pass.TypesInfo.TypeOf(arg); handed == "" && t != nil && summary.IsNamed(t, "context", "Context") && isSimple(arg) {
			handed = a + ".Done()"
		}
	}
	if handed != "" {
		return handed
	}
	return on
}

// foreign reports whether common calls a function of another module than
// the one being analyzed (unknown when the driver does not say).
func (c *checker) foreign(common *ssa.CallCommon) bool {
	fn := common.StaticCallee()
	if fn == nil || fn.Pkg == nil || c.pass.Module == nil || c.pass.Module.Path == "" {
		return false
	}
	path, mod := fn.Pkg.Pkg.Path(), c.pass.Module.Path
	return path != mod && !strings.HasPrefix(path, mod+"/")
}

// exitWay is how an exit leaves: gaveUp, by a select case that stopped
// waiting (a timeout, a cancel, a rival's result, a default); on, the
// signal that case took when the senders can take it too (ctx.Done(), a
// stop channel), as the user wrote it.
type exitWay struct {
	gaveUp bool
	on     string
}

// stopWith names what a send can select on to give up: the signal the
// exit took, when the senders can take it too; else ctx.Done() only
// where the function has a context to hand it.
func (f *fnCheck) stopWith(exit exitWay) string {
	if exit.on != "" {
		return "a select on " + exit.on
	}
	if f.hasContext() {
		return "a select on ctx.Done() or on a channel this function closes"
	}
	return "a select on a channel this function closes"
}

// hasContext reports whether the function, or one it is nested in, holds
// a context.Context: a parameter, a captured value, or one it makes.
func (f *fnCheck) hasContext() bool {
	isCtx := func(v ssa.Value) bool { return summary.IsNamed(v.Type(), "context", "Context") }
	for fn := f.fn; fn != nil; fn = fn.Parent() {
		if slices.ContainsFunc(fn.Params, func(p *ssa.Parameter) bool { return isCtx(p) }) ||
			slices.ContainsFunc(fn.FreeVars, func(v *ssa.FreeVar) bool { return isCtx(v) }) {
			return true
		}
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				if v, ok := instr.(ssa.Value); ok && isCtx(v) {
					return true
				}
			}
		}
	}
	return false
}

// chanName quotes the pending channel as the user wrote it where it is
// received; a future is "its result channel".
func (f *fnCheck) chanName(p *pending) string {
	if p.made == nil && p.family == nil {
		return "its result channel"
	}
	for _, r := range p.recvs {
		var e ast.Expr
		switch r := r.(type) {
		case *ssa.UnOp:
			if u := f.c.syn.recvs[r.Pos()]; u != nil {
				e = u.X
			} else if rs := f.c.syn.ranges[r.Pos()]; rs != nil {
				e = rs.X
			}
		case *ssa.Select:
			if stmt := f.c.syn.selects[r.Pos()]; stmt != nil {
				ccs, _ := clauses(stmt)
				for i, st := range r.States {
					if i < len(ccs) && st.Dir != 0 && f.isPendingChan(st.Chan, p) {
						e = recvExpr(ccs[i])
					}
				}
			}
		}
		if e != nil && isSimple(e) {
			return text(e)
		}
	}
	return "the channel"
}

// startPos is where a go statement or call begins.
func (f *fnCheck) startPos(instr ssa.Instruction) token.Pos {
	if _, ok := instr.(*ssa.Go); ok {
		return instr.Pos()
	}
	if call := f.c.syn.calls[instr.Pos()]; call != nil {
		return call.Pos()
	}
	return instr.Pos()
}

// sendPos is where a blocking send begins.
func (f *fnCheck) sendPos(instr ssa.Instruction) token.Pos {
	if s := f.c.syn.sends[instr.Pos()]; s != nil {
		return s.Pos()
	}
	return f.startPos(instr)
}

// andList joins items as "a", "a and b", "a, b and c".
func andList(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// reportLoopExit reports an early return or break out of a receive loop.
func (f *fnCheck) reportLoopExit(p *pending, stmt ast.Stmt, what string, stranded []*sender, total int64) {
	f.report(p, stmt.Pos(), stmt.End(), "this "+what+" leaves the loop receiving from "+f.chanName(p)+" early; ", stranded, total, true, exitWay{})
}

// report delivers one finding, at most one per position.
// lead says what exit it is; rest says the stranded goroutines are those
// that have not sent yet; exit, how the exit left.
func (f *fnCheck) report(p *pending, pos, end token.Pos, lead string, stranded []*sender, lower int64, rest bool, exit exitWay) {
	if len(stranded) == 0 {
		return
	}
	if f.reported[pos] {
		f.merge(p, pos, stranded)
		return
	}
	f.reported[pos] = true
	for _, s := range stranded {
		f.c.out.stranded[s.at.Pos()] = true
	}
	if f.once && !f.repeats(pos, stranded) {
		return // bounded: see repeats
	}
	msg, related := f.describe(p, stranded, lower, rest, exit)
	fix := f.fix(p)
	if firstWait(stranded) != nil {
		fix = nil // a buffer alone does not free it
	}
	h := &held{d: analysis.Diagnostic{Pos: pos, End: end, Message: lead + msg, Related: related}, fix: fix, senders: map[ssa.Instruction]bool{}, exit: exit}
	h.base = strings.TrimSuffix(h.d.Message, f.advice(p, exit))
	h.ps = []*pending{p}
	for _, s := range stranded {
		h.senders[s.at] = true
	}
	f.held = append(f.held, h)
}

// repeats reports whether the exit at pos can strand goroutines again and
// again in one call: it is not a return, and a loop around it also starts
// one of them. Otherwise, in a function that runs once per run of the
// program, what the exit strands is bounded and ends with the process.
func (f *fnCheck) repeats(pos token.Pos, stranded []*sender) bool {
	if f.returnAt(pos) != nil {
		return false
	}
	for _, l := range f.c.syn.enclosingLoops(pos) {
		for _, s := range stranded {
			if p := s.at.Pos(); l.Pos() <= p && p < l.End() {
				return true
			}
		}
	}
	return false
}

// held is a finding kept until the function is done, so that an exit
// that strands one goroutine on either of two channels (a value channel
// and an error channel) says both, and its fix buffers both.
type held struct {
	d       analysis.Diagnostic
	fix     *analysis.SuggestedFix // nil: no fix, or one that is not provable
	senders map[ssa.Instruction]bool
	base    string     // the message up to its advice
	ps      []*pending // the channels it names, in order
	exit    exitWay    // how the exit left: see advice
}

// merge adds to the finding at pos a channel p on which the same
// goroutines are stranded. Another rule's finding at pos, about other
// goroutines, stays the one finding there.
func (f *fnCheck) merge(p *pending, pos token.Pos, stranded []*sender) {
	var h *held
	for _, x := range f.held {
		if x.d.Pos == pos {
			h = x
		}
	}
	ch := f.chanName(p)
	if h == nil {
		return
	}
	names := make([]string, len(h.ps))
	for i, q := range h.ps {
		names[i] = f.chanName(q)
	}
	if slices.Contains(names, ch) || !slices.ContainsFunc(stranded, func(s *sender) bool { return h.senders[s.at] }) {
		return
	}
	was := " forever sending on " + strings.Join(names, " or ")
	h.base = strings.Replace(h.base, was, was+" or "+ch, 1)
	h.ps = append(h.ps, p)
	h.d.Message = h.base + f.jointAdvice(h.ps, h.exit)
	for _, s := range stranded {
		f.c.out.stranded[s.at.Pos()] = true
		if len(s.sends) > 0 && s.sends[0].Pos().IsValid() {
			h.d.Related = append(h.d.Related, analysis.RelatedInformation{Pos: f.sendPos(s.sends[0]), Message: "or blocks here until someone receives from " + ch})
		}
	}
	if fix := f.fix(p); fix != nil && h.fix != nil && firstWait(stranded) == nil {
		h.fix = &analysis.SuggestedFix{
			Message:   h.fix.Message + " and " + ch + strings.TrimPrefix(fix.Message, "Give "+ch),
			TextEdits: append(slices.Clone(h.fix.TextEdits), fix.TextEdits...),
		}
	} else {
		h.fix = nil // a fix for one channel alone would leave the other
	}
}

// flush reports the findings held for the function. Exits that strand
// the same goroutines on the same channels, with the same advice, are
// one bug: the first exit reports it and names the others.
func (f *fnCheck) flush() {
	slices.SortStableFunc(f.held, func(a, b *held) int { return int(a.d.Pos - b.d.Pos) })
	var bugs []*held
	others := map[*held][]token.Pos{}
	for _, h := range f.held {
		i := slices.IndexFunc(bugs, func(b *held) bool { return sameBug(b, h) })
		if i < 0 {
			bugs = append(bugs, h)
			continue
		}
		others[bugs[i]] = append(others[bugs[i]], h.d.Pos)
	}
	for _, h := range bugs {
		if ps := others[h]; len(ps) > 0 {
			lines := make([]string, len(ps))
			for i, p := range ps {
				lines[i] = fmt.Sprint(f.c.syn.line(p))
				h.d.Related = append(h.d.Related, analysis.RelatedInformation{Pos: p, Message: "this exit strands them too"})
			}
			word := "line"
			if len(lines) > 1 {
				word = "lines"
			}
			h.d.Message += " (the same at " + word + " " + andList(lines) + ")"
		}
		if h.fix != nil {
			h.d.SuggestedFixes = []analysis.SuggestedFix{*h.fix}
		}
		f.c.rep.Report(h.d)
	}
	f.held = nil
}

// sameBug reports whether two findings strand the same goroutines on the
// same channels and give the same advice.
func sameBug(a, b *held) bool {
	if len(a.senders) != len(b.senders) || !slices.Equal(a.ps, b.ps) || (a.fix == nil) != (b.fix == nil) ||
		a.d.Message[len(a.base):] != b.d.Message[len(b.base):] {
		return false
	}
	for s := range a.senders {
		if !b.senders[s] {
			return false
		}
	}
	return true
}

// jointAdvice is the advice for one exit that strands the same
// goroutines on several channels: buffers for all when each has a known
// size, else sends that can give up.
func (f *fnCheck) jointAdvice(ps []*pending, exit exitWay) string {
	if len(ps) == 1 {
		return f.advice(ps[0], exit)
	}
	var sizes, names []string
	for _, p := range ps {
		names = append(names, f.chanName(p))
		if size, _ := f.fixSize(p); size != "" {
			sizes = append(sizes, f.chanName(p)+" a buffer of "+size)
		}
	}
	if len(sizes) == len(ps) {
		return "give " + andList(sizes)
	}
	if exit.gaveUp {
		return "let those sends give up: each needs " + f.stopWith(exit)
	}
	return "receive from " + andList(names) + " on every path out, or let those sends give up: each needs " + f.stopWith(exit)
}

// familyAdvice is advice for a family of channels: a buffer for each
// when the count is known, else receiving from every one.
func (f *fnCheck) familyAdvice(p *pending, exit exitWay) string {
	if p.made == nil {
		if exit.gaveUp {
			return "give the channel " + p.callee + " returns a buffer for every send"
		}
		return "receive from each of them before returning, or give the channel " + p.callee + " returns a buffer for every send"
	}
	where := "made at line " + fmt.Sprint(f.c.syn.line(p.made.Pos()))
	if size, _ := f.fixSize(p); size != "" {
		return "give each channel " + where + " a buffer of " + size
	}
	if exit.gaveUp {
		return "give each channel " + where + " a buffer for every send"
	}
	return "receive from every channel " + where + " before returning, or give each a buffer for every send"
}
