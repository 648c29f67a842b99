package summary

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/types/typeutil"
)

// Per-function bounds: a function over them gets no summary, and checks
// say nothing about it. A declared function's syntax is checked first
// (overSyntaxBound), so that a huge generated function costs a walk of its
// syntax, not an SSA build: more than maxNodes syntax nodes in its body,
// literals included, or more than maxBlocks branches. Real code has 0.1 to
// 0.6 SSA instructions per node (sparse constant-heavy arithmetic to dense
// control flow), so the node bound is about where dense code reaches
// maxInstructions.
const (
	maxBlocks       = 2000
	maxInstructions = 20000
	maxNodes        = 40000
)

// state holds one package's summaries while they are computed.
type state struct {
	// calls caches Calls, assigned AssignedNames.
	calls    map[token.Pos]*ast.CallExpr
	assigned map[token.Pos]string
	// mainBodies caches DaemonScope's main bodies by other names.
	mainBodies map[*types.Func]bool
	// once caches RunsOnce, by declaration or literal.
	once map[ast.Node]bool
	// fieldOps caches fieldOpsOf: what the package does with each field.
	fieldOps fieldIndex
	// loopSends caches LoopSends.
	loopSends []LoopSend
	// runsWithin caches RunsWithin's functions, by goroutine body.
	runsWithin map[*ssa.Function]map[*ssa.Function]bool
	// tolerant caches the test helpers some caller lets fail quietly.
	tolerant map[*ssa.Function]bool
	pass     *analysis.Pass
	pkg      *ssa.Package
	funcs    []*ssa.Function
	marked   map[*types.Func]bool
	sums     map[*ssa.Function]*Summary
	// busy marks functions being summarized; a recursive call sees no
	// summary, which every check reads as "unknown".
	busy map[*ssa.Function]bool
	// joinTypes caches hasJoinMethod.
	joinTypes typeutil.Map
	// closureBusy marks closures whose use is being walked.
	closureBusy map[*ssa.MakeClosure]bool
	// depth is the nesting of walks and summaries in progress.
	depth int
	// current names the function being summarized, for panic reports.
	current *string
	// work counts walk steps; a walk stops when it passes workCap.
	work, workCap int
	// size is the package's instruction count, literals included.
	size int
	// usesMemo, spawnsMemo and bodyMemo memoize the checks' questions.
	usesMemo   map[ssa.Value]memoUses
	spawnsMemo map[*ssa.Function]memoSpawns
	bodyMemo   map[*ssa.Function]bodyOps
	storeMemo  map[*ssa.Alloc]ssa.Value
	// joinedMemo memoizes joinedBeforeReturn.
	joinedMemo map[*ssa.Go]bool
	// countedMemo memoizes countedLoop.
	countedMemo map[*Loop]*counted
	// loops memoizes loopsOf.
	loops map[*ssa.Function][]*Loop
}

// calleeSummary returns the summary of the static callee of common:
// a built-in model, a local summary, or an imported fact; nil if unknown.
func (s *state) calleeSummary(common *ssa.CallCommon) *Summary {
	if common.IsInvoke() {
		return nil
	}
	fn := common.StaticCallee()
	if fn == nil {
		return nil
	}
	return s.functionSummary(fn)
}

// functionSummary returns the summary of fn, wherever it comes from.
func (s *state) functionSummary(fn *ssa.Function) *Summary {
	if o := fn.Origin(); o != nil {
		fn = o
	}
	if strings.HasSuffix(fn.Name(), "$bound") {
		return nil // bound method closures take no receiver parameter
	}
	obj, _ := fn.Object().(*types.Func)
	if obj != nil {
		obj = obj.Origin()
		if m := modelOf(obj); m != nil {
			return m
		}
	}
	if fn.Synthetic == "" && fn.Pkg == s.pkg && fn.Blocks != nil {
		return s.summarize(fn)
	}
	if obj == nil {
		return nil
	}
	if obj.Pkg() == s.pass.Pkg {
		if local := s.pkg.Prog.FuncValue(obj); local != nil && local.Blocks != nil {
			return s.summarize(local)
		}
		return nil
	}
	var f funcFact
	if s.pass.ImportObjectFact(obj, &f) {
		return f.summary()
	}
	return nil
}

// summarize computes (once) the summary of a function of this package.
func (s *state) summarize(fn *ssa.Function) *Summary {
	if sum, ok := s.sums[fn]; ok {
		return sum
	}
	if s.busy[fn] || fn.Blocks == nil || tooBig(fn) || s.depth > maxDepth {
		return nil
	}
	s.busy[fn] = true
	s.depth++
	defer func() { s.depth-- }()
	prev := *s.current
	*s.current = fn.String()
	defer func() {
		delete(s.busy, fn)
		*s.current = prev
	}()

	sum := &Summary{}
	w := s.newWalker(Escapes)
	if len(fn.Params) > 0 {
		sum.Params = make([]Effect, len(fn.Params))
		for i, p := range fn.Params {
			sum.Params[i] = w.effectOf(p)
			if startsSelf(p) {
				sum.Params[i] |= sum.Params[i].async()
			}
			if sum.Params[i]&Sends != 0 && s.sendsMore(p) {
				if sum.Resends == nil {
					sum.Resends = make([]bool, len(fn.Params))
				}
				sum.Resends[i] = true
			}
		}
	}
	if len(fn.FreeVars) > 0 {
		sum.FreeVars = make([]Effect, len(fn.FreeVars))
		for i, fv := range fn.FreeVars {
			sum.FreeVars[i] = w.effectOf(fv)
		}
	}
	if obj, ok := fn.Object().(*types.Func); ok && s.marked[obj] {
		sum.Marked = true
	}
	sum.Results = s.resultFutures(fn, sum.Marked)
	sum.Fresh = s.freshResults(fn)
	sum.MadeChans = s.madeChans(fn)
	sum.CancelAware, sum.Spawns = s.scanCalls(fn)
	sum.SpawnsAlways = sum.Spawns && s.spawnsAlways(fn)
	s.sums[fn] = sum
	return sum
}

// tooBig reports whether fn is over the per-function bounds.
func tooBig(fn *ssa.Function) bool {
	if len(fn.Blocks) > maxBlocks {
		return true
	}
	n := 0
	for _, b := range fn.Blocks {
		n += len(b.Instrs)
	}
	return n > maxInstructions
}

// scanCalls reports whether fn observes cancellation and whether it
// starts goroutines, directly or through its callees.
// spawnsAlways reports whether fn starts a goroutine on every path that
// returns: a go statement, or a call of a function that always does,
// outside fn's loops (which may run no times) and before each return.
func (s *state) spawnsAlways(fn *ssa.Function) bool {
	cyclic := s.cyclicBlocks(fn)
	var rets []*ssa.BasicBlock
	for _, b := range fn.Blocks {
		if n := len(b.Instrs); n > 0 {
			if _, ok := b.Instrs[n-1].(*ssa.Return); ok {
				rets = append(rets, b)
			}
		}
	}
	for _, b := range fn.Blocks {
		if cyclic[b] || !dominatesAll(b, rets) {
			continue
		}
		for _, instr := range b.Instrs {
			switch instr := instr.(type) {
			case *ssa.Go:
				return true
			case *ssa.Call:
				if sum := s.calleeSummary(instr.Common()); sum != nil && sum.SpawnsAlways {
					return true
				}
			}
		}
	}
	return false
}

// dominatesAll reports whether b dominates each of bs.
func dominatesAll(b *ssa.BasicBlock, bs []*ssa.BasicBlock) bool {
	for _, x := range bs {
		if !b.Dominates(x) {
			return false
		}
	}
	return true
}

func (s *state) scanCalls(fn *ssa.Function) (cancelAware, spawns bool) {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			switch instr := instr.(type) {
			case *ssa.Go:
				spawns = true
				if s.passesContext(instr.Common()) {
					cancelAware = true
				}
			case ssa.CallInstruction:
				common := instr.Common()
				if common.IsInvoke() && isContextType(common.Value.Type()) {
					switch common.Method.Name() {
					case "Done", "Err":
						cancelAware = true
					}
					continue
				}
				if sum := s.calleeSummary(common); sum != nil && sum.Spawns {
					spawns = true
				}
				if s.passesContext(common) {
					cancelAware = true
				}
			case *ssa.MakeClosure:
				if inner, ok := instr.Fn.(*ssa.Function); ok {
					if sum := s.summarize(inner); sum != nil {
						cancelAware = cancelAware || sum.CancelAware
						spawns = spawns || sum.Spawns
					}
				}
			}
		}
	}
	return cancelAware, spawns
}

// passesContext reports whether the call hands a context to a callee known
// to observe it.
func (s *state) passesContext(common *ssa.CallCommon) bool {
	hasCtx := false
	for _, arg := range common.Args {
		if isContextType(arg.Type()) {
			hasCtx = true
			break
		}
	}
	if !hasCtx {
		return false
	}
	sum := s.calleeSummary(common)
	return sum != nil && sum.CancelAware
}

// resultFutures describes each result of fn that is a future.
func (s *state) resultFutures(fn *ssa.Function, marked bool) []Future {
	n := fn.Signature.Results().Len()
	if n == 0 {
		return nil
	}
	futures := make([]Future, n)
	seen := make([]bool, n)
	hasFuture := false
	for _, b := range fn.Blocks {
		ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
		if !ok {
			continue
		}
		for i, v := range ret.Results {
			if IsNil(v) {
				continue
			}
			f := s.futureOf(v, map[ssa.Value]bool{})
			if !seen[i] {
				futures[i], seen[i] = f, true
			} else {
				futures[i] = mergeFutures(futures[i], f)
			}
		}
	}
	for i := range futures {
		if marked && !futures[i].IsFuture() && !IsError(fn.Signature.Results().At(i).Type()) {
			futures[i] = Future{Kind: MarkedFuture}
		}
		hasFuture = hasFuture || futures[i].IsFuture()
	}
	if !hasFuture {
		return nil
	}
	return futures
}

// returnedValues calls each for every non-nil value a return statement
// of fn gives result i.
func returnedValues(fn *ssa.Function, each func(i int, v ssa.Value)) {
	for _, b := range fn.Blocks {
		if ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok {
			for i, v := range ret.Results {
				if !IsNil(v) {
					each(i, v)
				}
			}
		}
	}
}

// freshResults says which results are new objects the function keeps no
// reference to, so that callers own them as they own exec.Command's.
func (s *state) freshResults(fn *ssa.Function) []bool {
	n := fn.Signature.Results().Len()
	if n == 0 {
		return nil
	}
	fresh := make([]bool, n)
	stale := make([]bool, n)
	returnedValues(fn, func(i int, v ssa.Value) {
		switch {
		case stale[i]:
		case s.isFreshValue(v):
			fresh[i] = true
		default:
			fresh[i], stale[i] = false, true
		}
	})
	if !slices.Contains(fresh, true) {
		return nil
	}
	return fresh
}

// madeChans says which results are channels made for the caller (see
// Summary.MadeChans), and their buffers.
func (s *state) madeChans(fn *ssa.Function) []int64 {
	n := fn.Signature.Results().Len()
	if n == 0 {
		return nil
	}
	caps := make([]int64, n)
	seen := make([]bool, n)
	returnedValues(fn, func(i int, v ssa.Value) {
		c := s.madeChanCap(v)
		if seen[i] && caps[i] != c {
			c = -1
		}
		caps[i], seen[i] = c, true
	})
	for i := range caps {
		if !seen[i] {
			caps[i] = -1
		}
	}
	if !slices.ContainsFunc(caps, func(c int64) bool { return c >= 0 }) {
		return nil
	}
	return caps
}

// madeChanCap returns the buffer of v when it is a channel made here
// with a constant size, or by a helper that makes one for its caller,
// and nothing here uses it but returning it; -1 otherwise.
func (s *state) madeChanCap(v ssa.Value) int64 {
	if _, ok := v.Type().Underlying().(*types.Chan); !ok {
		return -1
	}
	v = s.canonical(v)
	size := int64(-1)
	switch x := v.(type) {
	case *ssa.MakeChan:
		if c, ok := x.Size.(*ssa.Const); ok && c.Value != nil {
			if n, exact := constant.Int64Val(constant.ToInt(c.Value)); exact && n >= 0 {
				size = n
			}
		}
	case *ssa.Call:
		size = s.calleeSummary(x.Common()).MadeChan(0)
	case *ssa.Extract:
		if call, ok := x.Tuple.(*ssa.Call); ok {
			size = s.calleeSummary(call.Common()).MadeChan(x.Index)
		}
	}
	if size < 0 || s.newWalker(0).effectOf(v) != 0 {
		return -1
	}
	return size
}

// isFreshValue reports whether v is made here or by a fresh constructor,
// and nothing here keeps it: no store to the heap, no closure or
// goroutine holds it.
func (s *state) isFreshValue(v ssa.Value) bool {
	v = s.canonical(v)
	switch x := v.(type) {
	case *ssa.Alloc:
	case *ssa.Call:
		if !s.callReturnsFresh(x.Common(), 0) {
			return false
		}
	case *ssa.Extract:
		call, ok := x.Tuple.(*ssa.Call)
		if !ok || !s.callReturnsFresh(call.Common(), x.Index) {
			return false
		}
	default:
		return false
	}
	_, isPtr := v.Type().Underlying().(*types.Pointer)
	return isPtr && s.newWalker(0).effectOf(v)&(Escapes|SpawnsWith|Arms) == 0
}

// callReturnsFresh reports whether result i of the call is a fresh object.
func (s *state) callReturnsFresh(common *ssa.CallCommon, i int) bool {
	fn := common.StaticCallee()
	if fn == nil {
		return false
	}
	if obj, ok := fn.Object().(*types.Func); ok && isFreshConstructor(obj.Origin()) {
		return true
	}
	return s.functionSummary(fn).IsFresh(i)
}

// mergeFutures combines what two return statements say of one result:
// a future only if both say so.
func mergeFutures(a, b Future) Future {
	if a.Kind != b.Kind {
		return Future{}
	}
	return Future{Kind: a.Kind, Unbuffered: a.Unbuffered && b.Unbuffered, UnguardedSend: a.UnguardedSend && b.UnguardedSend, Stream: a.Stream && b.Stream, FanOut: a.FanOut && b.FanOut, Closes: a.Closes && b.Closes}
}

// futureOf says whether the returned value v is a future.
func (s *state) futureOf(v ssa.Value, seen map[ssa.Value]bool) Future {
	if seen[v] || len(seen) > 64 || !mayBeFuture(v.Type()) {
		return Future{}
	}
	seen[v] = true
	switch v := s.canonical(v).(type) {
	case *ssa.Phi:
		var f Future
		have := false
		for _, e := range v.Edges {
			if IsNil(e) {
				continue
			}
			if g := s.futureOf(e, seen); !have {
				f, have = g, true
			} else {
				f = mergeFutures(f, g)
			}
		}
		return f
	case *ssa.MakeChan:
		return s.chanFuture(v)
	case *ssa.MakeClosure:
		return s.closureFuture(v)
	case *ssa.Call:
		if sum := s.calleeSummary(v.Common()); sum != nil && !boundInClosure(v) {
			return sum.Result(0)
		}
	case *ssa.Extract:
		if call, ok := v.Tuple.(*ssa.Call); ok {
			if sum := s.calleeSummary(call.Common()); sum != nil && !boundInClosure(v) {
				return sum.Result(v.Index)
			}
		}
	case *ssa.Alloc:
		if s.isJoinHandle(v) {
			return Future{Kind: JoinFuture}
		}
	}
	return Future{}
}

// boundInClosure reports whether a closure of the function captures v:
// a callee's future that the function also hands to a closure (a
// cleanup it returns beside it) is that closure's to settle too, so
// returning it does not make it the caller's future.
func boundInClosure(v ssa.Value) bool {
	for _, h := range holders(v) {
		for _, ref := range *h.Referrers() {
			if _, ok := ref.(*ssa.MakeClosure); ok {
				return true
			}
		}
	}
	return false
}

// holders returns v and the local variables v is stored in: a closure
// that captures such a variable binds its cell, not v.
func holders(v ssa.Value) []ssa.Value {
	out := []ssa.Value{v}
	for _, ref := range *v.Referrers() {
		if st, ok := ref.(*ssa.Store); ok && st.Val == v {
			if cell, ok := st.Addr.(*ssa.Alloc); ok {
				out = append(out, cell)
			}
		}
	}
	return out
}

// mayBeFuture reports whether a value of type t can be a future at all:
// a channel, a func, or a pointer or struct that could have a Wait method.
func mayBeFuture(t types.Type) bool {
	switch t := t.Underlying().(type) {
	case *types.Chan, *types.Signature, *types.Struct:
		return true
	case *types.Pointer:
		_, ok := t.Elem().Underlying().(*types.Struct)
		return ok
	}
	return false
}

// chanFuture says whether a channel made here and returned is a future:
// a goroutine started here sends on it or closes it, and nobody else
// here receives from it or keeps it.
func (s *state) chanFuture(m *ssa.MakeChan) Future {
	e := s.newWalker(0).effectOf(m)
	if e&(Escapes|Awaits|AsyncAwaits) != 0 || e&(AsyncSends|AsyncGuardedSends|AsyncCloses) == 0 {
		return Future{}
	}
	stream, fanOut := s.streams(m)
	return Future{Kind: ChanFuture, Unbuffered: isZeroConst(m.Size), UnguardedSend: e&AsyncSends != 0, Stream: stream, FanOut: fanOut, Closes: e&AsyncCloses != 0}
}

// streams reports whether goroutines started here send more than one
// value on m: one started in a loop (loopSpawned), or one (a literal, or a
// function of this package) that sends in a loop.
func (s *state) streams(m *ssa.MakeChan) (stream, loopSpawned bool) {
	hs := holders(m)
	for _, ref := range *m.Referrers() {
		if ct, ok := ref.(*ssa.ChangeType); ok {
			hs = append(hs, ct) // a send-only view handed to the goroutine
		}
	}
	for _, h := range hs {
		for _, ref := range *h.Referrers() {
			if _, ok := ref.(*ssa.Store); !ok && s.cyclicBlocks(ref.Parent())[ref.Block()] {
				if fanOut(ref) {
					return true, true // a goroutine started in a loop: one per round
				}
			}
			switch ref := ref.(type) {
			case *ssa.MakeClosure:
				fn, ok := ref.Fn.(*ssa.Function)
				if !ok {
					continue
				}
				for i, b := range ref.Bindings {
					if b == h && i < len(fn.FreeVars) && s.sendsInLoop(fn.FreeVars[i]) {
						return true, false
					}
				}
			case *ssa.Go:
				fn := ref.Call.StaticCallee()
				if fn == nil || fn.Pkg != s.pkg || fn.Blocks == nil || ref.Call.IsInvoke() {
					continue
				}
				for j, arg := range ref.Call.Args {
					if arg == h && j < len(fn.Params) && s.sendsInLoop(fn.Params[j]) {
						return true, false
					}
				}
			}
		}
	}
	return false, false
}

// fanOut reports whether ref hands the channel to a goroutine: a go
// statement, or a closure that one runs.
func fanOut(ref ssa.Instruction) bool {
	switch ref := ref.(type) {
	case *ssa.Go:
		return true
	case *ssa.MakeClosure:
		for _, use := range *ref.Referrers() {
			if g, ok := use.(*ssa.Go); ok && g.Call.Value == ref {
				return true
			}
		}
	}
	return false
}

// sendsMore reports whether fn's body may do more than one plain send on
// its parameter p in one call: one send can run after another, or again.
// One walk from all the sends, whatever their number; a walk cut short by
// the budget says no.
func (s *state) sendsMore(p *ssa.Parameter) bool {
	blocks := map[*ssa.BasicBlock]bool{}
	var starts []*ssa.BasicBlock
	for _, ref := range *p.Referrers() {
		if !isSendOn(ref, p) && !passesSelf(ref, p) {
			continue
		}
		if blocks[ref.Block()] {
			return true // two in one block
		}
		blocks[ref.Block()] = true
		starts = append(starts, ref.Block().Succs...)
	}
	found := false
	s.reach(starts, succs, func(b *ssa.BasicBlock) bool {
		found = blocks[b]
		return found
	})
	return found
}

// startsSelf reports whether fn runs itself in a goroutine with p in
// p's own place: that goroutine does with p what fn does.
func startsSelf(p *ssa.Parameter) bool {
	for _, ref := range *p.Referrers() {
		if _, ok := ref.(*ssa.Go); ok && passesSelf(ref, p) {
			return true
		}
	}
	return false
}

// isSendOn reports whether instr is a send statement on ch.
func isSendOn(instr ssa.Instruction, ch ssa.Value) bool {
	send, ok := instr.(*ssa.Send)
	return ok && send.Chan == ch
}

// passesSelf reports whether instr calls the function it is in with p in
// p's own place: a recursion that sends on p as the function does.
func passesSelf(instr ssa.Instruction, p *ssa.Parameter) bool {
	call, ok := instr.(ssa.CallInstruction)
	if !ok {
		return false
	}
	for i, arg := range call.Common().Args {
		if arg == p && IsSelfPass(call, i) {
			return true
		}
	}
	return false
}

// sendsInLoop reports whether the body v belongs to sends on v (or on
// the channel the variable v holds) from a block that can run again.
func (s *state) sendsInLoop(v ssa.Value) bool {
	vals := []ssa.Value{v}
	if _, ok := v.Type().Underlying().(*types.Pointer); ok {
		for _, ref := range *v.Referrers() {
			if load, ok := ref.(*ssa.UnOp); ok && load.Op == token.MUL {
				vals = append(vals, load)
			}
		}
	}
	for _, val := range vals {
		for _, ref := range *val.Referrers() {
			var sends bool
			switch ref := ref.(type) {
			case *ssa.Send:
				sends = ref.Chan == val
			case *ssa.Select:
				for _, st := range ref.States {
					sends = sends || st.Dir == types.SendOnly && st.Chan == val
				}
			}
			if sends && s.cyclicBlocks(ref.Parent())[ref.Block()] {
				return true
			}
		}
	}
	return false
}

// closureFuture says whether a returned closure awaits a channel future.
func (s *state) closureFuture(mc *ssa.MakeClosure) Future {
	fn, ok := mc.Fn.(*ssa.Function)
	if !ok {
		return Future{}
	}
	sum := s.summarize(fn)
	if sum == nil {
		return Future{}
	}
	for i, b := range mc.Bindings {
		if i >= len(sum.FreeVars) || sum.FreeVars[i]&Awaits == 0 {
			continue
		}
		src := b
		if alloc, ok := b.(*ssa.Alloc); ok {
			src = s.singleStore(alloc)
		}
		if m, ok := src.(*ssa.MakeChan); ok {
			if f := s.chanFuture(m); f.IsFuture() {
				f.Kind = FuncFuture
				return f
			}
		}
	}
	return Future{}
}

// isJoinHandle reports whether the returned allocation is a value whose
// Wait-like method awaits it and which a goroutine started here holds.
func (s *state) isJoinHandle(v *ssa.Alloc) bool {
	if !s.hasJoinMethod(v.Type()) {
		return false
	}
	e := s.newWalker(0).effectOf(v)
	return e&SpawnsWith != 0 && e&Escapes == 0 && !joinedElsewhere(v)
}

// joinedElsewhere reports whether a goroutine that v is handed to also
// marks done a WaitGroup of another owner (defer
// txn.store.WaitGroup().Done(): one a call returns, a global, or a field
// of another captured object): that owner joins it, and v only tells
// whoever wants to know when it is done.
func joinedElsewhere(v *ssa.Alloc) bool {
	return slices.ContainsFunc(holders(v), joinedElsewhereVia)
}

// joinedElsewhereVia is joinedElsewhere for the goroutines handed h.
func joinedElsewhereVia(h ssa.Value) bool {
	for _, ref := range *h.Referrers() {
		var body *ssa.Function
		var mine ssa.Value // what stands for h in the body
		switch ref := ref.(type) {
		case *ssa.MakeClosure:
			body, _ = ref.Fn.(*ssa.Function)
			for i, b := range ref.Bindings {
				if b == h && body != nil && i < len(body.FreeVars) {
					mine = body.FreeVars[i]
				}
			}
		case *ssa.Go:
			body = ref.Call.StaticCallee()
			for i, a := range ref.Call.Args {
				if a == h && body != nil && i < len(body.Params) {
					mine = body.Params[i]
				}
			}
		}
		if body == nil || body.Blocks == nil || mine == nil {
			continue
		}
		for _, recv := range doneReceivers(body) {
			root := loadRoot(recv)
			switch root.(type) {
			case *ssa.Call, *ssa.Global:
				return true
			case *ssa.FreeVar, *ssa.Parameter:
				if root != mine && root != recv {
					return true // a WaitGroup inside another captured object
				}
			}
		}
	}
	return false
}

// hasJoinMethod reports whether t has a Wait-like method that awaits its
// receiver. Answers are cached per type.
func (s *state) hasJoinMethod(t types.Type) bool {
	if known, ok := s.joinTypes.At(t).(bool); ok {
		return known
	}
	found := false
	for _, name := range joinMethodNames {
		obj, _, _ := types.LookupFieldOrMethod(t, true, s.pass.Pkg, name)
		method, ok := obj.(*types.Func)
		if !ok {
			continue
		}
		fn := s.pkg.Prog.FuncValue(method.Origin())
		if fn == nil {
			continue
		}
		if sum := s.functionSummary(fn); sum != nil && sum.Param(0)&Awaits != 0 {
			found = true
			break
		}
	}
	s.joinTypes.Set(t, found)
	return found
}

// canonical sees through direction changes and local variables holding
// one value, to the object a value refers to.
func (s *state) canonical(v ssa.Value) ssa.Value {
	for range 8 {
		switch x := v.(type) {
		case *ssa.ChangeType:
			v = x.X
			continue
		case *ssa.UnOp:
			if alloc, ok := x.X.(*ssa.Alloc); ok && x.Op == token.MUL {
				if stored := s.singleStore(alloc); stored != nil {
					v = stored
					continue
				}
			}
		}
		break
	}
	return v
}

// singleStore returns the one value stored in a local variable, or nil:
// a captured variable that is never reassigned holds that value. It is
// memoized: a variable captured by thousands of goroutines has thousands
// of referrers, and every check asks about it once per goroutine.
func (s *state) singleStore(alloc *ssa.Alloc) ssa.Value {
	if v, ok := s.storeMemo[alloc]; ok {
		return v
	}
	var val ssa.Value
	for _, ref := range *alloc.Referrers() {
		if st, ok := ref.(*ssa.Store); ok && st.Addr == alloc {
			if val != nil {
				val = nil
				break
			}
			val = st.Val
		}
	}
	s.storeMemo[alloc] = val
	return val
}

// IsNil reports whether v is the constant nil.
func IsNil(v ssa.Value) bool {
	c, ok := v.(*ssa.Const)
	return ok && c.Value == nil
}

func isZeroConst(v ssa.Value) bool {
	n, ok := IntConst(v)
	return ok && n == 0
}

func isOne(v ssa.Value) bool {
	n, ok := IntConst(v)
	return ok && n == 1
}

// IntConst returns v's value when v is a constant with an integer value
// that fits in an int64.
func IntConst(v ssa.Value) (int64, bool) {
	c, ok := v.(*ssa.Const)
	if !ok || c.Value == nil {
		return 0, false
	}
	return constant.Int64Val(constant.ToInt(c.Value))
}

// IsError reports whether t is the error type.
func IsError(t types.Type) bool {
	return types.Identical(t, types.Universe.Lookup("error").Type())
}
