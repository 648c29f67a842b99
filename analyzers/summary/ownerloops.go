package summary

import (
	"go/token"
	"go/types"
	"sort"

	"golang.org/x/tools/go/ssa"
)

// LoopSend is a plain send on a channel kept in a struct field that only
// an owner's loop goroutine receives from, in a select with a case that
// leaves the loop (case <-s.done: return). Once the loop has left, the
// send blocks forever.
type LoopSend struct {
	Send *ssa.Send // nil for a select's send (Select, State)
	// Select and State: a send in a blocking select whose other cases
	// only wait for Ctx, a context parameter of the sender, to be done:
	// once the loop has left, it waits for that cancel, forever for a
	// context nobody cancels.
	Select *ssa.Select
	State  int
	Ctx    *ssa.Parameter
	Go     *ssa.Go       // the go statement that starts the loop
	Loop   *ssa.Function // the loop goroutine's body
	Exit   token.Pos     // the case that leaves the loop
	Field  string        // the field's name
	// ExitChan is what the exit case receives from: a field (s.done) or
	// a Done call (ctx.Done(), s.ctx.Done()).
	ExitChan ssa.Value
	// ExitClosed: the package closes that field (a stop sent, not
	// closed, must not be received by anyone else).
	ExitClosed bool
}

// Instr is the send, or the select that holds it.
func (ls LoopSend) Instr() ssa.Instruction {
	if ls.Send != nil {
		return ls.Send
	}
	return ls.Select
}

// Pos is where the send is written.
func (ls LoopSend) Pos() token.Pos {
	if ls.Send != nil {
		return ls.Send.Pos()
	}
	return ls.Select.States[ls.State].Pos
}

// Chan is the channel sent on.
func (ls LoopSend) Chan() ssa.Value {
	if ls.Send != nil {
		return ls.Send.Chan
	}
	return ls.Select.States[ls.State].Chan
}

// ownerLoop is the loop goroutine that serves a field channel.
type ownerLoop struct {
	goInstr *ssa.Go
	body    *ssa.Function
	exit    *ssa.SelectState
	exitCh  ssa.Value
}

// LoopSends returns the package's plain sends on unbuffered field
// channels that an owner's loop goroutine serves and can stop serving
// (see LoopSend), made outside that goroutine and with no lock held (a
// lock usually guards a closed flag the sender checks first). None when
// anything else receives from, closes or stores the field, or a make of
// it has a buffer. Sorted by position; computed once.
func (r *Result) LoopSends() []LoopSend {
	if r.s == nil {
		return nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.s.loopSends == nil {
		r.s.loopSends = r.s.findLoopSends()
	}
	return r.s.loopSends
}

func (s *state) findLoopSends() []LoopSend {
	out := []LoopSend{}
	loops := map[fieldKey]*ownerLoop{}
	bad := map[fieldKey]bool{}
	var sends []LoopSend
	for _, fn := range s.funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				switch in := instr.(type) {
				case *ssa.Go:
					s.ownerLoopOf(in, loops, bad)
				case *ssa.Send:
					if fieldLoad(in.Chan) != nil {
						sends = append(sends, LoopSend{Send: in})
					}
				case *ssa.Select:
					if ls, ok := ctxOnlySend(in); ok {
						sends = append(sends, ls)
					}
				}
			}
		}
	}
	if len(loops) == 0 {
		return out
	}
	s.fieldChanUses(loops, bad)
	signaled, closed := s.signaledFields()
	for key, l := range loops {
		if !s.exitFires(l.exitCh, signaled) {
			bad[key] = true // a stop nobody sends: the loop never leaves
		}
	}
	for _, ls := range sends {
		fa := fieldLoad(ls.Chan())
		key, ok := keyOf(fa)
		l := loops[key]
		if !ok || l == nil || bad[key] || s.runsWithinBody(ls.Instr().Parent(), l.body) || s.lockedBefore(ls.Instr()) {
			continue
		}
		if ls.Select != nil && ls.Instr().Parent() == l.goInstr.Parent() {
			continue // the ctx it waits for may be the loop's own
		}
		ls.Go, ls.Loop, ls.Exit, ls.ExitChan, ls.Field = l.goInstr, l.body, l.exit.Pos, l.exitCh, fieldNameOf(fa)
		if fa := fieldLoad(l.exitCh); fa != nil {
			if k, ok := keyOf(fa); ok {
				ls.ExitClosed = closed[k]
			}
		}
		out = append(out, ls)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Pos() < out[j].Pos() })
	return out
}

// ownerLoopOf records the field channels the goroutine of g serves in a
// select in a loop of its body, when another case of that select
// receives a stop signal and leaves the body, never to come back. A
// field served by two loops is bad: which one runs is not known.
func (s *state) ownerLoopOf(g *ssa.Go, loops map[fieldKey]*ownerLoop, bad map[fieldKey]bool) {
	body := g.Call.StaticCallee()
	if mc, ok := g.Call.Value.(*ssa.MakeClosure); ok {
		body, _ = mc.Fn.(*ssa.Function)
	}
	if body == nil || len(body.Blocks) == 0 {
		return
	}
	leaving := s.leavingBlocks(body)
	for _, b := range body.Blocks {
		if Innermost(s.loopsOf(body), b) == nil {
			continue
		}
		for _, instr := range b.Instrs {
			sel, ok := instr.(*ssa.Select)
			if !ok || !sel.Blocking {
				continue
			}
			cases, _ := Branches(sel)
			if cases == nil {
				continue
			}
			var exit *ssa.SelectState
			var exitCh ssa.Value
			var served []fieldKey
			for i := range sel.States {
				st := sel.States[i]
				if st.Dir != types.RecvOnly {
					continue
				}
				if leaving[cases[i]] && !s.reachesBlock(cases[i], sel.Block()) && s.carriesSignal(st.Chan) {
					exit, exitCh = st, st.Chan
					continue
				}
				if fa := fieldLoad(st.Chan); fa != nil {
					if key, ok := keyOf(fa); ok {
						served = append(served, key)
					}
				}
			}
			if exit == nil {
				continue
			}
			for _, key := range served {
				if l, ok := loops[key]; ok && l.body != body {
					bad[key] = true
					continue
				}
				loops[key] = &ownerLoop{goInstr: g, body: body, exit: exit, exitCh: exitCh}
			}
		}
	}
}

// fieldChanUses marks bad the served fields that code other than their
// loop receives from or closes, or that hold anything but an unbuffered
// channel made in the package.
func (s *state) fieldChanUses(loops map[fieldKey]*ownerLoop, bad map[fieldKey]bool) {
	made := map[fieldKey]bool{}
	for _, fn := range s.funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				switch in := instr.(type) {
				case *ssa.Store:
					fa, ok := in.Addr.(*ssa.FieldAddr)
					if !ok {
						continue
					}
					key, ok := keyOf(fa)
					if !ok || loops[key] == nil {
						continue
					}
					made[key] = true
					mc, ok := in.Val.(*ssa.MakeChan)
					if !ok {
						bad[key] = true
						continue
					}
					if k, isConst := mc.Size.(*ssa.Const); !isConst || k.Value == nil || k.Int64() != 0 {
						bad[key] = true
					}
				case *ssa.UnOp:
					if in.Op == token.ARROW {
						s.markOtherUse(in.X, fn, loops, bad)
					}
				case *ssa.Select:
					for _, st := range in.States {
						if st.Dir == types.RecvOnly {
							s.markOtherUse(st.Chan, fn, loops, bad)
						}
					}
				case *ssa.Call:
					if b, ok := in.Call.Value.(*ssa.Builtin); ok && b.Name() == "close" && len(in.Call.Args) == 1 {
						if fa := fieldLoad(in.Call.Args[0]); fa != nil {
							if key, ok := keyOf(fa); ok {
								bad[key] = true
							}
						}
					}
				}
			}
		}
	}
	for key := range loops {
		if !made[key] {
			bad[key] = true // made out of sight: its buffer is not known
		}
	}
}

// markOtherUse marks bad the served field ch loads from when fn, which
// receives from it, is not its loop's body.
func (s *state) markOtherUse(ch ssa.Value, fn *ssa.Function, loops map[fieldKey]*ownerLoop, bad map[fieldKey]bool) {
	fa := fieldLoad(ch)
	if fa == nil {
		return
	}
	key, ok := keyOf(fa)
	if l := loops[key]; ok && l != nil && fn != l.body {
		bad[key] = true
	}
}

// lockedBefore reports whether the function of send calls a Lock or
// RLock method anywhere.
func (s *state) lockedBefore(send ssa.Instruction) bool {
	fn := send.Parent()
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(*ssa.Call)
			if !ok {
				continue
			}
			callee := call.Call.StaticCallee()
			if callee == nil && call.Call.IsInvoke() {
				if name := call.Call.Method.Name(); name == "Lock" || name == "RLock" {
					return true
				}
			}
			if callee != nil && callee.Signature.Recv() != nil && (callee.Name() == "Lock" || callee.Name() == "RLock") {
				return true
			}
		}
	}
	return false
}

// fieldNameOf names the field fa addresses.
func fieldNameOf(fa *ssa.FieldAddr) string {
	ptr, ok := fa.X.Type().Underlying().(*types.Pointer)
	if !ok {
		return ""
	}
	st, ok := ptr.Elem().Underlying().(*types.Struct)
	if !ok || fa.Field >= st.NumFields() {
		return ""
	}
	return st.Field(fa.Field).Name()
}

// exitFires reports whether the loop's exit signal can fire: a Done
// method's channel (a context's, which its owner cancels), or a field
// channel the package closes or sends on.
func (s *state) exitFires(ch ssa.Value, signaled map[fieldKey]bool) bool {
	if _, ok := ch.(*ssa.Call); ok {
		return isDoneCall(ch)
	}
	if fa := fieldLoad(ch); fa != nil {
		key, ok := keyOf(fa)
		return ok && signaled[key]
	}
	return false
}

// signaledFields returns the fields whose channel the package closes or
// sends on, and of those the ones it closes.
func (s *state) signaledFields() (out, closed map[fieldKey]bool) {
	out, closed = map[fieldKey]bool{}, map[fieldKey]bool{}
	mark := func(v ssa.Value) {
		if fa := fieldLoad(v); fa != nil {
			if key, ok := keyOf(fa); ok {
				out[key] = true
			}
		}
	}
	for _, fn := range s.funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				switch in := instr.(type) {
				case *ssa.Send:
					mark(in.Chan)
				case *ssa.Select:
					for _, st := range in.States {
						if st.Dir == types.SendOnly {
							mark(st.Chan)
						}
					}
				case ssa.CallInstruction:
					if b, ok := in.Common().Value.(*ssa.Builtin); ok && b.Name() == "close" && len(in.Common().Args) == 1 {
						mark(in.Common().Args[0])
						if fa := fieldLoad(in.Common().Args[0]); fa != nil {
							if key, ok := keyOf(fa); ok {
								closed[key] = true
							}
						}
					}
				}
			}
		}
	}
	return out, closed
}

// ctxOnlySend returns the send of sel when sel blocks, sends on a field
// channel in one case, and in every other case only waits for the Done
// of a context parameter of its function (the caller's ctx).
func ctxOnlySend(sel *ssa.Select) (LoopSend, bool) {
	ls := LoopSend{Select: sel, State: -1}
	if !sel.Blocking {
		return ls, false
	}
	for i, st := range sel.States {
		if st.Dir == types.SendOnly {
			if ls.State >= 0 || fieldLoad(st.Chan) == nil {
				return ls, false
			}
			ls.State = i
			continue
		}
		call, ok := st.Chan.(*ssa.Call)
		if !ok || !call.Call.IsInvoke() || call.Call.Method.Name() != "Done" {
			return ls, false
		}
		p, ok := call.Call.Value.(*ssa.Parameter)
		if !ok || ls.Ctx != nil && ls.Ctx != p {
			return ls, false
		}
		ls.Ctx = p
	}
	return ls, ls.State >= 0 && ls.Ctx != nil
}
