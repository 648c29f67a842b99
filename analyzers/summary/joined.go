package summary

import (
	"go/constant"
	"go/token"
	"go/types"
	"math"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// joinedBeforeReturn reports whether the goroutine that g starts is
// joined before its spawner returns: it marks done a sync.WaitGroup the
// spawner hands it (captured or passed), and every path from g to a
// return of the spawner waits on that WaitGroup first. What such a
// goroutine does with the spawner's parameters, the spawner does before
// it returns: a worker-pool helper that runs fn in goroutines and waits
// calls fn, as far as its callers can tell.
func (s *state) joinedBeforeReturn(g *ssa.Go) bool {
	if j, ok := s.joinedMemo[g]; ok {
		return j
	}
	j := false
	if site := s.bareSite(g, g.Call.Value, g.Call.Args); site.Body != nil && site.Body.Blocks != nil && !g.Call.IsInvoke() {
		var wgs []ssa.Value // the spawner's WaitGroups the body marks done
		for _, recv := range doneReceivers(site.Body) {
			if i := site.CaptureOf(recv); i >= 0 {
				wgs = append(wgs, s.heldValue(site.Captures[i]))
			}
		}
		waits := func(instr ssa.Instruction) bool {
			call, ok := instr.(ssa.CallInstruction)
			return ok && isWaitGroupMethod(call.Common(), "Wait") && slices.Contains(wgs, s.heldValue(call.Common().Args[0]))
		}
		isReturn := func(instr ssa.Instruction) bool { _, ok := instr.(*ssa.Return); return ok }
		j = len(wgs) > 0 && s.everyPath(g, waits, isReturn) || s.joinedByCount(g, site)
	}
	s.joinedMemo[g] = j
	return j
}

// doneReceivers returns the WaitGroups body marks done, as body sees
// them.
func doneReceivers(body *ssa.Function) []ssa.Value {
	var out []ssa.Value
	for _, call := range doneCalls(body) {
		out = append(out, call.Common().Args[0])
	}
	return out
}

// doneCalls returns body's WaitGroup Done calls, deferred ones included.
func doneCalls(body *ssa.Function) []ssa.CallInstruction {
	var out []ssa.CallInstruction
	for _, b := range body.Blocks {
		for _, instr := range b.Instrs {
			if call, ok := instr.(ssa.CallInstruction); ok && isWaitGroupMethod(call.Common(), "Done") {
				out = append(out, call)
			}
		}
	}
	return out
}

// DoneLate says how late the goroutine of site marks done the WaitGroup
// its capture i holds: the position of its last Done on it, beyond any
// position for a deferred one, 0 for none. Of two groups over the same
// goroutines (started, done), the later is their join.
func (site SpawnSite) DoneLate(i int) int {
	bv, _ := site.BodyValue(i)
	if bv == nil {
		return 0
	}
	late := 0
	for _, call := range doneCalls(site.Body) {
		if site.CaptureOf(call.Common().Args[0]) != i {
			continue
		}
		if _, deferred := call.(*ssa.Defer); deferred {
			return math.MaxInt
		}
		late = max(late, int(call.Pos()))
	}
	return late
}

// isWaitGroupMethod reports whether common calls (*sync.WaitGroup).name.
func isWaitGroupMethod(common *ssa.CallCommon, name string) bool {
	fn := common.StaticCallee()
	return fn != nil && fn.Name() == name && len(common.Args) == 1 && IsNamed(deref(common.Args[0].Type()), "sync", "WaitGroup")
}

// joinedByCount reports whether the goroutine that g starts is joined by
// counting: its last act is its one send on (or close of) a channel the
// spawner hands it, and every path from g to a return of the spawner
// receives from that channel once for each goroutine g starts. That is
// one receive before g runs again, or, for a go statement in a counted
// loop (for i := 0; i < n; i++, for range items), a counted loop of as
// many rounds that receives in each and that nothing leaves early
// (influxdb's FileStore.Apply receives cap(errC) results, errC made with
// len(f.files)).
func (s *state) joinedByCount(g *ssa.Go, site SpawnSite) bool {
	i, sends := s.lastSignal(site)
	if i < 0 {
		return false
	}
	ch := s.heldValue(site.Captures[i])
	if !soleFeeder(g, ch) {
		return false
	}
	receives := func(instr ssa.Instruction) bool {
		u, ok := instr.(*ssa.UnOp)
		return ok && u.Op == token.ARROW && s.heldValue(u.X) == ch
	}
	isReturn := func(instr ssa.Instruction) bool { _, ok := instr.(*ssa.Return); return ok }
	if s.everyPath(g, receives, func(instr ssa.Instruction) bool { return isReturn(instr) || instr == g }) {
		return true
	}
	loops := s.loopsOf(g.Parent())
	ls := Innermost(loops, g.Block())
	spawned := s.countedLoop(ls)
	if spawned == nil || !sends { // a second close panics: count sends only
		return false
	}
	parent := enclosing(loops, ls)
	for _, lr := range loops {
		if lr == ls || enclosing(loops, lr) != parent {
			continue
		}
		counted := s.countedLoop(lr)
		if counted == nil || !counted.only || !eachRound(lr, receives) || !s.coversCount(counted.bound, spawned.bound, ch) {
			continue
		}
		hit := func(instr ssa.Instruction) bool { return instr.Block() == counted.exit }
		fail := func(instr ssa.Instruction) bool {
			return isReturn(instr) || parent != nil && instr.Block() == parent.Header
		}
		if s.everyPath(g, hit, fail) {
			return true
		}
	}
	return false
}

// soleFeeder reports whether ch is a channel made by g's spawner that
// the spawner only receives from and measures, and hands to the
// goroutines g starts alone: no one else can send on it or close it.
func soleFeeder(g *ssa.Go, ch ssa.Value) bool {
	if _, ok := ch.(*ssa.MakeChan); !ok {
		return false
	}
	ok := func(v ssa.Value, ref ssa.Instruction) bool {
		switch r := ref.(type) {
		case *ssa.DebugRef:
			return true
		case *ssa.UnOp:
			return r.Op == token.ARROW
		case *ssa.Store: // into a cell, or ch into its cell
			_, cell := r.Addr.(*ssa.Alloc)
			return cell && r.Val == v || r.Addr == v && r.Val == ch
		case *ssa.Call:
			return builtinArg(r, "len") == v || builtinArg(r, "cap") == v
		case *ssa.Go:
			return r == g
		case *ssa.MakeClosure:
			return r == g.Call.Value
		}
		return false
	}
	for _, h := range holders(ch) {
		for _, ref := range *h.Referrers() {
			if load, isLoad := ref.(*ssa.UnOp); isLoad && load.Op == token.MUL && h != ch {
				for _, lr := range *load.Referrers() {
					if !ok(load, lr) {
						return false
					}
				}
				continue
			}
			if !ok(h, ref) {
				return false
			}
		}
	}
	return true
}

// lastSignal returns the capture of site that the goroutine's body sends
// on or closes exactly once, as the last thing it does on every path,
// or -1; sends, whether that is a send. A close deferred at the body's
// entry counts as last too.
func (s *state) lastSignal(site SpawnSite) (capture int, sends bool) {
	body := site.Body
	var signal ssa.Instruction
	at := -1
	for _, b := range body.Blocks {
		for _, instr := range b.Instrs {
			var ch ssa.Value
			switch x := instr.(type) {
			case *ssa.Send:
				ch = x.Chan
			case ssa.CallInstruction:
				if bi, ok := x.Common().Value.(*ssa.Builtin); ok && bi.Name() == "close" {
					ch = x.Common().Args[0]
				}
			}
			if ch == nil {
				continue
			}
			if i := site.CaptureOf(ch); i >= 0 {
				if signal != nil {
					return -1, false // a second signal: one receive per goroutine may not join it
				}
				signal, at = instr, i
			}
		}
	}
	if signal == nil || s.cyclicBlocks(body)[signal.Block()] {
		return -1, false
	}
	if _, ok := signal.(*ssa.Defer); ok {
		if signal.Block() != body.Blocks[0] {
			return -1, false
		}
		return at, false
	}
	isReturn := func(instr ssa.Instruction) bool { _, ok := instr.(*ssa.Return); return ok }
	// Nothing but the return (and the defers it runs) after the signal.
	acts := func(instr ssa.Instruction) bool {
		switch instr.(type) {
		case ssa.CallInstruction, *ssa.Send, *ssa.Store, *ssa.MapUpdate:
			return true
		}
		return false
	}
	first := body.Blocks[0].Instrs[0]
	if first != signal && (isReturn(first) || !s.everyPath(first, func(instr ssa.Instruction) bool { return instr == signal }, isReturn)) {
		return -1, false
	}
	if !s.everyPath(signal, isReturn, acts) {
		return -1, false
	}
	_, sends = signal.(*ssa.Send)
	return at, sends
}

// counted is a loop that runs bound rounds: for i := 0; i < bound; i++,
// for range x (bound len(x)), for range n. exit is where its test sends
// the loop when it ends; only, that nothing else leaves the loop.
type counted struct {
	bound ssa.Value
	exit  *ssa.BasicBlock
	only  bool
}

// countedLoop recognizes l's counter: a phi of l's header that starts at
// 0 (or -1, incremented before the test) and grows by one each round,
// tested against bound by the one If that can leave l.
func (s *state) countedLoop(l *Loop) *counted {
	if l == nil {
		return nil
	}
	if c, ok := s.countedMemo[l]; ok {
		return c
	}
	blocks := make([]*ssa.BasicBlock, 0, len(l.Blocks))
	for b := range l.Blocks {
		blocks = append(blocks, b)
	}
	slices.SortFunc(blocks, func(a, b *ssa.BasicBlock) int { return a.Index - b.Index }) // deterministic
	exits := 0
	var found *counted
	for _, b := range blocks {
		if _, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok {
			exits++
		}
		for _, succ := range b.Succs {
			if !l.Blocks[succ] {
				exits++
			}
		}
		if found == nil {
			found = counterTest(l, b)
		}
	}
	if found != nil {
		found.only = exits == 1
	}
	s.charge(len(blocks))
	s.countedMemo[l] = found
	return found
}

// counterTest returns the count of l when b is its test: an If that
// leaves l when the counter, a phi of l's header that starts at 0 (or
// at -1, incremented before the test) and grows by one each round, is
// no longer below the bound.
func counterTest(l *Loop, b *ssa.BasicBlock) *counted {
	iff, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
	if !ok || !l.Blocks[b.Succs[0]] || l.Blocks[b.Succs[1]] {
		return nil
	}
	cond, ok := iff.Cond.(*ssa.BinOp)
	if !ok || cond.Op != token.LSS {
		return nil
	}
	before := b == l.Header && b.Succs[0] != l.Header  // the test, then the body
	after := b.Succs[0] == l.Header && latchOnly(l, b) // the body, then the test
	phi, start := counterPhi(l, cond.X)
	if phi == nil {
		if before && counterCell(l, cond.X) { // for i := 0; i < n; i++, i captured
			return &counted{bound: cond.Y, exit: b.Succs[1]}
		}
		return nil
	}
	switch {
	case before && cond.X == phi && start == 0: // for i := 0; i < n; i++
	case before && cond.X != phi && start == -1: // for range x
	case after && cond.X != phi && start == 0: // for range n, entered when 0 < n
	default:
		return nil
	}
	return &counted{bound: cond.Y, exit: b.Succs[1]}
}

// counterPhi returns the phi of l's header that x is, or is one more
// than, when every round adds one to it; start is its value on entry.
func counterPhi(l *Loop, x ssa.Value) (phi *ssa.Phi, start int64) {
	next := x
	if add, ok := x.(*ssa.BinOp); ok && add.Op == token.ADD && isOne(add.Y) {
		x = add.X
	}
	phi, ok := x.(*ssa.Phi)
	if !ok || phi.Block() != l.Header {
		return nil, 0
	}
	if next == x { // tested before the increment: the latch adds one
		next = nil
	}
	start = 1 // none seen yet
	for k, e := range phi.Edges {
		if l.Blocks[phi.Block().Preds[k]] {
			add, ok := e.(*ssa.BinOp)
			if next != nil && e != next || next == nil && (!ok || add.Op != token.ADD || add.X != phi || !isOne(add.Y)) {
				return nil, 0
			}
			continue
		}
		v, ok := IntConst(e)
		if !ok || v != 0 && v != -1 || start != 1 && start != v {
			return nil, 0
		}
		start = v
	}
	if start == 1 {
		return nil, 0
	}
	return phi, start
}

// counterCell recognizes the counter of for i := 0; i < n; i++ when a
// closure captures i: Go 1.22 makes a variable per round, and x loads
// the round's, a phi of cells in l's header. The first cell holds 0;
// each next one a copy of the last, plus one; nothing else writes them.
func counterCell(l *Loop, x ssa.Value) bool {
	load, ok := x.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return false
	}
	phi, ok := load.X.(*ssa.Phi)
	if !ok || phi.Block() != l.Header || len(cellStores(phi)) > 0 {
		return false
	}
	for k, e := range phi.Edges {
		cell, ok := e.(*ssa.Alloc)
		if !ok {
			return false
		}
		stores := cellStores(cell)
		if !l.Blocks[phi.Block().Preds[k]] {
			if len(stores) != 1 {
				return false
			}
			if v, ok := IntConst(stores[0].Val); !ok || v != 0 {
				return false
			}
			continue
		}
		if len(stores) != 2 { // *next = *i; *next = *next + 1
			return false
		}
		cp, ok := stores[0].Val.(*ssa.UnOp)
		if !ok || cp.Op != token.MUL || cp.X != phi {
			return false
		}
		add, ok := stores[1].Val.(*ssa.BinOp)
		if !ok || add.Op != token.ADD || !isOne(add.Y) {
			return false
		}
		if ld, ok := add.X.(*ssa.UnOp); !ok || ld.Op != token.MUL || ld.X != cell {
			return false
		}
	}
	return true
}

// cellStores returns the stores into cell, in the order they run within
// a block (the increment's block holds both of a round's).
func cellStores(cell ssa.Value) []*ssa.Store {
	var out []*ssa.Store
	for _, ref := range *cell.Referrers() {
		if st, ok := ref.(*ssa.Store); ok && st.Addr == cell {
			out = append(out, st)
		}
	}
	slices.SortFunc(out, func(a, b *ssa.Store) int {
		if a.Block() != b.Block() {
			return a.Block().Index - b.Block().Index
		}
		return indexOf(a) - indexOf(b)
	})
	return out
}

// latchOnly reports whether b is l's one way back to its header.
func latchOnly(l *Loop, b *ssa.BasicBlock) bool {
	for _, p := range l.Header.Preds {
		if l.Blocks[p] && p != b {
			return false
		}
	}
	return true
}

// eachRound reports whether every round of l meets an instruction for
// which match holds: its block dominates each way back to the header.
func eachRound(l *Loop, match func(ssa.Instruction) bool) bool {
	for b := range l.Blocks {
		if !slices.ContainsFunc(b.Instrs, match) {
			continue
		}
		all := true
		for _, p := range l.Header.Preds {
			if l.Blocks[p] && !b.Dominates(p) {
				all = false
			}
		}
		if all {
			return true
		}
	}
	return false
}

// enclosing returns the smallest loop of all that holds l's header,
// other than l.
func enclosing(all []*Loop, l *Loop) *Loop {
	var best *Loop
	for _, o := range all {
		if o != l && o.Blocks[l.Header] && (best == nil || len(o.Blocks) < len(best.Blocks)) {
			best = o
		}
	}
	return best
}

// coversCount reports whether a loop of recv rounds receives at least
// once per goroutine of a loop of spawn rounds: the same value, a larger
// constant, len of the same slice, or cap of the channel ch when ch was
// made with such a size.
func (s *state) coversCount(recv, spawn, ch ssa.Value) bool {
	recv, spawn = unconvert(recv), unconvert(spawn)
	if recv == spawn {
		return true
	}
	if r, ok := recv.(*ssa.Const); ok {
		sp, ok := spawn.(*ssa.Const)
		return ok && r.Value != nil && sp.Value != nil && r.Value.Kind() == constant.Int && sp.Value.Kind() == constant.Int &&
			constant.Compare(r.Value, token.GEQ, sp.Value)
	}
	if x := builtinArg(recv, "cap"); x != nil && ch != nil && s.heldValue(x) == ch {
		mc, ok := ch.(*ssa.MakeChan)
		return ok && s.coversCount(mc.Size, spawn, nil)
	}
	x, y := builtinArg(recv, "len"), builtinArg(spawn, "len")
	return x != nil && y != nil && s.sameHeld(x, y, 3)
}

// sameHeld reports whether x and y hold the same value: one value, or
// loads of one field of the same value, or of one global.
func (s *state) sameHeld(x, y ssa.Value, depth int) bool {
	if s.heldValue(x) == s.heldValue(y) {
		return true
	}
	lx, ok1 := x.(*ssa.UnOp)
	ly, ok2 := y.(*ssa.UnOp)
	if !ok1 || !ok2 || lx.Op != token.MUL || ly.Op != token.MUL || depth == 0 {
		return false
	}
	if gx, ok := lx.X.(*ssa.Global); ok {
		return lx.X == ly.X && gx != nil
	}
	fx, ok1 := lx.X.(*ssa.FieldAddr)
	fy, ok2 := ly.X.(*ssa.FieldAddr)
	return ok1 && ok2 && fx.Field == fy.Field && s.sameHeld(fx.X, fy.X, depth-1)
}

// builtinArg returns the argument of v when v calls the builtin name.
func builtinArg(v ssa.Value, name string) ssa.Value {
	call, ok := v.(*ssa.Call)
	if !ok {
		return nil
	}
	if b, ok := call.Common().Value.(*ssa.Builtin); ok && b.Name() == name && len(call.Common().Args) == 1 {
		return call.Common().Args[0]
	}
	return nil
}

// unconvert strips conversions between integer types.
func unconvert(v ssa.Value) ssa.Value {
	for {
		c, ok := v.(*ssa.Convert)
		if !ok {
			return v
		}
		v = c.X
	}
}

// forwardsJoin reports whether common, a group's Go call, starts only a
// wait on another group (or process) that the spawner stores in a field
// or a global. Whoever owns that value joins the work, so the wait adds
// nothing for the caller's group to join: restic's StartPackUploader adds
// `func() error { return inner.Wait() }` to its caller's group, and Flush
// waits on the same inner group through the repository.
func (w *walker) forwardsJoin(common *ssa.CallCommon) bool {
	if len(common.Args) < 2 {
		return false
	}
	mc, ok := common.Args[1].(*ssa.MakeClosure)
	if !ok {
		return false
	}
	fn, ok := mc.Fn.(*ssa.Function)
	if !ok || fn.Blocks == nil {
		return false
	}
	if w.s.servesOwnedField(fn) {
		return true
	}
	waited := -1
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			switch in := instr.(type) {
			case *ssa.Call:
				callee := in.Call.StaticCallee()
				if callee == nil || len(in.Call.Args) == 0 {
					return false
				}
				obj, _ := callee.Object().(*types.Func)
				if obj == nil || modelOf(obj.Origin()) != awaitsRecv {
					return false
				}
				recv := in.Call.Args[0]
				if load, ok := recv.(*ssa.UnOp); ok && load.Op == token.MUL {
					recv = load.X // a captured variable
				}
				fv, ok := recv.(*ssa.FreeVar)
				if !ok {
					return false
				}
				i := slices.Index(fn.FreeVars, fv)
				if waited >= 0 && waited != i {
					return false
				}
				waited = i
			case *ssa.Go, *ssa.Defer, *ssa.Send, *ssa.Select:
				return false
			case *ssa.UnOp:
				if in.Op == token.ARROW {
					return false
				}
			}
		}
	}
	return waited >= 0 && w.storedAway(mc.Bindings[waited])
}

// storedAway reports whether what the captured variable v holds, or any
// alias of it, is stored in a struct field or a global, where code other
// than its maker can reach it.
func (w *walker) storedAway(v ssa.Value) bool {
	for _, x := range w.aliases(w.s.heldValue(v)) {
		refs := x.Referrers()
		if refs == nil {
			continue
		}
		for _, r := range *refs {
			if st, ok := r.(*ssa.Store); ok && st.Val == x {
				switch st.Addr.(type) {
				case *ssa.FieldAddr, *ssa.Global:
					return true
				}
			}
		}
	}
	return false
}

// ForwardsJoin reports whether common, a group's Go call, starts only
// work that someone else joins (forwardsJoin): it arms nothing.
func (r *Result) ForwardsJoin(common *ssa.CallCommon) bool {
	if r.s == nil {
		return false
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.s.newWalker(Escapes).forwardsJoin(common)
}

// servesOwnedField reports whether fn, a group's goroutine, only runs one
// method of a value kept in a struct field (return db.server.Serve()),
// and code of the package shuts that field's value down
// (db.server.Shutdown(ctx)): the owner's shutdown ends the goroutine,
// as a Wait of the group would see.
func (s *state) servesOwnedField(fn *ssa.Function) bool {
	var served *ssa.FieldAddr
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			switch in := instr.(type) {
			case *ssa.Call:
				callee := in.Call.StaticCallee()
				if served != nil || callee == nil || callee.Signature.Recv() == nil || len(in.Call.Args) == 0 {
					return false
				}
				if served = fieldLoad(in.Call.Args[0]); served == nil {
					return false
				}
			case *ssa.Go, *ssa.Defer, *ssa.Send, *ssa.Select:
				return false
			case *ssa.UnOp:
				if in.Op == token.ARROW {
					return false
				}
			}
		}
	}
	if served == nil {
		return false
	}
	ops := s.fieldOpsOf().of(served)
	return ops != nil && ops.shut
}
