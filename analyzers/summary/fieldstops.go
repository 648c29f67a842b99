package summary

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// FieldKey names a struct field of the package's types: the struct (the
// named type, when it has one) and the field's index.
type FieldKey struct {
	Struct types.Type
	Field  int
}

// FieldOf returns the field that v is loaded from (*x.f), if it is one.
func FieldOf(v ssa.Value) (FieldKey, bool) {
	load, ok := v.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return FieldKey{}, false
	}
	fa, ok := load.X.(*ssa.FieldAddr)
	if !ok {
		return FieldKey{}, false
	}
	ptr, ok := fa.X.Type().Underlying().(*types.Pointer)
	if !ok {
		return FieldKey{}, false
	}
	return FieldKey{ptr.Elem(), fa.Field}, true
}

// ClockStops returns, for each field of the package's types that holds a
// *time.Ticker or a *time.Timer, the first call in the package, in source
// order, that stops the one loaded from it (t.ticker.Stop()), unless the
// package also resets it. Stop does not close C: a goroutine still
// waiting on it after the Stop never wakes.
func (r *Result) ClockStops() map[FieldKey]ssa.CallInstruction {
	if r.s == nil {
		return nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.s.clockStops == nil {
		r.s.clockStops = map[FieldKey]ssa.CallInstruction{}
		reset := map[FieldKey]bool{}
		for _, fn := range r.s.funcs {
			for _, b := range fn.Blocks {
				for _, instr := range b.Instrs {
					call, ok := instr.(ssa.CallInstruction)
					if !ok {
						continue
					}
					switch clockMethod(call.Common()) {
					case "Stop":
						if key, ok := FieldOf(call.Common().Args[0]); ok {
							if _, seen := r.s.clockStops[key]; !seen {
								r.s.clockStops[key] = call
							}
						}
					case "Reset":
						if key, ok := FieldOf(call.Common().Args[0]); ok {
							reset[key] = true
						}
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
	return r.s.clockStops
}

// clockMethod returns the name of the *time.Ticker or *time.Timer method
// common calls, or "".
func clockMethod(common *ssa.CallCommon) string {
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
	reach, ok := r.s.runsWithin[body]
	if !ok {
		reach = map[*ssa.Function]bool{}
		work := []*ssa.Function{body}
		for len(work) > 0 {
			f := work[len(work)-1]
			work = work[:len(work)-1]
			if reach[f] {
				continue
			}
			reach[f] = true
			for _, b := range f.Blocks {
				for _, instr := range b.Instrs {
					call, ok := instr.(ssa.CallInstruction)
					if !ok {
						continue
					}
					if callee := call.Common().StaticCallee(); callee != nil && callee.Pkg == f.Pkg && callee.Blocks != nil {
						work = append(work, callee)
					}
				}
			}
		}
		if r.s.runsWithin == nil {
			r.s.runsWithin = map[*ssa.Function]map[*ssa.Function]bool{}
		}
		r.s.runsWithin[body] = reach // a worker started at many go statements is walked once
	}
	for x := fn; x != nil; x = x.Parent() {
		if reach[x] {
			return true
		}
	}
	return false
}
