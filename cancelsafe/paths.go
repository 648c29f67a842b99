package cancelsafe

import (
	"golang.org/x/tools/go/ssa"

	"github.com/scopevet/scopevet/analyzers/flow"
	"github.com/scopevet/scopevet/analyzers/summary"
)

// exits returns the returns reachable from b.Instrs[start] on paths that
// do not receive from, drain or close p, do not go back to a loop header
// in stops, and do not enter a loop that receives from p (the CFG cannot
// tell how many rounds it runs). Paths that panic, exit the program or
// fail the test are left out.
func (f *fnCheck) exits(b *ssa.BasicBlock, start int, p *pending, stops map[*ssa.BasicBlock]bool) []*ssa.Return {
	var rets []*ssa.Return
	drains := f.drainHeaders(p)
	hit := f.Search(b, start, func(instr ssa.Instruction) bool {
		if p.handled[instr] || stops[instr.Block()] || drains[instr.Block()] || p.made != nil && instr == p.made {
			return true
		}
		if ret, ok := instr.(*ssa.Return); ok {
			if !flow.FailsTestReturn(f.c.res, ret) {
				rets = append(rets, ret)
			}
			return true
		}
		return f.endsQuietly(instr)
	})
	if hit {
		return nil
	}
	return rets
}

// drainHeaders returns the headers of the loops that receive from,
// drain or close p.
func (f *fnCheck) drainHeaders(p *pending) map[*ssa.BasicBlock]bool {
	if p.drains != nil {
		return p.drains
	}
	p.drains = map[*ssa.BasicBlock]bool{}
	for _, l := range f.loops {
		for instr := range p.handled {
			if l.Blocks[instr.Block()] {
				p.drains[l.Header] = true
				break
			}
		}
	}
	return p.drains
}

// pendingAt returns the senders that may still be waiting to send on p
// when instr runs (they reach it on a path with no receive), and a lower
// bound on their pending sends.
func (f *fnCheck) pendingAt(p *pending, instr ssa.Instruction) ([]*sender, int64) {
	never := func(x ssa.Instruction) bool { return p.made != nil && x == p.made }
	var out []*sender
	var sum int64
	once := latchSet{}
	for _, s := range p.senders {
		blocked := func(x ssa.Instruction) bool {
			return x != instr && p.handled[x] || s.joined[x] || p.made != nil && x == p.made
		}
		if s.at == instr || !f.mayStrand(s, instr) || !f.Reaches(s.at, instr, blocked) {
			continue
		}
		out = append(out, s)
		lower := s.lower
		if lower > 1 && f.Reaches(instr, s.at, never) {
			lower = 1 // started again on each round that receives
		}
		if (f.Dominates(s.at, instr) || f.alwaysRan(s, instr)) && once.first(s) {
			sum += lower
		}
	}
	if len(out) > 0 && sum < 1 {
		sum = 1
	}
	return out, sum
}

// alwaysRan reports whether every path to instr ran all of s's loop: a
// goroutine started in a loop with a constant count (for i := 0; i < 3;
// i++) does not dominate what follows the loop, yet when the loop is
// behind instr on every path, all of its goroutines were started.
func (f *fnCheck) alwaysRan(s *sender, instr ssa.Instruction) bool {
	if !s.exact || s.goroutines < 1 || instr.Parent() != s.at.Parent() {
		return false
	}
	l := summary.Innermost(f.loops, s.at.Block())
	return l != nil && !l.Blocks[instr.Block()] && l.EnteredBefore(instr.Block())
}

// endsQuietly reports whether a path that reaches instr is of no
// concern: it panics, never returns (os.Exit, log.Fatal, t.Fatal), or
// fails the test it runs in, after which a stranded goroutine is the
// least of the test's problems.
func (f *fnCheck) endsQuietly(instr ssa.Instruction) bool {
	switch instr := instr.(type) {
	case *ssa.Panic:
		return true
	case *ssa.Call:
		return f.c.res.IsNoReturn(instr) || summary.FailsTest(instr.Common())
	}
	return false
}

// mayStrand reports whether s can have started a goroutine that is
// still pending at exit. A callee that may return without starting one
// is counted only at an exit on its error path: it failed after starting
// some, as a setup loop that fails on a later address. Elsewhere, state
// the exit tests (no listeners recorded) may tell it started none.
func (f *fnCheck) mayStrand(s *sender, exit ssa.Instruction) bool {
	if !s.maybe {
		return true
	}
	call, ok := s.at.(ssa.CallInstruction)
	if !ok {
		return false
	}
	errv := summary.ErrResult(call)
	if errv == nil {
		return false
	}
	for _, failed := range summary.ErrBranches(errv) {
		if len(failed.Preds) == 1 && failed.Dominates(exit.Block()) {
			return true
		}
	}
	return false
}
