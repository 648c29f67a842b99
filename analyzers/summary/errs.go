package summary

import (
	"go/token"

	"golang.org/x/tools/go/ssa"
)

// FailedSucc returns which successor of br (0 or 1) runs when the error
// errs hold is non-nil, for a test of it against nil or of its equality
// with a sentinel error; -1 for any other branch.
func FailedSucc(br *ssa.If, errs map[ssa.Value]bool) int {
	cmp, ok := br.Cond.(*ssa.BinOp)
	if !ok {
		return -1
	}
	switch {
	case errs[cmp.X] && IsNil(cmp.Y) || errs[cmp.Y] && IsNil(cmp.X):
		switch cmp.Op {
		case token.NEQ:
			return 0
		case token.EQL:
			return 1
		}
	case errs[cmp.X] && isSentinel(cmp.Y) || errs[cmp.Y] && isSentinel(cmp.X):
		// Equal to a sentinel error, the error is not nil.
		switch cmp.Op {
		case token.EQL:
			return 0
		case token.NEQ:
			return 1
		}
	}
	return -1
}

// isSentinel reports whether v is a package-level error variable (io.EOF,
// ErrNotFound): such a variable holds a non-nil error by convention.
func isSentinel(v ssa.Value) bool {
	load, ok := v.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return false
	}
	_, ok = load.X.(*ssa.Global)
	return ok && IsError(v.Type())
}

// ErrBranches returns the blocks entered when errv is non-nil: the
// branch a test of errv against nil takes then, for each such test.
func ErrBranches(errv ssa.Value) []*ssa.BasicBlock {
	var out []*ssa.BasicBlock
	refs := errv.Referrers()
	if refs == nil {
		return nil // a constant or a global
	}
	for _, ref := range *refs {
		cmp, ok := ref.(*ssa.BinOp)
		if !ok {
			continue
		}
		for _, r := range *cmp.Referrers() {
			if br, ok := r.(*ssa.If); ok && br.Cond == cmp {
				if failed := FailedSucc(br, map[ssa.Value]bool{errv: true}); failed >= 0 {
					out = append(out, br.Block().Succs[failed])
				}
			}
		}
	}
	return out
}

// ErrResult returns the error the call returns last, or nil.
func ErrResult(call ssa.CallInstruction) ssa.Value {
	v, ok := call.(*ssa.Call)
	if !ok {
		return nil
	}
	results := v.Common().Signature().Results()
	n := results.Len()
	if n == 0 || !IsError(results.At(n-1).Type()) {
		return nil
	}
	if n == 1 {
		return v
	}
	for _, ref := range *v.Referrers() {
		if ex, ok := ref.(*ssa.Extract); ok && ex.Index == n-1 {
			return ex
		}
	}
	return nil
}
