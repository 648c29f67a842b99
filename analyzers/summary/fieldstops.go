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

// fieldLoad returns the field address v is loaded from (*x.f), or nil.
func fieldLoad(v ssa.Value) *ssa.FieldAddr {
	if load, ok := v.(*ssa.UnOp); ok && load.Op == token.MUL {
		fa, _ := load.X.(*ssa.FieldAddr)
		return fa
	}
	return nil
}

// ClockStopOf returns, when fa addresses a field of the package's types
// that holds a *time.Ticker or a *time.Timer, the first call in the
// package, in source order, that stops the one loaded from it
// (t.ticker.Stop()), unless the package also resets it; nil otherwise.
// Stop does not close C: a goroutine still waiting on it after the Stop
// never wakes.
func (r *Result) ClockStopOf(fa *ssa.FieldAddr) ssa.CallInstruction {
	key, ok := keyOf(fa)
	if r.s == nil || !ok {
		return nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.s.clockStops == nil {
		r.s.clockStops = map[fieldKey]ssa.CallInstruction{}
		reset := map[fieldKey]bool{}
		for _, fn := range r.s.funcs {
			for _, b := range fn.Blocks {
				for _, instr := range b.Instrs {
					call, ok := instr.(ssa.CallInstruction)
					if !ok {
						continue
					}
					name := ClockMethod(call.Common())
					if name == "" {
						continue
					}
					fa := fieldLoad(call.Common().Args[0])
					if fa == nil {
						continue
					}
					key, ok := keyOf(fa)
					switch {
					case !ok:
					case name == "Stop" && r.s.clockStops[key] == nil:
						r.s.clockStops[key] = call
					case name == "Reset":
						reset[key] = true
					}
				}
			}
		}
		// A clock that is reset after a Stop is paused, not ended: its
		// goroutine is meant to wait for the next tick.
		for key := range reset {
			delete(r.s.clockStops, key)
		}
	}
	return r.s.clockStops[key]
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
