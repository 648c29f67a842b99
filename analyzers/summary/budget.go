package summary

import (
	"go/token"
	"math"

	"golang.org/x/tools/go/ssa"
)

// Work is bounded twice, so that no input can make the suite quadratic
// (4,400 go statements on one channel took 40 s when every query walked
// every use again):
//
//   - the shared pass's own walks are metered in steps: the summaries as a
//     whole get a package budget, and each question a check asks later
//     gets a budget of its own. A walk past its budget sees the value
//     escape, which keeps every check silent;
//   - each check has a step budget per declared function (its literals
//     included) and one for the package, charged with what its questions
//     cost (memoized answers are charged as if computed again, so the
//     charge does not depend on which check asked first) and with its own
//     CFG walks. A function whose budget runs out gets no findings from
//     that check, as if it were over the size bounds.
//
// Budgets grow with the size of the code, so real code never meets them:
// on x/tools, moby and prometheus the largest charge was far below (see
// docs/design.md).
const (
	computeStepsMin      = 1_000_000
	computeStepsPerInstr = 200
	queryStepsMax        = 200_000
	funcStepsMin         = 500_000
	funcStepsPerInstr    = 100
	pkgStepsMin          = 5_000_000
	pkgStepsPerInstr     = 100
)

// step counts one step of a walk; it reports false once the walk in
// progress is over its budget.
func (s *state) step() bool {
	s.work++
	return s.work <= s.workCap
}

// charge counts n steps at once (a scan of n instructions); it reports
// false once the walk in progress is over its budget.
func (s *state) charge(n int) bool {
	s.work += n
	return s.work <= s.workCap
}

// metered runs a query's computation under a budget of its own, and
// says what it cost.
func (s *state) metered(compute func()) cost {
	start, limit := s.work, s.workCap
	s.workCap = min(limit, start+queryStepsMax)
	compute()
	c := cost{steps: s.work - start, cut: s.work > s.workCap}
	s.workCap = limit
	return c
}

// unmetered is the work cap outside the summary phase and queries.
const unmetered = math.MaxInt

// instrCount returns how many instructions fn and its literals have.
func instrCount(fn *ssa.Function) int {
	n := 0
	for _, b := range fn.Blocks {
		n += len(b.Instrs)
	}
	for _, anon := range fn.AnonFuncs {
		n += instrCount(anon)
	}
	return n
}

// budget is one check's step budget.
type budget struct {
	left    map[*ssa.Function]int  // per declared function
	over    map[*ssa.Function]bool // declared functions whose budget ran out
	pkgLeft int
}

func newBudget(s *state) *budget {
	return &budget{
		left:    map[*ssa.Function]int{},
		over:    map[*ssa.Function]bool{},
		pkgLeft: pkgStepsMin + pkgStepsPerInstr*s.size,
	}
}

// spend charges n steps to fn's declared function and the package; it
// reports false once either budget is spent.
func (b *budget) spend(fn *ssa.Function, n int) bool {
	fn = Outermost(fn)
	if b.over[fn] {
		return false
	}
	left, ok := b.left[fn]
	if !ok {
		left = funcStepsMin + funcStepsPerInstr*instrCount(fn)
	}
	b.left[fn] = left - n
	b.pkgLeft -= n
	if left-n < 0 || b.pkgLeft < 0 {
		b.over[fn] = true
		return false
	}
	return true
}

// pay charges a memoized answer about fn to the check: what computing it
// cost, and n for reading it. An answer cut short spends the whole
// budget, since what it leaves out could make a finding wrong. It reports
// whether the check may use the answer.
func (r *Result) pay(fn *ssa.Function, c cost, n int) bool {
	if r.b == nil || fn == nil {
		return true
	}
	if c.cut {
		r.b.exhaust(fn)
		return false
	}
	return r.b.spend(fn, c.steps+n)
}

// cost is what computing a memoized answer took.
type cost struct {
	steps int
	cut   bool // it ran out of steps: the answer may be short
}

// exhaust spends the rest of fn's budget: an answer about fn was cut short.
func (b *budget) exhaust(fn *ssa.Function) {
	b.spend(fn, math.MaxInt/4)
}

// Outermost returns the declared function that encloses a literal.
func Outermost(fn *ssa.Function) *ssa.Function {
	for fn.Parent() != nil {
		fn = fn.Parent()
	}
	return fn
}

// ForCheck returns the Result as one check sees it: the same answers,
// with the check's work charged to its own budgets. Each check calls it
// once per pass.
func (r *Result) ForCheck() *Result {
	if r.s == nil {
		return r
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	return &Result{s: r.s, mu: r.mu, b: newBudget(r.s)}
}

// Spend charges n steps of the check's own work (a CFG walk, a loop over
// uses) to fn's declared function. It reports false once that budget or
// the package's is spent: the check should stop, and whatever it finds
// in that function is dropped (see OverBudget).
func (r *Result) Spend(fn *ssa.Function, n int) bool {
	if r.b == nil || fn == nil {
		return true
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.b.spend(fn, n)
}

// OverBudget reports whether pos lies in a declared function whose budget
// ran out for this check. A check's findings there are not reported.
func (r *Result) OverBudget(pos token.Pos) bool {
	if r.b == nil {
		return false
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for fn := range r.b.over {
		if syntax := fn.Syntax(); syntax != nil && syntax.Pos() <= pos && pos < syntax.End() {
			return true
		}
	}
	return false
}
