package summary

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// JoinKind says how a spawner can wait for a goroutine it started.
type JoinKind uint8

const (
	// JoinWaitGroup: the goroutine calls Done on a WaitGroup it shares
	// with the spawner.
	JoinWaitGroup JoinKind = iota + 1
	// JoinGroup: a group API (errgroup, conc, WaitGroup.Go) runs it, and
	// the group's Wait joins it.
	JoinGroup
	// JoinChannel: the goroutine sends on or closes a channel it shares
	// with the spawner.
	JoinChannel
)

// Join is one way to wait for a goroutine; Via is the spawner's value
// (the WaitGroup, group or channel).
type Join struct {
	Kind JoinKind
	Via  ssa.Value
}

// SpawnSite is one goroutine start: a go statement or a call of a
// spawning API.
type SpawnSite struct {
	// Instr is the go statement or the spawning call.
	Instr ssa.CallInstruction
	// Body is the function the goroutine runs, when it is known.
	Body *ssa.Function
	// Captures are the spawner's values the goroutine uses: closure
	// bindings, then arguments.
	Captures []ssa.Value
	// Joins lists how the spawner can wait for it.
	Joins []Join
	// ObservesCancel: one of the goroutine's operations gives up when a
	// cancellation source fires and leaves (an Op with a Cancel case), or
	// it observes or passes on a ctx and none of its ctx.Done() cases is
	// ignored. A data channel ranged over, or a comma-ok receive, is not
	// a cancellation source.
	ObservesCancel bool
	// Ops lists the goroutine's channel operations that can wait, each
	// with the case, if any, that lets it give up.
	Ops []Op
	// IgnoredCancels lists the body's ctx.Done() cases that lead only
	// back into a loop.
	IgnoredCancels []IgnoredCancel
	// Conditional: a helper of the program (not a modelled API) that
	// runs the func argument, and whose summary does not say it starts
	// a goroutine on every path (SpawnsAlways): it may return without
	// starting it.
	Conditional bool
}

// BodyValue returns what stands for capture i inside the goroutine's
// body: a free variable for a closure binding (a captured variable's
// cell, whose loads are the value), a parameter for an argument; nil
// when the body is not in this package.
func (site SpawnSite) BodyValue(i int) (v ssa.Value, cell bool) {
	body := site.Body
	if body == nil || len(body.Blocks) == 0 || i < 0 {
		return nil, false
	}
	if i < len(body.FreeVars) {
		return body.FreeVars[i], true
	}
	i -= len(body.FreeVars)
	if i < len(body.Params) {
		return body.Params[i], false
	}
	return nil, false
}

// Spawns returns the goroutines fn starts, in instruction order. The
// slice is shared: do not change it. Nil once the check's budget for fn
// is spent.
func (r *Result) Spawns(fn *ssa.Function) []SpawnSite {
	if r.s == nil {
		return nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.s.summarize(fn) == nil {
		return nil
	}
	m := r.s.memoizedSpawns(fn)
	if !r.pay(fn, m.cost, len(m.sites)) {
		return nil
	}
	return m.sites
}

// memoSpawns is a memoized answer of Spawns.
type memoSpawns struct {
	sites []SpawnSite
	cost  cost
}

func (s *state) memoizedSpawns(fn *ssa.Function) memoSpawns {
	if m, ok := s.spawnsMemo[fn]; ok {
		return m
	}
	var m memoSpawns
	m.cost = s.metered(func() {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				if !s.step() {
					return
				}
				switch instr := instr.(type) {
				case *ssa.Go:
					m.sites = append(m.sites, s.spawnSite(instr, instr.Common().Value, instr.Common().Args, nil))
				case *ssa.Call:
					m.sites = append(m.sites, s.apiSpawns(instr)...)
				}
			}
		}
	})
	s.spawnsMemo[fn] = m
	return m
}

// apiSpawns describes the goroutines a spawning API call starts: each
// func argument the callee runs asynchronously.
func (s *state) apiSpawns(call *ssa.Call) []SpawnSite {
	sum := s.calleeSummary(call.Common())
	if sum == nil {
		return nil
	}
	var sites []SpawnSite
	args := call.Common().Args
	for i, arg := range args {
		if sum.Param(i)&RunsAsync == 0 {
			continue
		}
		var group []Join
		if len(args) > 0 && sum.Param(0)&Arms != 0 {
			group = []Join{{Kind: JoinGroup, Via: args[0]}}
		}
		site := s.spawnSite(call, arg, nil, group)
		site.Conditional = !sum.SpawnsAlways && !isModelled(call.Common())
		sites = append(sites, site)
	}
	return sites
}

// isModelled reports whether common calls a function the built-in
// models describe.
func isModelled(common *ssa.CallCommon) bool {
	fn := common.StaticCallee()
	if fn == nil {
		return false
	}
	if o := fn.Origin(); o != nil {
		fn = o
	}
	obj, ok := fn.Object().(*types.Func)
	return ok && modelOf(obj.Origin()) != nil
}

// spawnSite describes a goroutine that runs fnv(args...). What the body
// does with each capture comes from its summary.
func (s *state) spawnSite(instr ssa.CallInstruction, fnv ssa.Value, args []ssa.Value, joins []Join) SpawnSite {
	site := s.bareSite(instr, fnv, args)
	site.Joins = joins
	if site.Body == nil {
		return site
	}
	sum := s.functionSummary(site.Body)
	if sum == nil {
		return site
	}
	// The body sees bindings as its free variables and args as its parameters.
	effects := append(append([]Effect(nil), sum.FreeVars...), sum.Params...)
	for i, c := range site.Captures {
		if i >= len(effects) {
			break
		}
		switch e := effects[i]; {
		case e&(Signals|AsyncSignals) != 0:
			// AsyncSignals: the goroutine's own goroutines mark it done.
			site.Joins = append(site.Joins, Join{Kind: JoinWaitGroup, Via: c})
		case e&(Sends|Closes) != 0 && holdsChan(c):
			site.Joins = append(site.Joins, Join{Kind: JoinChannel, Via: c})
		}
	}
	ops := s.bodyOpsOf(site.Body)
	site.ObservesCancel = ops.cancels || sum.CancelAware && len(ops.ignored) == 0
	site.Ops = ops.ops
	site.IgnoredCancels = ops.ignored
	return site
}

// bareSite is the goroutine that runs fnv(args...): its body and
// captures, with nothing yet of what the body does.
func (s *state) bareSite(instr ssa.CallInstruction, fnv ssa.Value, args []ssa.Value) SpawnSite {
	site := SpawnSite{Instr: instr}
	var bindings []ssa.Value
	switch f := fnv.(type) {
	case *ssa.MakeClosure:
		site.Body, _ = f.Fn.(*ssa.Function)
		bindings = f.Bindings
	case *ssa.Function:
		site.Body = f
	case *ssa.Extract:
		site.Body, bindings = s.returnedClosure(f)
	}
	if site.Body != nil {
		site.Captures = append(append(site.Captures, bindings...), args...)
	}
	return site
}

// Op is one channel operation of a goroutine's body that can wait: a
// send, a receive, or a select with no default.
type Op struct {
	Instr ssa.Instruction
	// Cancel is the state of the select that receives from a
	// cancellation source (ctx.Done(), a timer, a stop channel of
	// struct{}, bool or os.Signal handed in) and from which a path leaves the body; -1 when there is
	// none, and the operation waits for its partner alone.
	Cancel int
}

// bodyOps is what a goroutine body's channel operations say, computed
// once per body: a worker started at a thousand go statements is read
// once.
type bodyOps struct {
	ops     []Op
	cancels bool // some op has a Cancel case
	ignored []IgnoredCancel
}

func (s *state) bodyOpsOf(fn *ssa.Function) bodyOps {
	if ops, ok := s.bodyMemo[fn]; ok {
		return ops
	}
	var leaves map[*ssa.BasicBlock]bool // computed for the first select
	ops := bodyOps{ignored: s.ignoredCancels(fn)}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			switch instr := instr.(type) {
			case *ssa.Send:
				ops.ops = append(ops.ops, Op{Instr: instr, Cancel: -1})
			case *ssa.UnOp:
				if instr.Op == token.ARROW {
					ops.ops = append(ops.ops, Op{Instr: instr, Cancel: -1})
				}
			case *ssa.Select:
				if !instr.Blocking {
					continue // a default: it never waits
				}
				if leaves == nil {
					leaves = s.leavingBlocks(fn)
				}
				op := Op{Instr: instr, Cancel: s.cancelCase(fn, instr, leaves)}
				ops.cancels = ops.cancels || op.Cancel >= 0
				ops.ops = append(ops.ops, op)
			}
		}
	}
	s.bodyMemo[fn] = ops
	return ops
}

// cancelCase returns the state of sel that receives from a cancellation
// source and whose branch can leave fn, or -1.
func (s *state) cancelCase(fn *ssa.Function, sel *ssa.Select, leaves map[*ssa.BasicBlock]bool) int {
	var cases []*ssa.BasicBlock
	for i, st := range sel.States {
		if st.Dir != types.RecvOnly || !s.isCancelSource(fn, st.Chan) {
			continue
		}
		if cases == nil {
			if cases, _ = Branches(sel); cases == nil {
				return -1
			}
		}
		if leaves[cases[i]] {
			return i
		}
	}
	return -1
}

// isCancelSource reports whether a receive from ch in fn waits for a
// cancellation: a channel that only signals (CarriesSignal), but not one
// fn made itself. A channel of data is not one.
func (s *state) isCancelSource(fn *ssa.Function, ch ssa.Value) bool {
	_, isCall := ch.(*ssa.Call) // ctx.Done(), s.Done(), time.After: handed in
	return s.carriesSignal(ch) && (isCall || !isMadeIn(fn, ch))
}

// isMadeIn reports whether v is a channel fn makes itself (a timer's or
// its own), as opposed to one handed in.
func isMadeIn(fn *ssa.Function, v ssa.Value) bool {
	switch v := v.(type) {
	case *ssa.MakeChan:
		return v.Parent() == fn
	case *ssa.Call:
		// time.After and friends: a timeout, not a stop signal.
		return true
	}
	return false
}

// holdsChan reports whether v is a channel or a captured variable holding one.
func holdsChan(v ssa.Value) bool {
	t := v.Type()
	if alloc, ok := v.(*ssa.Alloc); ok {
		t = alloc.Type().(*types.Pointer).Elem()
	}
	_, ok := t.Underlying().(*types.Chan)
	return ok
}

// IsStartBarrier reports whether a WaitGroup only signals that goroutines
// have started: one of them marks it done in its entry block, after setup
// at most, not deferred, and then goes on working. Waiting on it joins
// nothing.
func (r *Result) IsStartBarrier(wg ssa.Value) bool {
	if r.s == nil {
		return false
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, u := range r.usesLocked(wg) {
		if g, ok := u.Instr.(*ssa.Go); ok && !g.Call.IsInvoke() {
			// go worker(..., startwg, ...): the function's own parameter.
			if fn := g.Call.StaticCallee(); fn != nil && len(fn.Blocks) > 0 && len(fn.Params) == len(g.Call.Args) {
				for i, a := range g.Call.Args {
					if a == wg && r.s.signalsFirst(fn.Blocks[0], fn.Params[i]) {
						return true
					}
				}
			}
			continue
		}
		mc, ok := u.Instr.(*ssa.MakeClosure)
		if !ok {
			continue
		}
		fn, ok := mc.Fn.(*ssa.Function)
		if !ok || len(fn.Blocks) == 0 {
			continue
		}
		for i, b := range mc.Bindings {
			if b == wg && r.s.signalsFirst(fn.Blocks[0], fn.FreeVars[i]) {
				return true
			}
		}
	}
	return false
}

// signalsFirst reports whether the entry block signals wg (WaitGroup
// Done) before anything that could hand the spawner a result, and more
// work follows it. Setup may come first (a log line, close(ready)): no
// channel operation, no store through a captured variable, no call given
// a captured pointer, slice or map. What the goroutine is for (a
// server's Serve) comes after, and no Wait would join it.
func (s *state) signalsFirst(entry *ssa.BasicBlock, wg ssa.Value) bool {
	captured := map[ssa.Value]bool{} // what the spawner handed in
	for _, fv := range entry.Parent().FreeVars {
		captured[fv] = true
	}
	for _, p := range entry.Parent().Params {
		captured[p] = true
	}
	for i, instr := range entry.Instrs {
		switch instr := instr.(type) {
		case *ssa.Send, *ssa.Select:
			return false
		case *ssa.UnOp:
			if instr.Op == token.ARROW {
				return false
			}
		case *ssa.Store:
			if derivesFrom(instr.Addr, captured) {
				return false
			}
		}
		call, ok := instr.(*ssa.Call)
		if !ok {
			continue
		}
		args := call.Common().Args
		if len(args) != 1 || args[0] != wg || s.calleeSummary(call.Common()).Param(0)&Signals == 0 {
			if _, builtin := call.Call.Value.(*ssa.Builtin); builtin {
				continue // close(ready), len
			}
			for _, a := range args {
				if canHoldResults(a.Type()) && derivesFrom(a, captured) {
					return false
				}
			}
			continue
		}
		for _, later := range entry.Instrs[i+1:] {
			if _, ok := later.(ssa.CallInstruction); ok {
				return true
			}
		}
		return len(entry.Succs) > 0
	}
	return false
}

// returnedClosure resolves a func value that a call of this package's
// function returns beside the channels it sends on (a helper returning
// `done, func() { done <- f() }`): the closure's function, and for each
// of its bindings the caller's value of the result it holds, or x itself
// where a binding is no result (x is a func value, which no check reads
// as a channel). Nil when the callee has more than one return, or a
// channel binding is no result.
func (s *state) returnedClosure(x *ssa.Extract) (*ssa.Function, []ssa.Value) {
	call, ok := x.Tuple.(*ssa.Call)
	if !ok {
		return nil, nil
	}
	callee := call.Common().StaticCallee()
	if callee == nil || callee.Pkg != s.pkg || callee.Blocks == nil {
		return nil, nil
	}
	var ret *ssa.Return
	for _, b := range callee.Blocks {
		if len(b.Instrs) == 0 {
			continue
		}
		if r, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok {
			if ret != nil {
				return nil, nil
			}
			ret = r
		}
	}
	if ret == nil || x.Index >= len(ret.Results) {
		return nil, nil
	}
	mc, ok := ret.Results[x.Index].(*ssa.MakeClosure)
	if !ok {
		return nil, nil
	}
	fn, ok := mc.Fn.(*ssa.Function)
	if !ok {
		return nil, nil
	}
	results := map[int]ssa.Value{}
	for _, ref := range *call.Referrers() {
		if e, ok := ref.(*ssa.Extract); ok {
			results[e.Index] = e
		}
	}
	bindings := make([]ssa.Value, len(mc.Bindings))
	for k, b := range mc.Bindings {
		bindings[k] = x
		held := b
		if alloc, ok := b.(*ssa.Alloc); ok {
			held = s.singleStore(alloc)
		}
		for i, r := range ret.Results {
			if held != nil && i != x.Index && s.canonical(r) == s.canonical(held) && results[i] != nil {
				bindings[k] = results[i]
			}
		}
		if bindings[k] == x && holdsChan(b) {
			return nil, nil
		}
	}
	return fn, bindings
}

// derivesFrom reports whether v is one of vals or is loaded, indexed or
// selected from one, a few steps deep (append and copy are not followed:
// the spawner then sees a result only through a captured variable, which
// a store shows).
func derivesFrom(v ssa.Value, vals map[ssa.Value]bool) bool {
	for depth := 0; depth < 6; depth++ {
		if vals[v] {
			return true
		}
		switch x := v.(type) {
		case *ssa.UnOp:
			v = x.X
		case *ssa.FieldAddr:
			v = x.X
		case *ssa.IndexAddr:
			v = x.X
		case *ssa.Field:
			v = x.X
		case *ssa.Index:
			v = x.X
		case *ssa.Slice:
			v = x.X
		case *ssa.ChangeType:
			v = x.X
		case *ssa.MakeInterface:
			v = x.X
		default:
			return false
		}
	}
	return false
}

// canHoldResults reports whether a callee could write results through a
// value of type t.
func canHoldResults(t types.Type) bool {
	switch t.Underlying().(type) {
	case *types.Pointer, *types.Slice, *types.Map, *types.Chan:
		return true
	}
	return false
}
