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

// TickerStops returns, for each field of the package's types that holds
// a *time.Ticker, the first call in the package, in source order, that
// stops the ticker loaded from it (t.ticker.Stop()), unless the package
// also resets it. Stop does not close the ticker's C, so a goroutine
// still ranging over it never ends.
func (r *Result) TickerStops() map[FieldKey]ssa.CallInstruction {
	if r.s == nil {
		return nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.s.tickerStops == nil {
		r.s.tickerStops = map[FieldKey]ssa.CallInstruction{}
		reset := map[FieldKey]bool{}
		for _, fn := range r.s.funcs {
			for _, b := range fn.Blocks {
				for _, instr := range b.Instrs {
					call, ok := instr.(ssa.CallInstruction)
					if !ok {
						continue
					}
					switch tickerMethod(call.Common()) {
					case "Stop":
						if key, ok := FieldOf(call.Common().Args[0]); ok {
							if _, seen := r.s.tickerStops[key]; !seen {
								r.s.tickerStops[key] = call
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
		// A ticker that is reset after a Stop is paused, not ended: its
		// goroutine is meant to wait for the next tick.
		for key := range reset {
			delete(r.s.tickerStops, key)
		}
	}
	return r.s.tickerStops
}

// tickerMethod returns the name of the *time.Ticker method common calls,
// or "".
func tickerMethod(common *ssa.CallCommon) string {
	callee := common.StaticCallee()
	if callee == nil || len(common.Args) == 0 {
		return ""
	}
	if ptr, ok := common.Args[0].Type().Underlying().(*types.Pointer); ok && IsNamed(ptr.Elem(), "time", "Ticker") {
		return callee.Name()
	}
	return ""
}
