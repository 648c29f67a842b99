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
		if send, ok := op.Instr.(*ssa.Send); ok && r.s.hasRoom(site, send.Chan) {
			continue
		}
		sel, ok := op.Instr.(*ssa.Select)
		if !ok || op.Cancel < 0 || op.Cancel >= len(sel.States) {
			return false
		}
		i := site.CaptureOf(DoneReceiver(sel.States[op.Cancel].Chan))
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

// DoneReceiver returns X of a channel X.Done() on a context, or nil.
func DoneReceiver(ch ssa.Value) ssa.Value {
	call, ok := ch.(*ssa.Call)
	if !ok || !call.Call.IsInvoke() || call.Call.Method.Name() != "Done" || !isContextType(call.Call.Value.Type()) {
		return nil
	}
	return call.Call.Value
}

// CaptureOf returns the index in site.Captures of the capture that v,
// a value of the goroutine's body, is: its parameter, its free variable,
// or a load of a captured variable; -1 otherwise.
func (site SpawnSite) CaptureOf(v ssa.Value) int {
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
// last of its stores, when every one of them runs before at; nil
// otherwise.
func lastStoreBefore(alloc *ssa.Alloc, at ssa.Instruction) ssa.Value {
	stores := storesTo(alloc)
	for _, st := range stores {
		if !runsBefore(st, at) {
			return nil
		}
	}
	return lastOf(stores)
}

// storesTo returns the stores into a local variable.
func storesTo(alloc *ssa.Alloc) []*ssa.Store {
	var out []*ssa.Store
	for _, ref := range *alloc.Referrers() {
		if st, ok := ref.(*ssa.Store); ok && st.Addr == alloc {
			out = append(out, st)
		}
	}
	return out
}

// lastOf returns the value of the store that every other of stores runs
// before, or nil.
func lastOf(stores []*ssa.Store) ssa.Value {
	for _, last := range stores {
		if !slices.ContainsFunc(stores, func(other *ssa.Store) bool { return other != last && !runsBefore(other, last) }) {
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
	call := contextCall(valueAt(DoneReceiver(done), at))
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
		i := site.CaptureOf(DoneReceiver(recv.X))
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
			case ex.Index == 1 && IsGroupWithContext(call):
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

// IsGroupWithContext reports whether call is errgroup.WithContext.
func IsGroupWithContext(call *ssa.Call) bool {
	return isFunc(call.Call.StaticCallee(), errgroupPath, "WithContext")
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
// the last of the stores that run before at, when no other store can
// reach at. v itself when it is no variable; nil when that is not known.
// It is lastStoreBefore, less strict about stores that come after at.
func (s *state) heldAt(v ssa.Value, at ssa.Instruction) ssa.Value {
	if load, ok := v.(*ssa.UnOp); ok && load.Op == token.MUL {
		v = load.X
	}
	cell, ok := v.(*ssa.Alloc)
	if !ok {
		return v
	}
	var before []*ssa.Store
	for _, st := range storesTo(cell) {
		if runsBefore(st, at) {
			before = append(before, st)
		} else if s.reachesBlock(st.Block(), at.Block()) {
			return nil
		}
	}
	return lastOf(before)
}

// chanKey names a channel as the spawner sees it: a value, or a field of
// one (b.quit), so that the spawner's loads and the goroutine's meet.
type chanKey struct {
	base  ssa.Value
	field int // -1 for the value itself, doneOf for base.Done()
}

// doneOf is chanKey's field for the Done channel of a context.
const doneOf = -2

// ReleasedAt returns the spawner's instructions after which the goroutine
// of site is on its way out: calls of a cancel func that ends it
// (CancelCalls); when it writes into an io.Pipe and waits on no channel,
// the close of the pipe's reader, or the RoundTrip or Do of a request
// whose body the reader is, which closes it (pipeReleases); and, when each of its blocking operations can give up on
// one stop channel (a select case that leaves, on a channel it is handed)
// or is a send with room, the spawner's close of that channel, its plain
// receive from it, and the branch of its select where that receive won:
// the channel is closed then, since a stop channel is closed, not sent
// on (the Done of a context it is handed counts as one); when it waits
// on no channel, the spawner's receives from the Done of a context it
// hands to its work (handedDones). Nil when there is none.
func (r *Result) ReleasedAt(site SpawnSite) []ssa.Instruction {
	out := append(r.CancelCalls(site), afterFuncStopped(site)...)
	if r.s == nil || site.Body == nil {
		return out
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	s := r.s
	out = append(out, s.pipeReleases(site)...)
	if len(site.Ops) == 0 {
		return append(out, s.stopsReceived(site.Instr.Parent(), s.handedDones(site))...)
	}
	var stops map[chanKey]bool // the channels every op can give up on
	var leaves map[*ssa.BasicBlock]bool
	for _, op := range site.Ops {
		if send, ok := op.Instr.(*ssa.Send); ok && s.hasRoom(site, send.Chan) {
			continue
		}
		sel, ok := op.Instr.(*ssa.Select)
		if !ok || op.Cancel < 0 {
			return out
		}
		if leaves == nil {
			leaves = s.leavingBlocks(site.Body)
		}
		cases, _ := Branches(sel)
		mine := map[chanKey]bool{}
		for i, st := range sel.States {
			if st.Dir != types.RecvOnly || cases == nil || !leaves[cases[i]] || !s.isCancelSource(site.Body, st.Chan) {
				continue
			}
			if k, ok := s.spawnerKey(site, st.Chan); ok && (stops == nil || stops[k]) {
				mine[k] = true
			}
		}
		stops = mine
		if len(stops) == 0 {
			return out
		}
	}
	return append(out, s.stopsReceived(site.Instr.Parent(), stops)...)
}

// stopsReceived returns fn's closes of the stop channels, its plain
// receives from them, and the branches of its selects where such a
// receive won.
func (s *state) stopsReceived(fn *ssa.Function, stops map[chanKey]bool) []ssa.Instruction {
	if len(stops) == 0 {
		return nil
	}
	var out []ssa.Instruction
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			switch instr := instr.(type) {
			case *ssa.Call:
				if bi, ok := instr.Call.Value.(*ssa.Builtin); ok && bi.Name() == "close" && stops[s.localKey(instr.Call.Args[0])] {
					out = append(out, instr)
				}
			case *ssa.UnOp:
				if instr.Op == token.ARROW && stops[s.localKey(instr.X)] {
					out = append(out, instr)
				}
			case *ssa.Select:
				cases, _ := Branches(instr)
				for i, st := range instr.States {
					if st.Dir == types.RecvOnly && cases != nil && stops[s.localKey(st.Chan)] && len(cases[i].Instrs) > 0 {
						out = append(out, cases[i].Instrs[0])
					}
				}
			}
		}
	}
	return out
}

// localKey names a channel value of the spawner.
func (s *state) localKey(v ssa.Value) chanKey {
	if x := DoneReceiver(v); x != nil {
		return chanKey{s.canonical(x), doneOf}
	}
	if fa := fieldLoad(v); fa != nil {
		return chanKey{s.canonical(fa.X), fa.Field}
	}
	return chanKey{s.canonical(v), -1}
}

// spawnerKey names ch, a channel of the goroutine's body, as its spawner
// does: a capture, or a field of one.
func (s *state) spawnerKey(site SpawnSite, ch ssa.Value) (chanKey, bool) {
	field := -1
	if x := DoneReceiver(ch); x != nil {
		ch, field = x, doneOf
	} else if fa := fieldLoad(ch); fa != nil {
		ch, field = fa.X, fa.Field
	}
	i := site.CaptureOf(ch)
	if i < 0 {
		return chanKey{}, false
	}
	v := valueAt(site.Captures[i], site.Instr)
	if v == nil {
		return chanKey{}, false
	}
	return chanKey{s.canonical(v), field}, true
}

// pipeReleases returns, for a goroutine that writes into the writer of an
// io.Pipe the spawner made and waits on no channel (only sends with room),
// the spawner's calls that close the pipe's reader: its Close, or the
// RoundTrip or Do of a request whose body it is (a RoundTripper must close
// the body, on errors too). A write then fails, and the writer ends.
func (s *state) pipeReleases(site SpawnSite) []ssa.Instruction {
	for _, op := range site.Ops {
		if send, ok := op.Instr.(*ssa.Send); !ok || !s.hasRoom(site, send.Chan) {
			return nil
		}
	}
	var out []ssa.Instruction
	for _, c := range site.Captures {
		ex, ok := valueAt(c, site.Instr).(*ssa.Extract)
		if !ok || ex.Index != 1 {
			continue
		}
		pipe, ok := ex.Tuple.(*ssa.Call)
		if !ok || !isFunc(pipe.Call.StaticCallee(), "io", "Pipe") {
			continue
		}
		if reader := extractOf(pipe, 0); reader != nil {
			out = append(out, s.readerClosers(site.Instr.Parent(), reader)...)
		}
	}
	return out
}

// readerClosers returns fn's calls that close reader, directly or as
// the body of a request they send.
func (s *state) readerClosers(fn *ssa.Function, reader ssa.Value) []ssa.Instruction {
	var out []ssa.Instruction
	var reqs []ssa.Value
	uses := []ssa.Value{reader}
	for i := 0; i < len(uses) && i < 8; i++ {
		for _, ref := range *uses[i].Referrers() {
			switch ref := ref.(type) {
			case *ssa.MakeInterface, *ssa.ChangeType:
				uses = append(uses, ref.(ssa.Value))
			case *ssa.Call:
				common := ref.Common()
				if common.IsInvoke() && (common.Method.Name() == "Close" || common.Method.Name() == "CloseWithError") && common.Value == uses[i] {
					out = append(out, ref)
					continue
				}
				callee := common.StaticCallee()
				if callee != nil && (callee.Name() == "Close" || callee.Name() == "CloseWithError") && len(common.Args) > 0 && common.Args[0] == uses[i] {
					out = append(out, ref)
				}
				if isFunc(callee, "net/http", "NewRequest") || isFunc(callee, "net/http", "NewRequestWithContext") {
					if req := extractOf(ref, 0); req != nil {
						reqs = append(reqs, req)
					}
				}
			case *ssa.Store:
				if fa, ok := ref.Addr.(*ssa.FieldAddr); ok && ref.Val == uses[i] && IsNamed(deref(fa.X.Type()), "net/http", "Request") {
					reqs = append(reqs, fa.X)
				}
			}
		}
	}
	if len(reqs) == 0 {
		return out
	}
	// A request in a captured variable is a load of its cell at each use.
	key := func(v ssa.Value) ssa.Value {
		if load, ok := v.(*ssa.UnOp); ok && load.Op == token.MUL {
			switch load.X.(type) {
			case *ssa.FreeVar, *ssa.Alloc:
				return load.X
			}
		}
		return s.canonical(v)
	}
	sent := map[ssa.Value]bool{}
	for _, req := range reqs {
		sent[key(req)] = true
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(*ssa.Call)
			if !ok {
				continue
			}
			name := ""
			if call.Common().IsInvoke() {
				name = call.Common().Method.Name()
			} else if callee := call.Common().StaticCallee(); callee != nil {
				name = callee.Name()
			}
			if name != "RoundTrip" && name != "Do" {
				continue
			}
			if slices.ContainsFunc(call.Common().Args, func(a ssa.Value) bool { return sent[key(a)] }) {
				out = append(out, call)
			}
		}
	}
	return out
}

// isFunc reports whether fn is the package-level function pkg.name.
func isFunc(fn *ssa.Function, pkg, name string) bool {
	return fn != nil && fn.Signature.Recv() == nil && fn.Name() == name && fn.Pkg != nil && fn.Pkg.Pkg.Path() == pkg
}

func deref(t types.Type) types.Type {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		return p.Elem()
	}
	return t
}

// afterFuncStopped returns, for a func that context.AfterFunc or
// time.AfterFunc runs later, the first instruction of each branch where
// its stop func (or the timer's Stop) returned true: the func never runs
// there, so nothing of it outlives the spawner.
func afterFuncStopped(site SpawnSite) []ssa.Instruction {
	call, ok := site.Instr.(*ssa.Call)
	if !ok || !IsAfterFunc(call) || call.Referrers() == nil {
		return nil
	}
	var out []ssa.Instruction
	for _, u := range *call.Referrers() {
		stop, ok := u.(*ssa.Call)
		if !ok {
			continue
		}
		c := stop.Common()
		isStop := c.Value == ssa.Value(call) // context.AfterFunc's stop()
		if fn := c.StaticCallee(); fn != nil && fn.Name() == "Stop" && len(c.Args) == 1 && c.Args[0] == ssa.Value(call) {
			isStop = true // time.AfterFunc's t.Stop()
		}
		if !isStop || stop.Referrers() == nil {
			continue
		}
		for _, v := range *stop.Referrers() {
			taken := 0 // the branch where stop returned true
			if not, ok := v.(*ssa.UnOp); ok && not.Op == token.NOT && not.Referrers() != nil && len(*not.Referrers()) == 1 {
				v, taken = (*not.Referrers())[0], 1
			}
			iff, ok := v.(*ssa.If)
			if !ok {
				continue
			}
			if b := iff.Block().Succs[taken]; len(b.Preds) == 1 && len(b.Instrs) > 0 {
				out = append(out, b.Instrs[0])
			}
		}
	}
	return out
}

// DetachesCancel reports whether call makes a context that keeps the
// values of the one it is handed but not its cancellation:
// context.WithoutCancel, or a function of the program whose every
// return is a type that declares its own Done (a wrapper that overrides
// Done with a channel of its own).
func DetachesCancel(call ssa.CallInstruction) bool {
	callee := call.Common().StaticCallee()
	if callee == nil {
		return false
	}
	if callee.Pkg != nil && callee.Pkg.Pkg.Path() == "context" && callee.Name() == "WithoutCancel" {
		return true
	}
	results := callee.Signature.Results()
	if len(callee.Blocks) == 0 || results.Len() != 1 || !IsNamed(results.At(0).Type(), "context", "Context") {
		return false
	}
	returns := 0
	for _, b := range callee.Blocks {
		ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
		if !ok {
			continue
		}
		returns++
		mi, ok := ret.Results[0].(*ssa.MakeInterface)
		if !ok || !declaresDone(mi.X.Type()) {
			return false
		}
	}
	return returns > 0
}

// declaresDone reports whether t, or what it points to, is a named type
// with a Done method of its own, not one promoted from an embedded field.
func declaresDone(t types.Type) bool {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	named, ok := types.Unalias(t).(*types.Named)
	if !ok {
		return false
	}
	for i := 0; i < named.NumMethods(); i++ {
		if named.Method(i).Name() == "Done" {
			return true
		}
	}
	return false
}

// handedDones names, for a goroutine with no channel operation to wait
// on, the Done channels of the contexts it hands to its work: once one is
// done, that work ends with it, as with a deferred cancel
// (ReleasedOnReturn).
func (s *state) handedDones(site SpawnSite) map[chanKey]bool {
	stops := map[chanKey]bool{}
	for i, c := range site.Captures {
		if (isContextType(c.Type()) || isContextCell(c)) && passesOn(site, i) {
			if v := valueAt(c, site.Instr); v != nil {
				stops[chanKey{s.canonical(v), doneOf}] = true
			}
		}
	}
	return stops
}
