package cancelsafe

import (
	"golang.org/x/tools/go/ssa"
)

// maxVisits bounds one path search. A search past it finds nothing,
// which keeps the check silent.
const maxVisits = 4000

// indexOf returns the position of instr in its block. Positions are
// indexed once per block: in a function of one huge block, a scan per
// question would make the check quadratic.
func (f *fnCheck) indexOf(instr ssa.Instruction) int {
	b := instr.Block()
	if !f.indexed[b] {
		if f.index == nil {
			f.index, f.indexed = map[ssa.Instruction]int{}, map[*ssa.BasicBlock]bool{}
		}
		f.indexed[b] = true
		for i, x := range b.Instrs {
			f.index[x] = i
		}
	}
	if i, ok := f.index[instr]; ok {
		return i
	}
	return -1
}

// search visits, depth first, the instructions that can run after
// b.Instrs[start-1], following successors, until visit returns true for
// an instruction (the path ends there). Each block is entered from its
// top at most once; the partial start block is entered again in full if
// a cycle leads back to it. It reports whether the bound, or the check's
// budget for the function, was hit: then it has not seen every path.
func (f *fnCheck) search(b *ssa.BasicBlock, start int, visit func(ssa.Instruction) bool) bool {
	entered := map[*ssa.BasicBlock]bool{}
	var stack []*ssa.BasicBlock
	scan := func(b *ssa.BasicBlock, from int) bool {
		if !f.c.res.Spend(f.fn, len(b.Instrs)+1) {
			return false
		}
		for _, instr := range b.Instrs[from:] {
			if visit(instr) {
				return true
			}
		}
		for i := len(b.Succs) - 1; i >= 0; i-- {
			stack = append(stack, b.Succs[i])
		}
		return true
	}
	if !scan(b, start) {
		return true
	}
	for n := 0; len(stack) > 0; n++ {
		if n > maxVisits {
			return true
		}
		next := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if entered[next] {
			continue
		}
		entered[next] = true
		if !scan(next, 0) {
			return true
		}
	}
	return false
}

// after returns where a search that starts just after instr begins.
func (f *fnCheck) after(instr ssa.Instruction) (*ssa.BasicBlock, int) {
	return instr.Block(), f.indexOf(instr) + 1
}

// reaches reports whether to can run after from along a path on which
// no instruction is blocked.
func (f *fnCheck) reaches(from, to ssa.Instruction, blocked func(ssa.Instruction) bool) bool {
	found := false
	b, i := f.after(from)
	hit := f.search(b, i, func(instr ssa.Instruction) bool {
		if instr == to {
			found = true
			return true
		}
		return blocked(instr)
	})
	return found && !hit
}

// dominates reports whether a runs before b on every path to b.
func (f *fnCheck) dominates(a, b ssa.Instruction) bool {
	if a.Block() == b.Block() {
		return f.indexOf(a) < f.indexOf(b)
	}
	return a.Block().Dominates(b.Block())
}

// loop is a natural loop: a header and the blocks that can reach a back
// edge to it without passing it.
type loop struct {
	header *ssa.BasicBlock
	blocks map[*ssa.BasicBlock]bool
}

// loops returns the natural loops of fn, one per header.
func loops(fn *ssa.Function) []*loop {
	var out []*loop
	for _, h := range fn.Blocks {
		var l *loop
		for _, p := range h.Preds {
			if !h.Dominates(p) {
				continue
			}
			if l == nil {
				l = &loop{header: h, blocks: map[*ssa.BasicBlock]bool{h: true}}
			}
			stack := []*ssa.BasicBlock{p}
			for len(stack) > 0 {
				b := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				if l.blocks[b] {
					continue
				}
				l.blocks[b] = true
				stack = append(stack, b.Preds...)
			}
		}
		if l != nil {
			out = append(out, l)
		}
	}
	return out
}

// innermost returns the smallest loop that holds b, or nil.
func innermost(all []*loop, b *ssa.BasicBlock) *loop {
	var best *loop
	for _, l := range all {
		if l.blocks[b] && (best == nil || len(l.blocks) < len(best.blocks)) {
			best = l
		}
	}
	return best
}

// exit returns the block the loop's header branches to when the loop
// ends normally (its condition fails), or nil for a loop with no
// condition, such as for {}.
func (l *loop) exit() *ssa.BasicBlock {
	if len(l.header.Instrs) == 0 {
		return nil
	}
	if _, ok := l.header.Instrs[len(l.header.Instrs)-1].(*ssa.If); !ok {
		return nil
	}
	var out *ssa.BasicBlock
	for _, s := range l.header.Succs {
		if !l.blocks[s] {
			if out != nil {
				return nil
			}
			out = s
		}
	}
	return out
}
