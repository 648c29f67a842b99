package flow

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// OnceGuarded reports whether instr, inside a loop, runs at most once per
// call of its function: a local flag guards it and every way from it back
// to the guard carries the flag set, as in
//
//	for req := range reqs {
//		if !sent {
//			sent = true
//			ch <- req
//		}
//	}
func OnceGuarded(instr ssa.Instruction) bool {
	b := instr.Block()
	if b == nil {
		return false
	}
	for d := b.Idom(); d != nil; d = d.Idom() {
		if len(d.Instrs) == 0 {
			continue
		}
		br, ok := d.Instrs[len(d.Instrs)-1].(*ssa.If)
		if !ok || br.Block().Succs[0] == br.Block().Succs[1] {
			continue
		}
		if flag := guardFlag(br, b); flag != nil && setOnEveryWayBack(flag, b) {
			return true
		}
	}
	return false
}

// guardFlag returns the loop-carried bool that br tests, when the branch
// towards b is taken only while it is false.
func guardFlag(br *ssa.If, b *ssa.BasicBlock) *ssa.Phi {
	succs := br.Block().Succs
	cond, taken := br.Cond, -1
	for i, s := range succs {
		if s.Dominates(b) {
			taken = i
		}
	}
	if taken < 0 {
		return nil
	}
	if not, ok := cond.(*ssa.UnOp); ok && not.Op == token.NOT {
		cond, taken = not.X, 1-taken
	}
	phi, ok := cond.(*ssa.Phi)
	if !ok || taken != 1 || !isBool(phi.Type()) {
		return nil
	}
	return phi
}

func isBool(t types.Type) bool {
	basic, ok := t.Underlying().(*types.Basic)
	return ok && basic.Kind() == types.Bool
}

// setOnEveryWayBack reports whether each path from b back to the flag's
// block brings the constant true into the flag.
func setOnEveryWayBack(flag *ssa.Phi, b *ssa.BasicBlock) bool {
	head := flag.Block()
	after := map[*ssa.BasicBlock]bool{} // reachable from b without passing head
	WalkBlocks([]*ssa.BasicBlock{b}, func(x *ssa.BasicBlock) bool {
		if x == head || after[x] {
			return false
		}
		after[x] = true
		return true
	})
	seen := map[*ssa.Phi]bool{}
	var isSet func(v ssa.Value) bool
	isSet = func(v ssa.Value) bool {
		switch v := v.(type) {
		case *ssa.Const:
			return v.Value != nil && v.Value.String() == "true"
		case *ssa.Phi:
			if v == flag {
				return false
			}
			if seen[v] {
				return true // a cycle adds no other value
			}
			seen[v] = true
			if !after[v.Block()] {
				return false
			}
			// b's own phis took their values before instr ran, on
			// any way in; elsewhere only the ways in from b count.
			for i, pred := range v.Block().Preds {
				if (after[pred] || v.Block() == b) && !isSet(v.Edges[i]) {
					return false
				}
			}
			return true
		}
		return false
	}
	back := false
	for i, pred := range head.Preds {
		if after[pred] {
			back = true
			if !isSet(flag.Edges[i]) {
				return false
			}
		}
	}
	return back
}
