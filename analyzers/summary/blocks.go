package summary

import (
	"go/constant"
	"go/token"

	"golang.org/x/tools/go/ssa"
)

// Loop is a natural loop: a header and the blocks that can reach a back
// edge to it without passing it.
type Loop struct {
	Header *ssa.BasicBlock
	Blocks map[*ssa.BasicBlock]bool
}

// Loops returns the natural loops of fn, one per header, computed once
// per function for every check. The slice is shared: do not change it.
func (r *Result) Loops(fn *ssa.Function) []*Loop {
	if r.s == nil {
		return naturalLoops(fn)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.s.loopsOf(fn)
}

// loopsOf memoizes naturalLoops.
func (s *state) loopsOf(fn *ssa.Function) []*Loop {
	if ls, ok := s.loops[fn]; ok {
		return ls
	}
	ls := naturalLoops(fn)
	if s.loops == nil {
		s.loops = map[*ssa.Function][]*Loop{}
	}
	s.loops[fn] = ls
	return ls
}

// naturalLoops finds the natural loops of fn, one per header.
func naturalLoops(fn *ssa.Function) []*Loop {
	var out []*Loop
	for _, h := range fn.Blocks {
		var l *Loop
		for _, p := range h.Preds {
			if !h.Dominates(p) {
				continue
			}
			if l == nil {
				l = &Loop{Header: h, Blocks: map[*ssa.BasicBlock]bool{h: true}}
			}
			stack := []*ssa.BasicBlock{p}
			for len(stack) > 0 {
				b := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				if l.Blocks[b] {
					continue
				}
				l.Blocks[b] = true
				stack = append(stack, b.Preds...)
			}
		}
		if l != nil {
			out = append(out, l)
		}
	}
	return out
}

// Innermost returns the smallest loop that holds b, or nil.
func Innermost(all []*Loop, b *ssa.BasicBlock) *Loop {
	var best *Loop
	for _, l := range all {
		if l.Blocks[b] && (best == nil || len(l.Blocks) < len(best.Blocks)) {
			best = l
		}
	}
	return best
}

// Exit returns the block the loop's header branches to when the loop
// ends normally (its condition fails), or nil for a loop with no
// condition, such as for {}.
func (l *Loop) Exit() *ssa.BasicBlock {
	if len(l.Header.Instrs) == 0 {
		return nil
	}
	if _, ok := l.Header.Instrs[len(l.Header.Instrs)-1].(*ssa.If); !ok {
		return nil
	}
	var out *ssa.BasicBlock
	for _, s := range l.Header.Succs {
		if !l.Blocks[s] {
			if out != nil {
				return nil
			}
			out = s
		}
	}
	return out
}

// EnteredBefore reports whether every path to b that can run enters l
// first: l's header dominates b, or l is guarded by a test of constants
// that always holds (SSA keeps "0 < 3" before a `for range 3` body) and
// the guard dominates b.
func (l *Loop) EnteredBefore(b *ssa.BasicBlock) bool {
	if l.Header.Dominates(b) {
		return true
	}
	g := l.Header.Idom()
	if g == nil || l.Blocks[g] || !g.Dominates(b) {
		return false
	}
	succs := Feasible(g)
	return len(succs) == 1 && succs[0] == l.Header
}

// Feasible returns the successors of b that can run: one, for an If on
// a constant or on a comparison of two constants, else all of them.
func Feasible(b *ssa.BasicBlock) []*ssa.BasicBlock {
	if len(b.Succs) != 2 || len(b.Instrs) == 0 {
		return b.Succs
	}
	br, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
	if !ok {
		return b.Succs
	}
	holds, known := constCond(br.Cond)
	switch {
	case !known:
		return b.Succs
	case holds:
		return b.Succs[:1]
	default:
		return b.Succs[1:]
	}
}

// constCond evaluates a condition made of constants.
func constCond(v ssa.Value) (holds, known bool) {
	if c, ok := v.(*ssa.Const); ok {
		if c.Value == nil || c.Value.Kind() != constant.Bool {
			return false, false
		}
		return constant.BoolVal(c.Value), true
	}
	cmp, ok := v.(*ssa.BinOp)
	if !ok {
		return false, false
	}
	switch cmp.Op {
	case token.EQL, token.NEQ, token.LSS, token.LEQ, token.GTR, token.GEQ:
	default:
		return false, false
	}
	x, ok1 := cmp.X.(*ssa.Const)
	y, ok2 := cmp.Y.(*ssa.Const)
	if !ok1 || !ok2 || x.Value == nil || y.Value == nil {
		return false, false
	}
	if k := x.Value.Kind(); k != constant.Int || y.Value.Kind() != k {
		return false, false
	}
	return constant.Compare(x.Value, cmp.Op, y.Value), true
}

// cyclicBlocks returns the blocks of fn that can run again in one call:
// those of its natural loops.
func (s *state) cyclicBlocks(fn *ssa.Function) map[*ssa.BasicBlock]bool {
	c := map[*ssa.BasicBlock]bool{}
	for _, l := range s.loopsOf(fn) {
		for b := range l.Blocks {
			c[b] = true
		}
	}
	return c
}

// reach walks blocks from starts along edges (Succs or Preds), each once,
// and reports whether match holds for one of them; also true when the
// budget cuts the walk short, which keeps the checks silent.
func (s *state) reach(starts []*ssa.BasicBlock, edges func(*ssa.BasicBlock) []*ssa.BasicBlock, match func(*ssa.BasicBlock) bool) bool {
	seen := map[*ssa.BasicBlock]bool{}
	stack := append([]*ssa.BasicBlock(nil), starts...)
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[b] {
			continue
		}
		seen[b] = true
		if !s.step() || match(b) {
			return true
		}
		stack = append(stack, edges(b)...)
	}
	return false
}

func succs(b *ssa.BasicBlock) []*ssa.BasicBlock { return b.Succs }
func preds(b *ssa.BasicBlock) []*ssa.BasicBlock { return b.Preds }
