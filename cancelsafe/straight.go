package cancelsafe

import (
	"fmt"
	"go/token"
	"slices"

	"golang.org/x/tools/go/ssa"

	"github.com/scopevet/scopevet/analyzers/flow"
	"github.com/scopevet/scopevet/analyzers/summary"
)

// maxStates bounds the path enumeration of the straight-line rule.
const maxStates = 20000

// checkStraight reports returns that follow fewer receives than there
// are pending sends, on paths whose receives are outside loops: two
// goroutines sending errors and a return after the first error, or the
// early return of an error before the one receive (the textbook leak),
// explicit or at the function's closing brace. A path that enters, or
// skips, a loop that receives from the channel counts as draining it.
// A callee's stream counts from its call, and only once received from:
// a return before any receive leaves a future not awaited (mustawait's).
func (f *fnCheck) checkStraight(p *pending) {
	start, ok := p.value.(ssa.Instruction)
	if !ok || p.made == nil && !p.stream || p.family != nil || len(p.senders) > 31 {
		return
	}
	index := map[ssa.Instruction]int{}
	// closed[k]: the loop exits a path cannot take once sender k started
	// (a test the loop does not change, passed before its go statement).
	closed := make([]map[*ssa.BasicBlock]*ssa.BasicBlock, len(p.senders))
	for i, s := range p.senders {
		index[s.at] = i
		closed[i] = f.FirstRoundExits(s.at.Block())
	}
	type state struct {
		b    *ssa.BasicBlock
		mask uint32
		n    int64
	}
	type found struct {
		ret  *ssa.Return
		mask uint32
		n    int64
	}
	type item struct {
		state
		from int
	}
	var finds []found
	seen := map[state]bool{}
	drains := f.drainLoops(p)
	drainHeaders := f.drainHeaders(p)
	var mask0 uint32
	if k, ok := index[start]; ok {
		mask0 = 1 << k // the future's call starts its goroutine
	}
	b, i := f.After(start)
	stack := []item{{state{b, mask0, 0}, i}}
	for steps := 0; len(stack) > 0; steps++ {
		if steps > maxStates {
			return
		}
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		mask, n := it.mask, it.n
		ended := false
	scan:
		for _, instr := range it.b.Instrs[it.from:] {
			if instr == start {
				ended = true // a new channel from here on
				break
			}
			if k, ok := index[instr]; ok {
				mask |= 1 << k
			}
			for k, s := range p.senders {
				if s.joined[instr] {
					mask &^= 1 << k
				}
			}
			if p.handled[instr] {
				if !p.counted[instr] {
					ended = true
					break
				}
				n = min(n+1, 64)
			}
			if ret, ok := instr.(*ssa.Return); ok {
				if !flow.FailsTestReturn(f.c.res, ret) {
					finds = append(finds, found{ret, mask, n})
				}
				ended = true
				break scan
			}
			if f.endsQuietly(instr) {
				ended = true
				break scan
			}
		}
		if ended || drainHeaders[it.b] {
			continue // in a loop that receives from p: it drains p
		}
		for _, s := range summary.Feasible(it.b) {
			if skipsDrain(drains, it.b, s) || closedAfter(closed, mask, it.b, s) {
				continue
			}
			st := state{s, mask, n}
			if !seen[st] {
				seen[st] = true
				stack = append(stack, item{st, 0})
			}
		}
	}
	for _, fd := range finds {
		if f.abandoning[fd.ret] || p.made == nil && fd.n == 0 || f.closedOn(fd.ret, p) || waitsForClose(p) {
			continue
		}
		var stranded []*sender
		for k, s := range p.senders {
			if fd.mask&(1<<k) != 0 && f.mayStrand(s, fd.ret) {
				stranded = append(stranded, s)
			}
		}
		total := sumLower(stranded)
		if total-fd.n <= p.buffer {
			continue
		}
		pos, end, lead := f.straightExit(p, fd.ret, fd.n)
		if !pos.IsValid() {
			continue
		}
		f.report(p, pos, end, lead, stranded, total-fd.n, fd.n > 0, exitWay{})
	}
}

// straightExit says where a return that received n values from p is
// written, and how to say what it does.
func (f *fnCheck) straightExit(p *pending, ret *ssa.Return, n int64) (pos, end token.Pos, lead string) {
	ch := f.chanName(p)
	if !ret.Pos().IsValid() {
		// The implicit return at the closing brace.
		if n > 0 || ret.Parent() != f.fn {
			return token.NoPos, token.NoPos, ""
		}
		brace := flow.ReturnPos(f.fn, ret)
		return brace, brace + 1, "the function ends here without receiving from " + ch + "; "
	}
	stmt := f.c.syn.returns[ret.Pos()]
	if stmt == nil {
		return token.NoPos, token.NoPos, ""
	}
	switch n {
	case 0:
		lead = "this return comes before any receive from " + ch + "; "
	case 1:
		lead = "this return comes after receiving once from " + ch + "; "
	default:
		lead = fmt.Sprintf("this return comes after receiving %d times from %s; ", n, ch)
	}
	return stmt.Pos(), stmt.End(), lead
}

// drainLoop is a loop that receives from, drains or closes the pending
// channel, with the blocks it exits to.
type drainLoop struct {
	*summary.Loop
	exits map[*ssa.BasicBlock]bool
}

// drainLoops returns the loops that receive from, drain or close p.
func (f *fnCheck) drainLoops(p *pending) []drainLoop {
	var out []drainLoop
	headers := f.drainHeaders(p)
	for _, l := range f.loops {
		if !headers[l.Header] {
			continue
		}
		exits := map[*ssa.BasicBlock]bool{}
		for b := range l.Blocks {
			for _, s := range b.Succs {
				if !l.Blocks[s] {
					exits[s] = true
				}
			}
		}
		out = append(out, drainLoop{l, exits})
	}
	return out
}

// skipsDrain reports whether the edge from b to succ enters a drain loop
// from outside, or skips one that runs no times (the guard of for range n
// branches to the loop or past it). Entering drains p; skipping happens
// when the loop runs no times, which is when the loop that started the
// senders ran no times either (for range n, for range items): the CFG
// cannot see that the two counts are the same.
func skipsDrain(drains []drainLoop, b, succ *ssa.BasicBlock) bool {
	for _, l := range drains {
		if !l.Blocks[b] && (succ == l.Header || l.exits[succ] && slices.Contains(b.Succs, l.Header)) {
			return true
		}
	}
	return false
}

// closedAfter reports whether the edge from b to s is a loop exit that
// one of the senders in mask has closed: it started in a round that had
// already passed b's test into the loop.
func closedAfter(closed []map[*ssa.BasicBlock]*ssa.BasicBlock, mask uint32, b, s *ssa.BasicBlock) bool {
	for k, c := range closed {
		if mask&(1<<k) != 0 && c[b] == s {
			return true
		}
	}
	return false
}

// waitsForClose reports whether the function only waits for a stream's
// end: its goroutine closes the channel when done, and every receive of
// the function drops the value (<-done), so it takes the first value or
// the close as a signal, not values one by one; a stream it stops
// reading is the loop rules' case.
func waitsForClose(p *pending) bool {
	if !p.stream || !p.closes || len(p.recvs) == 0 {
		return false
	}
	for _, r := range p.recvs {
		u, ok := r.(*ssa.UnOp)
		if !ok || u.CommaOk {
			return false
		}
		for _, ref := range *u.Referrers() {
			if _, debug := ref.(*ssa.DebugRef); !debug {
				return false
			}
		}
	}
	return true
}
