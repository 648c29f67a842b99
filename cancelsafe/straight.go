package cancelsafe

import (
	"fmt"

	"golang.org/x/tools/go/ssa"
)

// maxStates bounds the path enumeration of the straight-line rule.
const maxStates = 20000

// checkStraight reports returns that follow fewer receives than there
// are pending sends, on paths whose receives are outside loops (such as
// two goroutines sending errors and a return after the first error).
func (f *fnCheck) checkStraight(p *pending) {
	if p.made == nil || len(p.senders) > 31 || len(p.counted) == 0 {
		return
	}
	index := map[ssa.Instruction]int{}
	for i, s := range p.senders {
		index[s.at] = i
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
	b, i := f.after(p.made)
	stack := []item{{state{b, 0, 0}, i}}
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
			if instr == p.made {
				ended = true
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
				finds = append(finds, found{ret, mask, n})
				ended = true
				break scan
			}
			if f.endsQuietly(instr) {
				ended = true
				break scan
			}
		}
		if ended {
			continue
		}
		for _, s := range it.b.Succs {
			st := state{s, mask, n}
			if !seen[st] {
				seen[st] = true
				stack = append(stack, item{st, 0})
			}
		}
	}
	for _, fd := range finds {
		if fd.n == 0 || !fd.ret.Pos().IsValid() || f.abandoning[fd.ret] {
			continue
		}
		var stranded []*sender
		var total int64
		for k, s := range p.senders {
			if fd.mask&(1<<k) != 0 {
				stranded = append(stranded, s)
				total += s.lower
			}
		}
		if total-fd.n <= p.buffer {
			continue
		}
		stmt := f.c.syn.returns[fd.ret.Pos()]
		if stmt == nil {
			continue
		}
		times := "once"
		if fd.n > 1 {
			times = fmt.Sprintf("%d times", fd.n)
		}
		f.report(p, stmt.Pos(), stmt.End(), fmt.Sprintf("this return comes after receiving %s from %s; ", times, f.chanName(p)), stranded, total-fd.n, true)
	}
}
