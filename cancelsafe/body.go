package cancelsafe

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"

	"github.com/scopevet/scopevet/analyzers/flow"
	"github.com/scopevet/scopevet/analyzers/summary"
)

// bodySends is what a goroutine's body does with the pending channel.
type bodySends struct {
	// sends are its blocking sends: plain sends, selects that can only
	// send, and calls of helpers that send without a way out.
	sends []ssa.Instruction
	// oneEach: each send is a plain send of the body itself (not a
	// helper's), so sendsOnce can count them.
	oneEach bool
	// last: nothing but returning, closing the channel and releasing
	// locks or WaitGroups follows any send, so the goroutine does not
	// rely on the receiver having taken the value.
	last bool
}

// bodySends follows the channel v (a free variable or parameter of
// body; cell when it is a captured variable) through body. It returns
// false when the body receives from it, stores it, hands it to a closure
// or to code whose effect is unknown, or the walk is cut short.
func (f *fnCheck) bodySends(body *ssa.Function, v ssa.Value, cell bool) (bodySends, bool) {
	out := bodySends{oneEach: true, last: true}
	var deferred []ssa.Instruction
	ok := true
	complete := summary.BodyUses(v, cell, func(a ssa.Value, ref ssa.Instruction) summary.Step {
		switch r := ref.(type) {
		case *ssa.BinOp:
			return summary.Next
		case *ssa.Send:
			if r.Chan != a {
				ok = false
				return summary.Stop
			}
			out.sends = append(out.sends, r)
			return summary.Next
		case *ssa.Select:
			for _, st := range r.States {
				if st.Send == a || st.Chan == a && st.Dir == types.RecvOnly {
					ok = false
					return summary.Stop
				}
			}
			if !isGuarded(r) {
				out.sends = append(out.sends, r)
			}
			return summary.Next
		case *ssa.MakeClosure:
			// A deferred closure's sends are the goroutine's last
			// (a recover that reports the panic): counted as sends,
			// not as more of them, since on the panic path the body's
			// own send never ran.
			ds, dok := f.deferredSends(r, a)
			if !dok {
				ok = false
				return summary.Stop
			}
			deferred = append(deferred, ds...)
			out.last = false
			return summary.Next
		case ssa.CallInstruction:
			if selfPass(r, a) {
				// The body runs again with the channel: its sends are
				// the ones this walk sees, counted once more on a path
				// that sent before.
				out.sends = append(out.sends, r)
				out.last = false
				return summary.Next
			}
			e, eok := f.argEffect(r, a)
			if !eok {
				ok = false
				return summary.Stop
			}
			if e&summary.Sends != 0 {
				out.sends = append(out.sends, r)
				out.oneEach, out.last = false, false
			}
			return summary.Next
		}
		// A receive, a store, a phi with another channel: not followed.
		ok = false
		return summary.Stop
	})
	if !ok || !complete {
		return out, false
	}
	if len(out.sends) > 0 && out.last {
		out.last = f.onlyWrapUp(body, out.sends)
	}
	if len(out.sends) > 0 || alwaysRuns(deferred) {
		out.sends = append(out.sends, deferred...)
	}
	if len(out.sends) > 0 && !slices.ContainsFunc(out.sends, func(s ssa.Instruction) bool { return !summary.OnlyOnAbnormalEnd(s) }) {
		// It sends only when its server fails by itself: closed, it ends.
		out.sends = nil
	}
	return out, true
}

// selfPass reports whether call hands a to the body it is in, and only
// in a's own parameter place.
func selfPass(call ssa.CallInstruction, a ssa.Value) bool {
	found := false
	for i, arg := range call.Common().Args {
		if arg == a {
			if !summary.IsSelfPass(call, i) {
				return false
			}
			found = true
		}
	}
	return found && call.Common().Value != a
}

// deferredSends returns the blocking sends of a closure the body only
// defers, on the free variable bound to a; false when the closure is used
// any other way or does more with the channel than send or close it.
func (f *fnCheck) deferredSends(mc *ssa.MakeClosure, a ssa.Value) ([]ssa.Instruction, bool) {
	fn, ok := mc.Fn.(*ssa.Function)
	if !ok || fn.Blocks == nil || len(*mc.Referrers()) != 1 || !flow.IsDeferred(mc) {
		return nil, false
	}
	var sends []ssa.Instruction
	for i, b := range mc.Bindings {
		if b != a {
			continue
		}
		if i >= len(fn.FreeVars) {
			return nil, false
		}
		bs, ok := f.bodySends(fn, fn.FreeVars[i], true)
		if !ok {
			return nil, false
		}
		sends = append(sends, bs.sends...)
	}
	return sends, true
}

// alwaysRuns reports whether one of the sends runs whenever its
// function returns: a deferred send that only a recovered panic reaches
// is no pending send on its own.
func alwaysRuns(sends []ssa.Instruction) bool {
	for _, s := range sends {
		every := true
		for _, b := range s.Parent().Blocks {
			if _, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok && !s.Block().Dominates(b) {
				every = false
			}
		}
		if every {
			return true
		}
	}
	return false
}

// argEffect returns what a call does with the channel a among its
// arguments: closing, len and cap are fine, a callee's plain or guarded
// sends are reported, anything else is not followed.
func (f *fnCheck) argEffect(call ssa.CallInstruction, a ssa.Value) (summary.Effect, bool) {
	common := call.Common()
	if common.Value == a {
		return 0, false
	}
	if b, ok := common.Value.(*ssa.Builtin); ok {
		switch b.Name() {
		case "close", "len", "cap":
			return 0, true
		}
		return 0, false
	}
	if _, ok := call.(*ssa.Call); !ok || common.IsInvoke() {
		return 0, false // go, defer, or a dynamic call
	}
	sum := f.c.res.Callee(common)
	if sum == nil {
		return 0, false
	}
	var e summary.Effect
	for i, arg := range common.Args {
		if arg == a {
			e |= sum.Param(i)
		}
	}
	if e&^(summary.Sends|summary.GuardedSends|summary.Closes) != 0 {
		return 0, false
	}
	return e, true
}

// isGuarded reports whether a select can proceed without its sends.
func isGuarded(sel *ssa.Select) bool {
	if !sel.Blocking {
		return true
	}
	for _, st := range sel.States {
		if st.Dir == types.RecvOnly {
			return true
		}
	}
	return false
}

// sendsOnce reports whether a goroutine does at most one of its sends
// per run: none can run after another, or after itself in a loop unless
// a flag it sets lets it run once.
func (f *fnCheck) sendsOnce(sends []ssa.Instruction) bool {
	never := func(ssa.Instruction) bool { return false }
	for _, a := range sends {
		for _, b := range sends {
			if a.Parent() == b.Parent() && f.Reaches(a, b, never) && (a != b || !flow.OnceGuarded(a)) {
				return false
			}
		}
	}
	return true
}

// onlyWrapUp reports whether every send is followed only by the
// goroutine winding up: returning, closing a channel, marking a
// WaitGroup done, unlocking; and its deferred calls are of that kind.
func (f *fnCheck) onlyWrapUp(body *ssa.Function, sends []ssa.Instruction) bool {
	for _, b := range body.Blocks {
		for _, instr := range b.Instrs {
			if d, ok := instr.(*ssa.Defer); ok && !isWrapUp(d.Common()) {
				return false
			}
		}
	}
	for _, s := range sends {
		ok := true
		b, i := f.After(s)
		hit := f.Search(b, i, func(instr ssa.Instruction) bool {
			switch instr := instr.(type) {
			case *ssa.Jump, *ssa.Return, *ssa.RunDefers, *ssa.DebugRef,
				*ssa.FieldAddr, *ssa.Field, *ssa.IndexAddr, *ssa.Index, *ssa.Slice,
				*ssa.ChangeType, *ssa.Convert, *ssa.MakeInterface, *ssa.Extract, *ssa.BinOp, *ssa.Phi:
				return false // no effect anyone could observe
			case *ssa.UnOp:
				if instr.Op != token.ARROW {
					return false
				}
			case *ssa.Call:
				if isWrapUp(instr.Common()) {
					return false
				}
			}
			ok = false
			return true
		})
		if !ok || hit {
			return false
		}
	}
	return true
}

// wrapUpFuncs release what a goroutine holds as it ends.
var wrapUpFuncs = map[string]bool{
	"(*sync.WaitGroup).Done":  true,
	"(*sync.Mutex).Unlock":    true,
	"(*sync.RWMutex).Unlock":  true,
	"(*sync.RWMutex).RUnlock": true,
}

func isWrapUp(common *ssa.CallCommon) bool {
	if b, ok := common.Value.(*ssa.Builtin); ok {
		return b.Name() == "close"
	}
	if fn := common.StaticCallee(); fn != nil {
		if obj, ok := fn.Object().(*types.Func); ok {
			return wrapUpFuncs[obj.FullName()] || isRelease(obj)
		}
	}
	return false
}

// heldLock is a lock a goroutine acquires and still holds when it
// blocks on its send.
type heldLock struct {
	at   *ssa.Call // the Lock or Acquire call
	name string    // the lock as the user wrote it
}

// lockPairs maps the functions that acquire a lock to those that release it.
var lockPairs = map[string]string{
	"(*sync.Mutex).Lock":                              "(*sync.Mutex).Unlock",
	"(*sync.RWMutex).Lock":                            "(*sync.RWMutex).Unlock",
	"(*sync.RWMutex).RLock":                           "(*sync.RWMutex).RUnlock",
	"(*golang.org/x/sync/semaphore.Weighted).Acquire": "(*golang.org/x/sync/semaphore.Weighted).Release",
}

// heldLock returns a lock body acquires before a send and does not
// release on any path to it (a deferred release counts as held), or nil.
func (f *fnCheck) heldLock(body *ssa.Function, sends []ssa.Instruction) *heldLock {
	if body == nil || body.Blocks == nil {
		return nil
	}
	type call struct {
		c    *ssa.Call
		name string // a release's own name; for an acquire, its release's
	}
	var acquires, releases []call
	for _, b := range body.Blocks {
		for _, instr := range b.Instrs {
			c, ok := instr.(*ssa.Call)
			if !ok || len(c.Common().Args) == 0 {
				continue
			}
			fn := c.Common().StaticCallee()
			if fn == nil {
				continue
			}
			obj, ok := fn.Object().(*types.Func)
			if !ok {
				continue
			}
			if rel := releaseOf(obj); rel != "" {
				acquires = append(acquires, call{c, rel})
			}
			if isRelease(obj) {
				releases = append(releases, call{c, obj.FullName()})
			}
		}
	}
	for _, s := range sends {
		if s.Parent() != body {
			continue
		}
	next:
		for _, acq := range acquires {
			if !f.Dominates(acq.c, s) {
				continue
			}
			never := func(ssa.Instruction) bool { return false }
			for _, rel := range releases {
				if rel.name == acq.name && sameLock(rel.c.Common().Args[0], acq.c.Common().Args[0]) &&
					f.Reaches(acq.c, rel.c, never) && f.Reaches(rel.c, s, never) {
					continue next
				}
			}
			return &heldLock{at: acq.c, name: f.lockName(acq.c)}
		}
	}
	return nil
}

// releaseOf returns the full name of the method that releases what a
// call of acquire takes: the modelled locks and semaphores, and a Take or
// Acquire method of a type that also has Release (a semaphore of the
// program's own, such as a limiter over a channel). "" for others.
func releaseOf(acquire *types.Func) string {
	full := acquire.FullName()
	if rel, ok := lockPairs[full]; ok {
		return rel
	}
	sig, ok := acquire.Type().(*types.Signature)
	if !ok || sig.Recv() == nil || acquire.Name() != "Take" && acquire.Name() != "Acquire" {
		return ""
	}
	obj, _, _ := types.LookupFieldOrMethod(sig.Recv().Type(), true, acquire.Pkg(), "Release")
	if rel, ok := obj.(*types.Func); ok {
		return rel.FullName()
	}
	return ""
}

// isRelease reports whether fn releases a lock or a semaphore.
func isRelease(fn *types.Func) bool {
	for _, rel := range lockPairs {
		if rel == fn.FullName() {
			return true
		}
	}
	sig, ok := fn.Type().(*types.Signature)
	return ok && sig.Recv() != nil && fn.Name() == "Release"
}

// lockName quotes the receiver of a Lock call.
func (f *fnCheck) lockName(c *ssa.Call) string {
	if call := f.c.syn.calls[c.Pos()]; call != nil {
		if sel, ok := call.Fun.(*ast.SelectorExpr); ok && isSimple(sel.X) {
			return text(sel.X)
		}
	}
	return "a lock"
}

// sameLock reports whether two receivers denote the same lock: the same
// value, or the same field of the same lock holder.
func sameLock(a, b ssa.Value) bool {
	for range 8 {
		if a == b {
			return true
		}
		switch x := a.(type) {
		case *ssa.FieldAddr:
			y, ok := b.(*ssa.FieldAddr)
			if !ok || x.Field != y.Field {
				return false
			}
			a, b = x.X, y.X
		case *ssa.UnOp:
			y, ok := b.(*ssa.UnOp)
			if !ok || x.Op != y.Op {
				return false
			}
			a, b = x.X, y.X
		default:
			return false
		}
	}
	return false
}
