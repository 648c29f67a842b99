package summary

import (
	"go/token"
	"go/types"
	"slices"

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
	selects := 0
	for _, op := range site.Ops {
		if send, ok := op.Instr.(*ssa.Send); ok && r.s.hasRoom(site, send) {
			continue
		}
		sel, ok := op.Instr.(*ssa.Select)
		if !ok || op.Cancel < 0 || op.Cancel >= len(sel.States) {
			return false
		}
		i := captureOf(site, doneReceiver(sel.States[op.Cancel].Chan))
		if i < 0 || !r.s.deferredCancel(site.Instr, site.Captures[i]) {
			return false
		}
		selects++
	}
	if selects > 0 {
		return true
	}
	// Only sends that cannot block: the rest of its work must end with
	// the deferred cancel, on a context it hands to the work.
	for i, c := range site.Captures {
		if (isContextType(c.Type()) || isContextCell(c)) && r.s.deferredCancel(site.Instr, c) && passesOn(site, i) {
			return true
		}
	}
	return false
}

// passesOn reports whether the goroutine of site hands capture i to a
// call (an RPC given the context, say), or observes cancellation.
func passesOn(site SpawnSite, i int) bool {
	if site.ObservesCancel {
		return true
	}
	v, cell := site.BodyValue(i)
	if v == nil {
		return false
	}
	vals := []ssa.Value{v}
	if cell {
		vals = nil
		for _, ref := range *v.Referrers() {
			if load, ok := ref.(*ssa.UnOp); ok && load.Op == token.MUL {
				vals = append(vals, load)
			}
		}
	}
	for _, x := range vals {
		for _, ref := range *x.Referrers() {
			if call, ok := ref.(ssa.CallInstruction); ok && slices.Contains(call.Common().Args, x) {
				return true
			}
		}
	}
	return false
}

// hasRoom reports whether send, in the goroutine of site, is on a
// channel its spawner made with a buffer sized at run time
// (make(chan T, len(jobs))): taken to have room for every send, as
// cancelsafe takes it.
func (s *state) hasRoom(site SpawnSite, send *ssa.Send) bool {
	i := captureOf(site, send.Chan)
	if i < 0 {
		return false
	}
	mk, ok := valueAt(site.Captures[i], site.Instr).(*ssa.MakeChan)
	return ok && s.hasRoomMade(site, mk)
}

func (s *state) hasRoomMade(site SpawnSite, mk *ssa.MakeChan) bool {
	if mk.Parent() != site.Instr.Parent() {
		return false
	}
	_, constant := mk.Size.(*ssa.Const)
	return !constant
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
	call := contextCall(valueAt(ctx, at))
	if call == nil {
		return false
	}
	cancel := extractOf(call, 1)
	if cancel == nil {
		return false
	}
	for _, r := range *cancel.Referrers() {
		if d, ok := r.(*ssa.Defer); ok && d.Parent() == at.Parent() && d.Call.Value == cancel {
			return true
		}
	}
	return false
}

// contextCall returns the context.With* call (see isCancelableContext)
// whose context ctx is, or nil.
func contextCall(ctx ssa.Value) *ssa.Call {
	ex, ok := ctx.(*ssa.Extract)
	if !ok || ex.Index != 0 {
		return nil
	}
	call, ok := ex.Tuple.(*ssa.Call)
	if !ok || !isCancelableContext(call) {
		return nil
	}
	return call
}

// valueAt returns what v stands for at at: the value a local variable
// holds there, for the variable or a load of it; v itself otherwise.
func valueAt(v ssa.Value, at ssa.Instruction) ssa.Value {
	if load, ok := v.(*ssa.UnOp); ok && load.Op == token.MUL {
		if cell, ok := load.X.(*ssa.Alloc); ok {
			return lastStoreBefore(cell, at)
		}
	}
	if cell, ok := v.(*ssa.Alloc); ok {
		return lastStoreBefore(cell, at)
	}
	return v
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

// CanceledOnlyLate reports whether the ctx.Done() channel done can fire
// only once fn is returning or body has finished: done is X.Done() for a
// context.WithCancel (or WithCancelCause) of context.Background() or
// TODO(), made in fn, whose cancel func is called only by fn's deferred
// calls or by the deferred calls of body (a goroutine of fn; nil for
// none). A select case on it cannot win while fn waits for that goroutine.
func (r *Result) CanceledOnlyLate(at ssa.Instruction, done ssa.Value, body *ssa.Function) bool {
	if r.s == nil {
		return false
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	call := contextCall(valueAt(doneReceiver(done), at))
	if call == nil || !isCancelOnly(call) || !isRootContext(call.Call.Args[0]) {
		return false
	}
	cancel := extractOf(call, 1)
	return cancel != nil && r.s.calledOnlyLate(cancel, at, body, 0)
}

// extractOf returns the Extract of result i of call, or nil.
func extractOf(call *ssa.Call, i int) ssa.Value {
	for _, ref := range *call.Referrers() {
		if ex, ok := ref.(*ssa.Extract); ok && ex.Index == i {
			return ex
		}
	}
	return nil
}

// calledOnlyLate reports whether the func value f (or a variable
// holding it) is only called by deferred calls of at's function fn or of
// body, inside closures that those defer, by calls of fn that cannot run
// before at, or handed to the closure body runs.
func (s *state) calledOnlyLate(f ssa.Value, at ssa.Instruction, body *ssa.Function, depth int) bool {
	fn := at.Parent()
	if depth > 4 {
		return false
	}
	for _, ref := range *f.Referrers() {
		switch u := ref.(type) {
		case *ssa.DebugRef:
		case *ssa.Defer:
			if u.Call.Value != f || u.Parent() != fn && u.Parent() != body {
				return false
			}
		case *ssa.Call:
			// A call after at, on a path that does not come back to it.
			if u.Call.Value != f || u.Parent() != fn || u.Block() == at.Block() ||
				s.reach(u.Block().Succs, succs, func(b *ssa.BasicBlock) bool { return b == at.Block() }) {
				return false
			}
		case *ssa.Store:
			if u.Addr == f {
				continue // f is the variable, and this its store
			}
			cell, ok := u.Addr.(*ssa.Alloc)
			if !ok || u.Val != f || !s.calledOnlyLate(cell, at, body, depth+1) {
				return false
			}
		case *ssa.UnOp:
			if u.Op != token.MUL || !s.calledOnlyLate(u, at, body, depth+1) {
				return false
			}
		case *ssa.MakeClosure:
			inner, ok := u.Fn.(*ssa.Function)
			if !ok {
				return false
			}
			deferred := false
			for _, r := range *u.Referrers() {
				if d, ok := r.(*ssa.Defer); ok && d.Call.Value == u && (d.Parent() == fn || d.Parent() == body) {
					deferred = true
				}
			}
			if deferred {
				continue // whatever a deferred closure does runs late
			}
			if inner != body {
				return false
			}
			for i, b := range u.Bindings {
				if b == f && i < len(inner.FreeVars) && !s.calledOnlyLate(inner.FreeVars[i], at, body, depth+1) {
					return false
				}
			}
		default:
			return false
		}
	}
	return true
}

// isCancelOnly reports whether call, a context.With* call, is
// WithCancel or WithCancelCause: a context done only when canceled or
// its parent is.
func isCancelOnly(call *ssa.Call) bool {
	name := call.Call.StaticCallee().Name()
	return name == "WithCancel" || name == "WithCancelCause"
}

// isRootContext reports whether v is context.Background() or TODO().
func isRootContext(v ssa.Value) bool {
	call, ok := v.(*ssa.Call)
	if !ok {
		return false
	}
	callee := call.Call.StaticCallee()
	if callee == nil || callee.Object() == nil || callee.Object().Pkg() == nil || callee.Object().Pkg().Path() != "context" {
		return false
	}
	return callee.Name() == "Background" || callee.Name() == "TODO"
}

// BlocksOnDone reports whether the goroutine of site waits for
// ctx.Done() with nothing else to wake it (`<-ctx.Done()`), where ctx
// is a value of its spawner, or a variable holding only it.
func (r *Result) BlocksOnDone(site SpawnSite, ctx ssa.Value) bool {
	if r.s == nil || site.Body == nil {
		return false
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, op := range site.Ops {
		recv, ok := op.Instr.(*ssa.UnOp)
		if !ok || recv.Op != token.ARROW {
			continue
		}
		i := captureOf(site, doneReceiver(recv.X))
		if i < 0 {
			continue
		}
		c := site.Captures[i]
		if alloc, ok := c.(*ssa.Alloc); ok {
			c = r.s.singleStore(alloc)
		}
		if c == ctx {
			return true
		}
	}
	return false
}

// PlainSends returns the spawner's channels that the goroutine of site
// sends on with nothing to let it give up: a send statement of its body
// outside any select, or a plain send its summary says a callee or
// closure makes on a capture. Such a goroutine stays blocked once its
// spawner stops receiving, and so would a Wait for it.
func (r *Result) PlainSends(site SpawnSite) []ssa.Value {
	if r.s == nil || site.Body == nil {
		return nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	seen := map[int]bool{}
	for _, op := range site.Ops {
		if send, ok := op.Instr.(*ssa.Send); ok {
			if i := captureOf(site, send.Chan); i >= 0 {
				seen[i] = true
			}
		}
	}
	if sum := r.s.summarize(site.Body); sum != nil {
		for i := range site.Captures {
			e := sum.Param(i - len(site.Body.FreeVars))
			if i < len(site.Body.FreeVars) {
				e = 0
				if i < len(sum.FreeVars) {
					e = sum.FreeVars[i]
				}
			}
			if e&Sends != 0 {
				seen[i] = true
			}
		}
	}
	var out []ssa.Value
	for i, c := range site.Captures {
		if !seen[i] {
			continue
		}
		if mk, ok := valueAt(c, site.Instr).(*ssa.MakeChan); ok && r.s.hasRoomMade(site, mk) {
			continue
		}
		if alloc, ok := c.(*ssa.Alloc); ok {
			c = r.s.singleStore(alloc)
		}
		if c != nil {
			out = append(out, r.s.canonical(c))
		}
	}
	return out
}

// CancelCalls returns the spawner's own calls, not deferred, of a cancel
// func that ends the goroutine of site: the goroutine observes
// cancellation, and the cancel func is that of its captured context or
// of a context that one derives from (context.With*, errgroup's
// WithContext). Past such a call, the goroutine is on its way out.
func (r *Result) CancelCalls(site SpawnSite) []ssa.Instruction {
	if r.s == nil || !site.ObservesCancel {
		return nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	s := r.s
	fn := site.Instr.Parent()
	var out []ssa.Instruction
	for _, c := range site.Captures {
		if !isContextType(c.Type()) && !isContextCell(c) {
			continue
		}
		ctx := s.heldAt(c, site.Instr)
		for depth := 0; ctx != nil && depth < 4; depth++ {
			ex, ok := ctx.(*ssa.Extract)
			if !ok {
				break
			}
			call, ok := ex.Tuple.(*ssa.Call)
			if !ok {
				break
			}
			switch {
			case ex.Index == 0 && isCancelableContext(call):
				out = append(out, callsOf(fn, extractOf(call, 1))...)
			case ex.Index == 1 && isGroupWithContext(call):
			default:
				ctx = nil
				continue
			}
			ctx = s.heldAt(call.Call.Args[0], call)
		}
	}
	return out
}

func isContextCell(v ssa.Value) bool {
	alloc, ok := v.(*ssa.Alloc)
	return ok && isContextType(alloc.Type().Underlying().(*types.Pointer).Elem())
}

// isGroupWithContext reports whether call is errgroup.WithContext.
func isGroupWithContext(call *ssa.Call) bool {
	callee := call.Call.StaticCallee()
	return callee != nil && callee.Name() == "WithContext" && callee.Pkg != nil && callee.Pkg.Pkg.Path() == "golang.org/x/sync/errgroup"
}

// callsOf returns fn's calls, not deferred, of the func value f, directly
// or through a local variable that holds only f.
func callsOf(fn *ssa.Function, f ssa.Value) []ssa.Instruction {
	if f == nil {
		return nil
	}
	var out []ssa.Instruction
	for _, ref := range *f.Referrers() {
		switch ref := ref.(type) {
		case *ssa.ChangeType: // a CancelFunc held as a func()
			out = append(out, callsOf(fn, ref)...)
		case *ssa.Call:
			if ref.Call.Value == f && ref.Parent() == fn {
				out = append(out, ref)
			}
		case *ssa.Store:
			cell, ok := ref.Addr.(*ssa.Alloc)
			if !ok || ref.Val != f {
				continue
			}
			only := true
			for _, r := range *cell.Referrers() {
				if st, ok := r.(*ssa.Store); ok && st.Val != f {
					only = false
				}
			}
			if !only {
				continue
			}
			for _, r := range *cell.Referrers() {
				if load, ok := r.(*ssa.UnOp); ok && load.Op == token.MUL {
					for _, lr := range *load.Referrers() {
						if call, ok := lr.(*ssa.Call); ok && call.Call.Value == load && call.Parent() == fn {
							out = append(out, call)
						}
					}
				}
			}
		}
	}
	return out
}

// heldAt returns what v, a local variable or a load of one, holds at at:
// the store that runs before at after every other store that does, when
// no store that does not run before at can reach it. v itself when it is
// no variable; nil when that is not known.
func (s *state) heldAt(v ssa.Value, at ssa.Instruction) ssa.Value {
	if load, ok := v.(*ssa.UnOp); ok && load.Op == token.MUL {
		v = load.X
	}
	cell, ok := v.(*ssa.Alloc)
	if !ok {
		return v
	}
	var before, others []*ssa.Store
	for _, ref := range *cell.Referrers() {
		if st, ok := ref.(*ssa.Store); ok && st.Addr == cell {
			if runsBefore(st, at) {
				before = append(before, st)
			} else {
				others = append(others, st)
			}
		}
	}
	for _, st := range others {
		if s.reachesBlock(st.Block(), at.Block()) {
			return nil
		}
	}
	for _, last := range before {
		ok := true
		for _, other := range before {
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

// PlainReceives returns the spawner's channels that the goroutine of site
// receives from or ranges over with nothing to let it give up: a receive
// of its body outside any select, or one its summary says a callee or
// closure makes on a capture. It waits there until the spawner sends or
// closes, and so would a Wait for it.
func (r *Result) PlainReceives(site SpawnSite) []ssa.Value {
	if r.s == nil || site.Body == nil {
		return nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	seen := map[int]bool{}
	for _, op := range site.Ops {
		if recv, ok := op.Instr.(*ssa.UnOp); ok && recv.Op == token.ARROW {
			if i := captureOf(site, recv.X); i >= 0 {
				seen[i] = true
			}
		}
	}
	var out []ssa.Value
	for i, c := range site.Captures {
		if !seen[i] {
			continue
		}
		if c = valueAt(c, site.Instr); c != nil {
			out = append(out, r.s.canonical(c))
		}
	}
	return out
}
