package summary

import (
	"strings"

	"golang.org/x/tools/go/ssa"
)

// ErrorFailsTest reports whether fn, a function of a _test.go file,
// fails its test when it returns a non-nil error: no call of it in the
// package goes on past a non-nil error to a return without failing the
// test first (t.Fatal, t.Error, a call that never returns). A caller that
// retries, or expects the error (`if err == nil { t.Fatal(...) }`),
// tolerates it; one that hands the error to require.NoError, sends it on
// a channel or calls t.Fatal on it does not, as far as this can tell.
func (r *Result) ErrorFailsTest(fn *ssa.Function) bool {
	if r.s == nil || fn.Prog == nil {
		return false
	}
	if f := fn.Prog.Fset.File(fn.Pos()); f == nil || !strings.HasSuffix(f.Name(), "_test.go") {
		return false
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	s := r.s
	if s.tolerant == nil {
		s.tolerant = s.tolerantCallees()
	}
	return !s.tolerant[fn]
}

// tolerantCallees returns the functions of the package some call of
// which tolerates a non-nil error: from the branch where the call's
// error is non-nil, a return is reached with no test failure before it.
func (s *state) tolerantCallees() map[*ssa.Function]bool {
	out := map[*ssa.Function]bool{}
	for _, caller := range s.funcs {
		for _, b := range caller.Blocks {
			for _, instr := range b.Instrs {
				call, ok := instr.(*ssa.Call)
				if !ok {
					continue
				}
				callee := call.Call.StaticCallee()
				if callee == nil || out[callee] || callee.Pkg != caller.Pkg {
					continue
				}
				errv := ErrResult(call)
				if errv == nil {
					continue
				}
				for _, br := range ErrBranches(errv) {
					if s.reach([]*ssa.BasicBlock{br}, unlessFailing, returnsHere) {
						out[callee] = true
						break
					}
				}
			}
		}
	}
	return out
}

// unlessFailing follows b's successors, but not past a test failure or
// a call that never returns.
func unlessFailing(b *ssa.BasicBlock) []*ssa.BasicBlock {
	if failsIn(b) {
		return nil
	}
	return b.Succs
}

// returnsHere reports whether b returns, with no test failure before.
func returnsHere(b *ssa.BasicBlock) bool {
	if len(b.Instrs) == 0 {
		return false
	}
	_, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
	return ok && !failsIn(b)
}

// failsIn reports whether b fails the test or ends the program.
func failsIn(b *ssa.BasicBlock) bool {
	for _, instr := range b.Instrs {
		if call, ok := instr.(*ssa.Call); ok && (FailsTest(call.Common()) || isNoReturnCall(call.Common())) {
			return true
		}
	}
	return false
}
