// Package flow answers control-flow questions the checks share: which
// returns an instruction can reach without passing a given set of
// instructions, and which functions are process-lifetime scopes.
package flow

import (
	"go/ast"
	"go/token"
	"slices"

	"golang.org/x/tools/go/ssa"

	"github.com/scopevet/scopevet/analyzers/summary"
)

// LeakingReturn finds a return reachable from at along a path with no
// handled instruction, or nil. Paths on which errv (the creating call's
// own error) is non-nil are skipped: a call that failed started nothing.
// Paths that end in a panic or a call that never returns are skipped.
// Returns that a handled instruction can also reach are not counted:
// they sit after a handled use on some path, and a path that skips it
// usually depends on a condition the CFG cannot see (a Wait under
// "if len(x) == 0" that mirrors an earlier one).
func LeakingReturn(res *summary.Result, at ssa.Instruction, handled map[ssa.Instruction]bool, errv ssa.Value) *ssa.Return {
	return LeakingReturnWhere(res, at, handled, errv, nil)
}

// LeakingReturnWhere is LeakingReturn counting only the returns keep
// accepts (all when keep is nil).
func LeakingReturnWhere(res *summary.Result, at ssa.Instruction, handled map[ssa.Instruction]bool, errv ssa.Value, keep func(*ssa.Return) bool) *ssa.Return {
	afterHandled := reachableFrom(res, handled)
	return returnWithout(res, at, handled, errv, func(ret *ssa.Return) bool {
		return !afterHandled[ret.Block()] && (keep == nil || keep(ret)) && !FailsTestReturn(res, ret)
	})
}

// ReachesWithout reports whether ret can run after at along a path with
// no stop instruction; errv's failure paths, panics and calls that never
// return end a path, as in LeakingReturn.
func ReachesWithout(res *summary.Result, at ssa.Instruction, ret *ssa.Return, stops map[ssa.Instruction]bool, errv ssa.Value) bool {
	return returnWithout(res, at, stops, errv, func(r *ssa.Return) bool { return r == ret }) != nil
}

// ReturnsReached returns the returns that can run after at along a path
// with no stop instruction; errv's failure paths, panics and calls that
// never return end a path, as in LeakingReturn.
func ReturnsReached(res *summary.Result, at ssa.Instruction, stops map[ssa.Instruction]bool, errv ssa.Value) map[*ssa.Return]bool {
	out := map[*ssa.Return]bool{}
	returnWithout(res, at, stops, errv, func(r *ssa.Return) bool {
		out[r] = true
		return false
	})
	return out
}

func returnWithout(res *summary.Result, at ssa.Instruction, handled map[ssa.Instruction]bool, errv ssa.Value, counts func(*ssa.Return) bool) *ssa.Return {
	var found *ssa.Return
	walkFrom(res, at, errv, func(instr ssa.Instruction) bool {
		if handled[instr] {
			return true
		}
		switch instr := instr.(type) {
		case *ssa.Return:
			if found == nil && counts(instr) {
				found = instr
			}
			return true
		case *ssa.Panic:
			return true
		case *ssa.Call:
			return res.IsNoReturn(instr) || summary.FailsTest(instr.Common())
		}
		return false
	})
	return found
}

// walkFrom visits, in a depth-first order, the instructions that can run
// after at, following each block's successors (less errv's failure
// branch) until stop returns true, or the check's budget is spent.
func walkFrom(res *summary.Result, at ssa.Instruction, errv ssa.Value, stop func(ssa.Instruction) bool) {
	start := at.Block()
	if !res.Spend(start.Parent(), len(start.Instrs)) {
		return
	}
	rest := start.Instrs
	for i, instr := range start.Instrs {
		if instr == at {
			rest = start.Instrs[i+1:]
		}
	}
	if scanUntil(rest, stop) {
		return
	}
	closed, ok := firstRoundExits(res, start)
	if !ok {
		return
	}
	errs := errHolders(start, errv)
	next := func(b *ssa.BasicBlock) []*ssa.BasicBlock {
		succs := successors(b, errs)
		if exit := closed[b]; exit != nil {
			succs = slices.DeleteFunc(slices.Clone(succs), func(s *ssa.BasicBlock) bool { return s == exit })
		}
		return succs
	}
	visited := map[*ssa.BasicBlock]bool{}
	// A fresh slice: appending must never write into the CFG's own Succs.
	stack := append([]*ssa.BasicBlock(nil), next(start)...)
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if visited[b] {
			continue
		}
		visited[b] = true
		if !res.Spend(b.Parent(), len(b.Instrs)) {
			return
		}
		if !scanUntil(b.Instrs, stop) {
			succs := next(b)
			for i := len(succs) - 1; i >= 0; i-- {
				stack = append(stack, succs[i])
			}
		}
	}
}

// firstRoundExits returns the loop exits a path from start cannot take:
// each exit of a loop around start that only the round start was
// entered before can take (summary.Loop.FirstRoundExits), since reaching
// it again means going round. A path that leaves the loop and enters it
// again (an outer loop) could take it; leaving that out only makes the
// checks quieter. False when the budget is spent.
func firstRoundExits(res *summary.Result, start *ssa.BasicBlock) (map[*ssa.BasicBlock]*ssa.BasicBlock, bool) {
	var out map[*ssa.BasicBlock]*ssa.BasicBlock
	for _, l := range res.Loops(start.Parent()) {
		if !l.Blocks[start] {
			continue
		}
		if !res.Spend(start.Parent(), len(l.Blocks)) {
			return nil, false
		}
		for b, exit := range l.FirstRoundExits(start) {
			if out == nil {
				out = map[*ssa.BasicBlock]*ssa.BasicBlock{}
			}
			out[b] = exit
		}
	}
	return out, true
}

func scanUntil(instrs []ssa.Instruction, stop func(ssa.Instruction) bool) bool {
	for _, instr := range instrs {
		if stop(instr) {
			return true
		}
	}
	return false
}

// reachableFrom returns the blocks that can run after any of instrs,
// including the blocks that hold them.
func reachableFrom(res *summary.Result, instrs map[ssa.Instruction]bool) map[*ssa.BasicBlock]bool {
	seen := map[*ssa.BasicBlock]bool{}
	var start []*ssa.BasicBlock
	for instr := range instrs {
		start = append(start, instr.Block())
	}
	WalkBlocks(start, func(b *ssa.BasicBlock) bool {
		seen[b] = true
		return res.Spend(b.Parent(), 1)
	})
	return seen
}

// WalkBlocks visits each block reachable from start once, depth first;
// visit returns whether to go on to the block's successors.
func WalkBlocks(start []*ssa.BasicBlock, visit func(*ssa.BasicBlock) bool) {
	seen := map[*ssa.BasicBlock]bool{}
	stack := slices.Clone(start)
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[b] {
			continue
		}
		seen[b] = true
		if visit(b) {
			stack = append(stack, summary.Feasible(b)...)
		}
	}
}

// successors returns b's successors, leaving out the branch taken when
// the error the values errs hold is non-nil.
func successors(b *ssa.BasicBlock, errs map[ssa.Value]bool) []*ssa.BasicBlock {
	if f := summary.Feasible(b); len(errs) == 0 || len(f) != 2 {
		return f
	}
	cond, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
	if !ok {
		return b.Succs
	}
	if failed := summary.FailedSucc(cond, errs); failed >= 0 {
		return b.Succs[1-failed : 2-failed]
	}
	return b.Succs
}

// errHolders returns errv and the phis that hold it on every path from
// start: `ch, err = a()` in one branch and `ch, err = b()` in the other,
// then `if err != nil`, tests a's error on a path from a. A phi holds it
// when each of its edges is a holder or comes from a block no path from
// start reaches. Nil when errv is nil.
func errHolders(start *ssa.BasicBlock, errv ssa.Value) map[ssa.Value]bool {
	if errv == nil {
		return nil
	}
	out := map[ssa.Value]bool{errv: true}
	var reach map[*ssa.BasicBlock]bool
	queue := []ssa.Value{errv}
	for len(queue) > 0 && len(out) < 32 {
		v := queue[0]
		queue = queue[1:]
		for _, ref := range *v.Referrers() {
			phi, ok := ref.(*ssa.Phi)
			if !ok || out[phi] {
				continue
			}
			if reach == nil {
				reach = map[*ssa.BasicBlock]bool{start: true}
				WalkBlocks(start.Succs, func(b *ssa.BasicBlock) bool {
					reach[b] = true
					return true
				})
			}
			holds := true
			for i, e := range phi.Edges {
				if !out[e] && reach[phi.Block().Preds[i]] {
					holds = false
					break
				}
			}
			if holds {
				out[phi] = true
				queue = append(queue, phi)
			}
		}
	}
	return out
}

// ResultValue returns the value of result i of call, or nil when
// nothing uses that result (debug references aside).
func ResultValue(call *ssa.Call, i int) ssa.Value {
	if call.Common().Signature().Results().Len() == 1 {
		if refs := call.Referrers(); refs != nil && hasRealUse(*refs) {
			return call
		}
		return nil
	}
	for _, ref := range *call.Referrers() {
		if ex, ok := ref.(*ssa.Extract); ok && ex.Index == i && hasRealUse(*ex.Referrers()) {
			return ex
		}
	}
	return nil
}

func hasRealUse(refs []ssa.Instruction) bool {
	for _, r := range refs {
		if _, ok := r.(*ssa.DebugRef); !ok {
			return true
		}
	}
	return false
}

// IsDeferred reports whether instr runs at function exit: a defer, or a
// closure that is deferred.
func IsDeferred(instr ssa.Instruction) bool {
	switch instr := instr.(type) {
	case *ssa.Defer:
		return true
	case *ssa.MakeClosure:
		for _, ref := range *instr.Referrers() {
			if d, ok := ref.(*ssa.Defer); ok && d.Call.Value == instr {
				return true
			}
		}
	}
	return false
}

// ReturnPos is where a return is written; an implicit return is at the
// function's closing brace.
func ReturnPos(fn *ssa.Function, ret *ssa.Return) token.Pos {
	if ret.Pos().IsValid() {
		return ret.Pos()
	}
	switch syntax := fn.Syntax().(type) {
	case *ast.FuncDecl:
		if syntax.Body != nil {
			return syntax.Body.Rbrace
		}
	case *ast.FuncLit:
		return syntax.Body.Rbrace
	}
	return fn.Pos()
}

// Reached returns a report of whether an instruction of fn can run: it is
// reached from fn's entry without first passing a call that never
// returns, such as t.Skip, t.Fatal or log.Fatal. Code after t.Skip is
// dead while the test is skipped; what it would do is not a finding.
func Reached(res *summary.Result, fn *ssa.Function) func(ssa.Instruction) bool {
	if len(fn.Blocks) == 0 {
		return func(ssa.Instruction) bool { return true }
	}
	seen := map[*ssa.BasicBlock]bool{}
	stopAt := map[*ssa.BasicBlock]int{} // the index of the block's first call that never returns
	WalkBlocks(fn.Blocks[:1], func(b *ssa.BasicBlock) bool {
		seen[b] = true
		i := slices.IndexFunc(b.Instrs, func(instr ssa.Instruction) bool {
			call, ok := instr.(*ssa.Call)
			return ok && res.IsNoReturn(call)
		})
		if i >= 0 {
			stopAt[b] = i
		}
		return i < 0
	})
	return func(instr ssa.Instruction) bool {
		b := instr.Block()
		if b == nil || b.Parent() != fn || b == fn.Recover {
			return true // not fn's own, or reached by a panic: not judged here
		}
		if !seen[b] {
			return false
		}
		i, ok := stopAt[b]
		return !ok || slices.Index(b.Instrs, instr) <= i
	}
}

// FailsTestReturn reports whether ret, in a _test.go file, returns an
// error known to be non-nil (one a test of it against nil sent this way,
// or a new one: errors.New, fmt.Errorf) from a helper none of whose
// callers tolerates an error (summary.ErrorFailsTest). The test then
// fails, and a goroutine the helper strands is the least of its
// problems, as after t.Fatal.
func FailsTestReturn(res *summary.Result, ret *ssa.Return) bool {
	if n := len(ret.Results); n == 0 || !summary.IsError(ret.Results[n-1].Type()) || !res.ErrorFailsTest(ret.Parent()) {
		return false
	}
	errv := ret.Results[len(ret.Results)-1]
	if load, ok := errv.(*ssa.UnOp); ok && load.Op == token.MUL {
		// A named result a closure captures: the value stored last in
		// the return's block.
		errv = nil
		for _, instr := range ret.Block().Instrs {
			if st, ok := instr.(*ssa.Store); ok && st.Addr == load.X {
				errv = st.Val
			}
		}
		if errv == nil {
			return false
		}
	}
	if mi, ok := errv.(*ssa.MakeInterface); ok {
		errv = mi.X
	}
	if call, ok := errv.(*ssa.Call); ok {
		if callee := call.Call.StaticCallee(); callee != nil && callee.Pkg != nil {
			switch callee.Pkg.Pkg.Path() + "." + callee.Name() {
			case "errors.New", "fmt.Errorf":
				return true
			}
		}
	}
	for _, b := range summary.ErrBranches(errv) {
		if b.Dominates(ret.Block()) {
			return true
		}
	}
	return false
}
