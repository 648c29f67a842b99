package summary

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// fieldKey names a struct field of the package's types: the struct (the
// named type, when it has one) and the field's index.
type fieldKey struct {
	structType types.Type
	field      int
}

// keyOf names the field fa addresses.
func keyOf(fa *ssa.FieldAddr) (fieldKey, bool) {
	ptr, ok := fa.X.Type().Underlying().(*types.Pointer)
	if !ok {
		return fieldKey{}, false
	}
	return fieldKey{ptr.Elem(), fa.Field}, true
}

// FieldName returns the name of field i of the struct t is or points
// to, or "".
func FieldName(t types.Type, i int) string {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	if s, ok := t.Underlying().(*types.Struct); ok && i < s.NumFields() {
		return s.Field(i).Name()
	}
	return ""
}

// fieldLoad returns the field address v is loaded from (*x.f), or nil.
func fieldLoad(v ssa.Value) *ssa.FieldAddr {
	if load, ok := v.(*ssa.UnOp); ok && load.Op == token.MUL {
		fa, _ := load.X.(*ssa.FieldAddr)
		return fa
	}
	return nil
}

// fieldOps is what the package's code does with the value of one struct
// field, from one scan of every function (fieldOpsOf): the clock, owner
// and owned-field rules all read it.
type fieldOps struct {
	// clockStop: the first call, in source order, that stops the ticker
	// or timer loaded from the field; clockReset: one resets it.
	clockStop  ssa.CallInstruction
	clockReset bool
	// shut: a Shutdown, Close or Stop method is called on the value.
	shut bool
	// sent, closed: a send (plain or a select's case) on the channel, a
	// close of it.
	sent, closed bool
	// receivers are the functions that receive from the channel.
	receivers map[*ssa.Function]bool
	// stored: something is stored into the field; oddStore: something
	// other than an unbuffered channel made by the package.
	stored, oddStore bool
}

// fieldIndex is the package's fieldOps, by field.
type fieldIndex map[fieldKey]*fieldOps

// of returns the fieldOps of the field fa addresses, or nil.
func (x fieldIndex) of(fa *ssa.FieldAddr) *fieldOps {
	if fa == nil {
		return nil
	}
	key, ok := keyOf(fa)
	if !ok {
		return nil
	}
	return x[key]
}

// fieldOpsOf returns the package's fieldIndex; built once.
func (s *state) fieldOpsOf() fieldIndex {
	if s.fieldOps != nil {
		return s.fieldOps
	}
	s.fieldOps = fieldIndex{}
	at := func(fa *ssa.FieldAddr) *fieldOps {
		if fa == nil {
			return nil
		}
		key, ok := keyOf(fa)
		if !ok {
			return nil
		}
		ops := s.fieldOps[key]
		if ops == nil {
			ops = &fieldOps{receivers: map[*ssa.Function]bool{}}
			s.fieldOps[key] = ops
		}
		return ops
	}
	loaded := func(v ssa.Value) *fieldOps { return at(fieldLoad(v)) }
	for _, fn := range s.funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				switch in := instr.(type) {
				case ssa.CallInstruction:
					s.noteCall(in, loaded)
				case *ssa.Send:
					if ops := loaded(in.Chan); ops != nil {
						ops.sent = true
					}
				case *ssa.UnOp:
					if ops := loaded(in.X); ops != nil && in.Op == token.ARROW {
						ops.receivers[fn] = true
					}
				case *ssa.Select:
					for _, st := range in.States {
						if ops := loaded(st.Chan); ops != nil {
							if st.Dir == types.SendOnly {
								ops.sent = true
							} else {
								ops.receivers[fn] = true
							}
						}
					}
				case *ssa.Store:
					if fa, ok := in.Addr.(*ssa.FieldAddr); ok {
						if ops := at(fa); ops != nil {
							ops.stored = true
							mc, ok := in.Val.(*ssa.MakeChan)
							ops.oddStore = ops.oddStore || !ok || !isZeroConst(mc.Size)
						}
					}
				}
			}
		}
	}
	return s.fieldOps
}

// noteCall records what call does with a field's value: close it, stop
// or reset its clock, shut it down.
func (s *state) noteCall(call ssa.CallInstruction, loaded func(ssa.Value) *fieldOps) {
	common := call.Common()
	if len(common.Args) == 0 {
		return
	}
	ops := loaded(common.Args[0])
	if ops == nil {
		return
	}
	if b, ok := common.Value.(*ssa.Builtin); ok {
		ops.closed = ops.closed || b.Name() == "close"
		return
	}
	switch ClockMethod(common) {
	case "Stop":
		if ops.clockStop == nil {
			ops.clockStop = call
		}
	case "Reset":
		ops.clockReset = true
	}
	if callee := common.StaticCallee(); callee != nil && callee.Signature.Recv() != nil {
		switch callee.Name() {
		case "Shutdown", "Close", "Stop":
			ops.shut = true
		}
	}
}

// ClockStopOf returns, when fa addresses a field of the package's types
// that holds a *time.Ticker or a *time.Timer, the first call in the
// package, in source order, that stops the one loaded from it
// (t.ticker.Stop()), unless the package also resets it (a paused clock,
// not an ended one); nil otherwise. Stop does not close C: a goroutine
// still waiting on it after the Stop never wakes.
func (r *Result) ClockStopOf(fa *ssa.FieldAddr) ssa.CallInstruction {
	if r.s == nil {
		return nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	ops := r.s.fieldOpsOf().of(fa)
	if ops == nil || ops.clockReset {
		return nil
	}
	return ops.clockStop
}

// ClockMethod returns the name of the *time.Ticker or *time.Timer method
// common calls, or "".
func ClockMethod(common *ssa.CallCommon) string {
	callee := common.StaticCallee()
	if callee == nil || len(common.Args) == 0 {
		return ""
	}
	if ptr, ok := common.Args[0].Type().Underlying().(*types.Pointer); ok &&
		(IsNamed(ptr.Elem(), "time", "Ticker") || IsNamed(ptr.Elem(), "time", "Timer")) {
		return callee.Name()
	}
	return ""
}

// RunsWithin reports whether fn runs as part of body: it is body, or a
// function of the package that body calls, directly or not (static calls
// only), or a literal inside one of those. A Stop there runs only once
// the goroutine is done waiting.
func (r *Result) RunsWithin(fn, body *ssa.Function) bool {
	if r.s == nil {
		return false
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.s.runsWithinBody(fn, body)
}

// runsWithinBody is RunsWithin with mu held.
func (s *state) runsWithinBody(fn, body *ssa.Function) bool {
	reach, ok := s.runsWithin[body]
	if !ok {
		// Memoized per body: a worker started at many go statements is
		// walked once. Over its budget the walk answers nil.
		reach = map[*ssa.Function]bool{}
		work := []*ssa.Function{body}
		cost := s.metered(func() {
			for len(work) > 0 && s.step() {
				f := work[len(work)-1]
				work = work[:len(work)-1]
				if reach[f] {
					continue
				}
				reach[f] = true
				for _, b := range f.Blocks {
					for _, instr := range b.Instrs {
						if call, ok := instr.(ssa.CallInstruction); ok {
							if callee := call.Common().StaticCallee(); callee != nil && callee.Pkg == f.Pkg && callee.Blocks != nil {
								work = append(work, callee)
							}
						}
					}
				}
			}
		})
		if cost.cut {
			reach = nil
		}
		if s.runsWithin == nil {
			s.runsWithin = map[*ssa.Function]map[*ssa.Function]bool{}
		}
		s.runsWithin[body] = reach
	}
	if reach == nil {
		return true // over budget: taken as the goroutine's own, which keeps the check silent
	}
	for x := fn; x != nil; x = x.Parent() {
		if reach[x] {
			return true
		}
	}
	return false
}
