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
	fields := s.fieldOpsOf()
	for key, l := range loops {
		if !servedOnly(fields[key], l.body) || !exitFires(l.exitCh, fields) {
			bad[key] = true
		}
	}
	for _, ls := range sends {
		fa := fieldLoad(ls.Chan())
		key, ok := keyOf(fa)
		l := loops[key]
		if !ok || l == nil || bad[key] || s.runsWithinBody(ls.Instr().Parent(), l.body) || takesLock(ls.Instr()) {
			continue
		}
		if ls.Select != nil && ls.Instr().Parent() == l.goInstr.Parent() {
			continue // the ctx it waits for may be the loop's own
		}
		ls.Go, ls.Loop, ls.Exit, ls.ExitChan, ls.Field = l.goInstr, l.body, l.exit.Pos, l.exitCh, FieldName(fa.X.Type(), fa.Field)
		if ops := fields.of(fieldLoad(l.exitCh)); ops != nil {
			ls.ExitClosed = ops.closed
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

// takesLock reports whether the function of instr calls a Lock or RLock
// method anywhere.
func takesLock(instr ssa.Instruction) bool {
	for _, b := range instr.Parent().Blocks {
		for _, in := range b.Instrs {
			call, ok := in.(*ssa.Call)
			if !ok {
				continue
			}
			name := ""
			if call.Call.IsInvoke() {
				name = call.Call.Method.Name()
			} else if callee := call.Call.StaticCallee(); callee != nil && callee.Signature.Recv() != nil {
				name = callee.Name()
			}
			if name == "Lock" || name == "RLock" {
				return true
			}
		}
	}
	return false
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
		p, ok := DoneReceiver(st.Chan).(*ssa.Parameter)
		if !ok || ls.Ctx != nil && ls.Ctx != p {
			return ls, false
		}
		ls.Ctx = p
	}
	return ls, ls.State >= 0 && ls.Ctx != nil
}

// servedOnly reports whether ops describe a channel that only the loop
// body receives from and nobody closes, held in a field that only ever
// gets unbuffered channels the package makes (a buffer out of sight, or
// one that takes the sends after the loop has left, strands nothing).
func servedOnly(ops *fieldOps, body *ssa.Function) bool {
	if ops == nil || !ops.stored || ops.oddStore || ops.closed {
		return false
	}
	for fn := range ops.receivers {
		if fn != body {
			return false
		}
	}
	return true
}

// exitFires reports whether the loop's exit signal can fire: a Done
// method's channel (a context's, which its owner cancels), or a field
// channel the package closes or sends on (a stop nobody sends never
// ends the loop).
func exitFires(ch ssa.Value, fields fieldIndex) bool {
	if _, ok := ch.(*ssa.Call); ok {
		return isDoneCall(ch)
	}
	ops := fields.of(fieldLoad(ch))
	return ops != nil && (ops.sent || ops.closed)
}
