package summary

import (
	"go/token"

	"golang.org/x/tools/go/ssa"
)

// ReleasedOnReturn reports whether the goroutine of site stops waiting
// once its spawner returns: it has channel operations, and each gives up
// on ctx.Done() of a context whose cancel func the spawner defers
// (ctx, cancel := context.WithCancel(ctx); defer cancel()). Such a
// goroutine outlives the spawner only until its deferred calls run.
func (r *Result) ReleasedOnReturn(site SpawnSite) bool {
	if r.s == nil || site.Body == nil || len(site.Ops) == 0 {
		return false
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, op := range site.Ops {
		sel, ok := op.Instr.(*ssa.Select)
		if !ok || op.Cancel < 0 || op.Cancel >= len(sel.States) {
			return false
		}
		i := captureOf(site, doneReceiver(sel.States[op.Cancel].Chan))
		if i < 0 || !r.s.deferredCancel(site.Instr, site.Captures[i]) {
			return false
		}
	}
	return true
}

// doneReceiver returns X of a channel X.Done() on a context, or nil.
func doneReceiver(ch ssa.Value) ssa.Value {
	call, ok := ch.(*ssa.Call)
	if !ok || !call.Call.IsInvoke() || call.Call.Method.Name() != "Done" || !isContextType(call.Call.Value.Type()) {
		return nil
	}
	return call.Call.Value
}

// captureOf returns the index in site.Captures of the capture that v,
// a value of the goroutine's body, is: its parameter, its free variable,
// or a load of a captured variable; -1 otherwise.
func captureOf(site SpawnSite, v ssa.Value) int {
	if u, ok := v.(*ssa.UnOp); ok && u.Op == token.MUL {
		v = u.X
	}
	for i := range site.Captures {
		if bv, _ := site.BodyValue(i); bv != nil && bv == v {
			return i
		}
	}
	return -1
}

// deferredCancel reports whether ctx, a value of the spawner, is the
// context of a context.With* call whose cancel func the spawner defers
// directly, when the goroutine starts at at. A variable holding it may
// have held the parent before (ctx, cancel := context.WithCancel(ctx)).
func (s *state) deferredCancel(at ssa.Instruction, ctx ssa.Value) bool {
	if alloc, ok := ctx.(*ssa.Alloc); ok {
		ctx = lastStoreBefore(alloc, at)
	}
	ex, ok := ctx.(*ssa.Extract)
	if !ok || ex.Index != 0 {
		return false
	}
	call, ok := ex.Tuple.(*ssa.Call)
	if !ok || !isCancelableContext(call) {
		return false
	}
	for _, ref := range *call.Referrers() {
		cancel, ok := ref.(*ssa.Extract)
		if !ok || cancel.Index != 1 {
			continue
		}
		for _, r := range *cancel.Referrers() {
			if d, ok := r.(*ssa.Defer); ok && d.Parent() == at.Parent() && d.Call.Value == cancel {
				return true
			}
		}
	}
	return false
}

// lastStoreBefore returns the value a local variable holds at at: the
// one of its stores that every other store runs before, when it runs
// before at; nil otherwise.
func lastStoreBefore(alloc *ssa.Alloc, at ssa.Instruction) ssa.Value {
	var stores []*ssa.Store
	for _, ref := range *alloc.Referrers() {
		if st, ok := ref.(*ssa.Store); ok && st.Addr == alloc {
			stores = append(stores, st)
		}
	}
	for _, last := range stores {
		if !runsBefore(last, at) {
			continue
		}
		ok := true
		for _, other := range stores {
			if other != last && !runsBefore(other, last) {
				ok = false
				break
			}
		}
		if ok {
			return last.Val
		}
	}
	return nil
}

// runsBefore reports whether a runs before b on every path to b.
func runsBefore(a, b ssa.Instruction) bool {
	if a.Block() != b.Block() {
		return a.Block().Dominates(b.Block())
	}
	for _, x := range a.Block().Instrs {
		switch x {
		case a:
			return true
		case b:
			return false
		}
	}
	return false
}

// isCancelableContext reports whether call is context.WithCancel,
// WithTimeout, WithDeadline or one of their Cause forms.
func isCancelableContext(call *ssa.Call) bool {
	callee := call.Call.StaticCallee()
	if callee == nil || callee.Object() == nil || callee.Object().Pkg() == nil || callee.Object().Pkg().Path() != "context" {
		return false
	}
	switch callee.Name() {
	case "WithCancel", "WithTimeout", "WithDeadline", "WithCancelCause", "WithTimeoutCause", "WithDeadlineCause":
		return true
	}
	return false
}
