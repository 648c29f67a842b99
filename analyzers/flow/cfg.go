package flow

import (
	"golang.org/x/tools/go/ssa"

	"github.com/scopevet/scopevet/analyzers/summary"
)

// MaxVisits bounds one path search. A search past it finds nothing,
// which keeps the checks silent.
const MaxVisits = 4000

// CFG answers path questions about one function, charging the check's
// budget for it. It is not safe for concurrent use.
type CFG struct {
	res *summary.Result
	fn  *ssa.Function
	// index and indexed hold instructions' positions in their blocks.
	index   map[ssa.Instruction]int
	indexed map[*ssa.BasicBlock]bool
	// closed memoizes firstRoundExits per start block.
	closed map[*ssa.BasicBlock]map[*ssa.BasicBlock]*ssa.BasicBlock
}

// NewCFG returns the path questions about fn.
func NewCFG(res *summary.Result, fn *ssa.Function) *CFG {
	return &CFG{res: res, fn: fn}
}

// IndexOf returns the position of instr in its block. Positions are
// indexed once per block: in a function of one huge block, a scan per
// question would make a check quadratic.
func (g *CFG) IndexOf(instr ssa.Instruction) int {
	b := instr.Block()
	if !g.indexed[b] {
		if g.index == nil {
			g.index, g.indexed = map[ssa.Instruction]int{}, map[*ssa.BasicBlock]bool{}
		}
		g.indexed[b] = true
		for i, x := range b.Instrs {
			g.index[x] = i
		}
	}
	if i, ok := g.index[instr]; ok {
		return i
	}
	return -1
}

// Search visits, depth first, the instructions that can run after
// b.Instrs[start-1], following successors, until visit returns true for
// an instruction (the path ends there). Each block is entered from its
// top at most once; the partial start block is entered again in full if
// a cycle leads back to it. It reports whether the bound, or the check's
// budget for the function, was hit: then it has not seen every path.
func (g *CFG) Search(b *ssa.BasicBlock, start int, visit func(ssa.Instruction) bool) bool {
	closed, ok := g.firstRoundExits(b)
	if !ok {
		return true
	}
	entered := map[*ssa.BasicBlock]bool{}
	var stack []*ssa.BasicBlock
	scan := func(b *ssa.BasicBlock, from int) bool {
		if !g.res.Spend(g.fn, len(b.Instrs)+1) {
			return false
		}
		for _, instr := range b.Instrs[from:] {
			if visit(instr) {
				return true
			}
		}
		succs := summary.Feasible(b)
		for i := len(succs) - 1; i >= 0; i-- {
			if succs[i] != closed[b] {
				stack = append(stack, succs[i])
			}
		}
		return true
	}
	if !scan(b, start) {
		return true
	}
	for n := 0; len(stack) > 0; n++ {
		if n > MaxVisits {
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

// FirstRoundExits returns the loop exits that a path from start cannot
// take (summary.Loop.FirstRoundExits, for each loop around start), each
// block with its closed successor; nil once the budget is spent.
func (g *CFG) FirstRoundExits(start *ssa.BasicBlock) map[*ssa.BasicBlock]*ssa.BasicBlock {
	m, _ := g.firstRoundExits(start)
	return m
}

// firstRoundExits is the package's firstRoundExits, memoized per start
// block: a check asks many questions from one go statement.
func (g *CFG) firstRoundExits(start *ssa.BasicBlock) (map[*ssa.BasicBlock]*ssa.BasicBlock, bool) {
	if m, ok := g.closed[start]; ok {
		return m, true
	}
	m, ok := firstRoundExits(g.res, start)
	if !ok {
		return nil, false
	}
	if g.closed == nil {
		g.closed = map[*ssa.BasicBlock]map[*ssa.BasicBlock]*ssa.BasicBlock{}
	}
	g.closed[start] = m
	return m, true
}

// After returns where a search that starts just after instr begins.
func (g *CFG) After(instr ssa.Instruction) (*ssa.BasicBlock, int) {
	return instr.Block(), g.IndexOf(instr) + 1
}

// Reaches reports whether to can run after from along a path on which
// no instruction is blocked.
func (g *CFG) Reaches(from, to ssa.Instruction, blocked func(ssa.Instruction) bool) bool {
	found := false
	b, i := g.After(from)
	hit := g.Search(b, i, func(instr ssa.Instruction) bool {
		if instr == to {
			found = true
			return true
		}
		return blocked(instr)
	})
	return found && !hit
}

// Dominates reports whether a runs before b on every path to b.
func (g *CFG) Dominates(a, b ssa.Instruction) bool {
	if a.Block() == b.Block() {
		return g.IndexOf(a) < g.IndexOf(b)
	}
	return a.Block().Dominates(b.Block())
}
