package summary

import (
	"go/constant"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// Branches returns the block each state of a select continues in, and
// the default's block (nil for a blocking select). SSA dispatches on the
// chosen index with a chain of "if index == i" tests. It returns nil when
// that chain is not found.
func Branches(sel *ssa.Select) (cases []*ssa.BasicBlock, def *ssa.BasicBlock) {
	cases = make([]*ssa.BasicBlock, len(sel.States))
	var last *ssa.If
	lastIdx := -1
	for _, ref := range *sel.Referrers() {
		ex, ok := ref.(*ssa.Extract)
		if !ok || ex.Index != 0 {
			continue
		}
		for _, r := range *ex.Referrers() {
			cmp, ok := r.(*ssa.BinOp)
			if !ok || cmp.Op != token.EQL {
				continue
			}
			c, ok := cmp.Y.(*ssa.Const)
			if !ok || c.Value == nil || c.Value.Kind() != constant.Int {
				continue
			}
			i, exact := constant.Int64Val(c.Value)
			if !exact || i < 0 || int(i) >= len(cases) {
				continue
			}
			for _, u := range *cmp.Referrers() {
				if br, ok := u.(*ssa.If); ok && len(br.Block().Succs) == 2 {
					cases[i] = br.Block().Succs[0]
					if int(i) > lastIdx {
						last, lastIdx = br, int(i)
					}
				}
			}
		}
	}
	if last == nil {
		return emptyBranches(sel)
	}
	for _, b := range cases {
		if b == nil {
			return nil, nil
		}
	}
	if !sel.Blocking && lastIdx == len(cases)-1 {
		def = last.Block().Succs[1]
	}
	return cases, def
}

// emptyBranches handles a select whose cases all have empty bodies: SSA
// drops the dispatch and jumps on, so every case (and the default)
// continues in the block after it.
func emptyBranches(sel *ssa.Select) (cases []*ssa.BasicBlock, def *ssa.BasicBlock) {
	b := sel.Block()
	after := false
	for _, instr := range b.Instrs {
		if instr == sel {
			after = true
			continue
		}
		if !after {
			continue
		}
		switch instr.(type) {
		case *ssa.Extract, *ssa.BinOp, *ssa.DebugRef:
		case *ssa.Jump:
			cases = make([]*ssa.BasicBlock, len(sel.States))
			for i := range cases {
				cases[i] = b.Succs[0]
			}
			if !sel.Blocking {
				def = b.Succs[0]
			}
			return cases, def
		default:
			return nil, nil
		}
	}
	return nil, nil
}

// IgnoredCancel is a select case in a goroutine's body that receives
// from ctx.Done() and leads only back into the loop: no path from it
// leaves the body. Once ctx is done the select can take that case every
// time, so the goroutine never stops and spins on it.
type IgnoredCancel struct {
	Select *ssa.Select
	State  int
}

// Pos is where the case receives, for a message to point at.
func (ic IgnoredCancel) Pos() token.Pos { return ic.Select.States[ic.State].Pos }

// maxCtxSelects bounds the selects on ctx.Done() examined in one body:
// each costs a walk of the function.
const maxCtxSelects = 64

// ignoredCancels finds fn's IgnoredCancels. It needs the ctx to be the
// same on every round: a new ctx each round is a new Done channel.
func (s *state) ignoredCancels(fn *ssa.Function) []IgnoredCancel {
	var out []IgnoredCancel
	var leaves map[*ssa.BasicBlock]bool
	examined := 0
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			sel, ok := instr.(*ssa.Select)
			if !ok {
				continue
			}
			var cases []*ssa.BasicBlock
			for i, st := range sel.States {
				if st.Dir != types.RecvOnly || examined >= maxCtxSelects || !s.isSameCtxDone(st.Chan, sel.Block()) {
					continue
				}
				examined++
				if cases == nil {
					if cases, _ = Branches(sel); cases == nil {
						break
					}
				}
				if leaves == nil {
					leaves = s.leavingBlocks(fn)
				}
				if !leaves[cases[i]] {
					out = append(out, IgnoredCancel{Select: sel, State: i})
				}
			}
		}
	}
	return out
}

// isSameCtxDone reports whether ch is ctx.Done() of a ctx that does not
// change while the loop holding the select at b runs: a parameter, a
// captured variable fn never assigns, or a value made where b's loop
// cannot go back to.
func (s *state) isSameCtxDone(ch ssa.Value, b *ssa.BasicBlock) bool {
	switch ctx := DoneReceiver(ch).(type) {
	case *ssa.Parameter:
		return true
	case *ssa.FreeVar:
		return true
	case *ssa.UnOp:
		fv, ok := ctx.X.(*ssa.FreeVar)
		if !ok || ctx.Op != token.MUL {
			return false
		}
		for _, ref := range *fv.Referrers() {
			if st, ok := ref.(*ssa.Store); ok && st.Addr == fv {
				return false
			}
		}
		return true
	case ssa.Instruction:
		return !s.reachesBlock(b, ctx.Block())
	}
	return false
}

// leavingBlocks returns the blocks of fn from which a path leaves it: a
// return, a panic, or a call that never returns. One walk back from those
// for the whole function; when the budget cuts it short, every block
// counts as leaving, which keeps the checks silent.
func (s *state) leavingBlocks(fn *ssa.Function) map[*ssa.BasicBlock]bool {
	var starts []*ssa.BasicBlock
	for _, b := range fn.Blocks {
		if leavesHere(b) {
			starts = append(starts, b)
		}
	}
	out := map[*ssa.BasicBlock]bool{}
	if s.reach(starts, preds, func(b *ssa.BasicBlock) bool { out[b] = true; return false }) {
		for _, b := range fn.Blocks {
			out[b] = true
		}
	}
	return out
}

// NeverLeaves reports whether fn has a body and no way to finish: no
// return, no panic (but the one after a blocking select's last case,
// which never runs), no call that never returns.
func NeverLeaves(fn *ssa.Function) bool {
	if fn == nil || len(fn.Blocks) == 0 {
		return false
	}
	for _, b := range fn.Blocks {
		if leavesHere(b) {
			return false
		}
	}
	return true
}

// leavesHere reports whether b returns, panics or calls a function that
// never returns.
func leavesHere(b *ssa.BasicBlock) bool {
	for _, instr := range b.Instrs {
		switch instr := instr.(type) {
		case *ssa.Return:
			return true
		case *ssa.Panic:
			if !isNoCasePanic(instr) {
				return true
			}
		case *ssa.Call:
			if isNoReturnCall(instr.Common()) {
				return true
			}
		}
	}
	return false
}

// isNoCasePanic reports whether p is the panic SSA puts after a blocking
// select's last case, which never runs.
func isNoCasePanic(p *ssa.Panic) bool {
	mi, ok := p.X.(*ssa.MakeInterface)
	if !ok {
		return false
	}
	c, ok := mi.X.(*ssa.Const)
	return ok && c.Value != nil && c.Value.Kind() == constant.String &&
		strings.HasPrefix(constant.StringVal(c.Value), "blocking select matched no case")
}

// reachesBlock reports whether a path of one block or more leads from b
// to to.
func (s *state) reachesBlock(b, to *ssa.BasicBlock) bool {
	return s.reach(b.Succs, succs, func(x *ssa.BasicBlock) bool { return x == to })
}

// isNoReturnCall reports whether a call never returns (os.Exit, t.Fatal,
// runtime.Goexit).
func isNoReturnCall(common *ssa.CallCommon) bool {
	if common.IsInvoke() {
		return isNoReturn(common.Method)
	}
	if fn := common.StaticCallee(); fn != nil {
		obj, _ := fn.Object().(*types.Func)
		return isNoReturn(obj) || isZerologExit(common)
	}
	return false
}

// OkTest returns the If that tests the ok of recv, a comma-ok receive
// (v, ok := <-ch; if !ok {...}, and every range over a channel): its
// first successor runs when a value came, its second once the channel
// is closed. Nil when no If tests it directly.
func OkTest(recv *ssa.UnOp) *ssa.If {
	if !recv.CommaOk {
		return nil
	}
	for _, ref := range *recv.Referrers() {
		ext, ok := ref.(*ssa.Extract)
		if !ok || ext.Index != 1 {
			continue
		}
		for _, use := range *ext.Referrers() {
			if br, ok := use.(*ssa.If); ok && br.Cond == ext {
				return br
			}
		}
	}
	return nil
}
