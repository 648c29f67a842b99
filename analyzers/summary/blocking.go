package summary

import (
	"go/token"

	"golang.org/x/tools/go/ssa"
)

// PlainSends returns the spawner's channels that the goroutine of site
// sends on with nothing to let it give up: a send statement of its body
// outside any select, or a plain send its summary says a callee or
// closure makes on a capture. Channels made with room for every send
// (hasRoom) are left out. Such a goroutine stays blocked once its
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
			if i := site.CaptureOf(send.Chan); i >= 0 {
				seen[i] = true
			}
		}
	}
	if sum := r.s.summarize(site.Body); sum != nil {
		for i := range site.Captures {
			if sum.Capture(site, i)&Sends != 0 {
				seen[i] = true
			}
		}
	}
	return r.s.spawnerChans(site, seen, true)
}

// CaptureEffect is what the goroutine of site does with capture i, by
// its body's summary; 0 when that is not known.
func (r *Result) CaptureEffect(site SpawnSite, i int) Effect {
	if r.s == nil || site.Body == nil {
		return 0
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.s.summarize(site.Body).Capture(site, i)
}

// PlainReceives returns the spawner's channels that the goroutine of site
// receives from or ranges over, in its own body, outside any select: it
// waits there until the spawner sends or closes, and so would a Wait
// for it.
func (r *Result) PlainReceives(site SpawnSite) []ssa.Value {
	if r.s == nil || site.Body == nil {
		return nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	seen := map[int]bool{}
	for _, op := range site.Ops {
		if recv, ok := op.Instr.(*ssa.UnOp); ok && recv.Op == token.ARROW {
			if i := site.CaptureOf(recv.X); i >= 0 {
				seen[i] = true
			}
		}
	}
	return r.s.spawnerChans(site, seen, false)
}

// spawnerChans returns the spawner's values of the captures seen, in
// capture order; with dropRoomy, less the channels with room for every
// send.
func (s *state) spawnerChans(site SpawnSite, seen map[int]bool, dropRoomy bool) []ssa.Value {
	var out []ssa.Value
	for i, c := range site.Captures {
		if !seen[i] || dropRoomy && s.captureHasRoom(site, i) {
			continue
		}
		if alloc, ok := c.(*ssa.Alloc); ok && s.singleStore(alloc) == nil {
			continue // a variable that holds more than one channel
		}
		out = append(out, s.heldValue(c))
	}
	return out
}

// hasRoom reports whether ch, a channel of the goroutine of site, is one
// its spawner made with a buffer sized at run time (make(chan T,
// len(jobs))): taken to have room for every send, as cancelsafe takes it.
func (s *state) hasRoom(site SpawnSite, ch ssa.Value) bool {
	i := site.CaptureOf(ch)
	return i >= 0 && s.captureHasRoom(site, i)
}

func (s *state) captureHasRoom(site SpawnSite, i int) bool {
	mk, ok := valueAt(site.Captures[i], site.Instr).(*ssa.MakeChan)
	if !ok || mk.Parent() != site.Instr.Parent() {
		return false
	}
	_, constant := mk.Size.(*ssa.Const)
	return !constant
}

// Wait is a receive a goroutine makes, outside any select, before it
// reaches its sends, from a channel its spawner neither sends on nor
// closes: until someone else does, it waits there.
type Wait struct {
	Capture int             // the channel's index in site.Captures
	Recv    ssa.Instruction // the receive, in the goroutine's body
}

// WaitsFirst returns the goroutine's Waits before sends (instructions of
// its body): a channel it ranges over or receives from on the way to each
// of them, made by its spawner or handed back by a call that does not
// feed it (not a future), which the spawner uses for nothing else. A
// buffer for the sends frees such a goroutine only once the channel is
// closed or sent on.
func (r *Result) WaitsFirst(site SpawnSite, sends []ssa.Instruction) []Wait {
	if r.s == nil || site.Body == nil || len(sends) == 0 {
		return nil
	}
	for _, s := range sends {
		if s.Parent() != site.Body {
			return nil
		}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []Wait
	c := r.s.metered(func() {
		done := map[int]bool{}
		for _, op := range site.Ops {
			recv, ok := op.Instr.(*ssa.UnOp)
			if !ok || recv.Op != token.ARROW {
				continue
			}
			i := site.CaptureOf(recv.X)
			if i < 0 || done[i] || !r.s.precedesAll(recv, sends) || !r.unfed(site, i) {
				continue
			}
			done[i] = true
			out = append(out, Wait{Capture: i, Recv: recv})
		}
	})
	if !r.pay(site.Instr.Parent(), c, len(out)) {
		return nil
	}
	return out
}

// unfed reports whether capture i of site is a channel that the spawner
// made, or took from a call that does not feed it, and uses for nothing
// but this goroutine.
func (r *Result) unfed(site SpawnSite, i int) bool {
	ch := r.s.heldValue(site.Captures[i])
	fn := site.Instr.Parent()
	switch ch := ch.(type) {
	case *ssa.MakeChan:
		if ch.Parent() != fn {
			return false
		}
	case *ssa.Call:
		// A static callee without a summary starts nothing that could
		// feed it.
		sum := r.s.calleeSummary(ch.Common())
		if ch.Parent() != fn || ch.Common().StaticCallee() == nil || sum != nil && sum.Result(0).IsFuture() {
			return false
		}
	default:
		return false
	}
	for _, u := range r.usesLocked(ch) {
		if u.Instr == site.Instr || u.Instr.Parent() != fn {
			continue
		}
		if mc, ok := u.Instr.(*ssa.MakeClosure); ok && mc.Fn == site.Body {
			continue
		}
		if u.Effect&^(Awaits|PlainAwaits) != 0 {
			return false // sent on, closed, handed on: it may be fed
		}
	}
	return true
}

// precedesAll reports whether a comes before each of bs on every path:
// earlier in the same block, or in a block that dominates theirs. Each
// comparison in one block is charged as a scan of it.
func (s *state) precedesAll(a ssa.Instruction, bs []ssa.Instruction) bool {
	for _, b := range bs {
		if a.Block() == b.Block() {
			if !s.charge(len(a.Block().Instrs)) || indexOf(a) > indexOf(b) {
				return false
			}
		} else if !s.step() || !a.Block().Dominates(b.Block()) {
			return false
		}
	}
	return true
}

func indexOf(instr ssa.Instruction) int {
	for i, x := range instr.Block().Instrs {
		if x == instr {
			return i
		}
	}
	return -1
}

// SendsAfter reports whether every send the goroutine of site makes on
// capture a is followed, on each path, by a plain send on capture b
// before the goroutine can leave or come back to that send: a spawner
// that takes a's value and stops receiving leaves it blocked on b.
func (r *Result) SendsAfter(site SpawnSite, a, b int) bool {
	body := site.Body
	if r.s == nil || body == nil || len(body.Blocks) == 0 || a == b {
		return false
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	ok := false
	c := r.s.metered(func() { ok = r.s.sendsAfter(site, a, b) })
	return r.pay(site.Instr.Parent(), c, 1) && ok
}

func (s *state) sendsAfter(site SpawnSite, a, b int) bool {
	body := site.Body
	if !s.charge(instrCount(body)) {
		return false
	}
	var firsts []*ssa.Send
	for _, blk := range body.Blocks {
		for _, instr := range blk.Instrs {
			if send, ok := instr.(*ssa.Send); ok && site.CaptureOf(send.Chan) == a {
				firsts = append(firsts, send)
			}
		}
	}
	if len(firsts) == 0 {
		return false
	}
	isB := func(instr ssa.Instruction) bool {
		send, ok := instr.(*ssa.Send)
		return ok && site.CaptureOf(send.Chan) == b
	}
	for _, first := range firsts {
		if !s.alwaysThen(first, isB) {
			return false
		}
	}
	return true
}

// alwaysThen reports whether every path from just after from reaches an
// instruction for which then holds, before a return, a panic, or from
// itself again.
func (s *state) alwaysThen(from ssa.Instruction, then func(ssa.Instruction) bool) bool {
	return s.everyPath(from, then, func(instr ssa.Instruction) bool {
		switch instr.(type) {
		case *ssa.Return, *ssa.Panic:
			return true
		}
		return instr == from // round again without it
	})
}

// everyPath reports whether every path from just after from meets an
// instruction for which hit holds before one for which fail does. A block
// is walked once: a path that comes back to it adds nothing. Each
// instruction scanned is a step of the walk's budget; false once it is
// spent.
func (s *state) everyPath(from ssa.Instruction, hit, fail func(ssa.Instruction) bool) bool {
	type item struct {
		b *ssa.BasicBlock
		i int
	}
	seen := map[*ssa.BasicBlock]bool{}
	stack := []item{{from.Block(), indexOf(from) + 1}}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		met := false
		if !s.charge(len(it.b.Instrs)) {
			return false
		}
		for _, instr := range it.b.Instrs[it.i:] {
			if hit(instr) {
				met = true
				break
			}
			if fail(instr) {
				return false
			}
		}
		if met {
			continue
		}
		for _, succ := range it.b.Succs {
			if !seen[succ] {
				seen[succ] = true
				stack = append(stack, item{succ, 0})
			}
		}
	}
	return true
}
