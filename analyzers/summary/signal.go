package summary

import (
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// CarriesSignal reports whether a channel's values only signal: a Done
// method's channel, a timer's, or one of struct{}, bool, os.Signal or
// time.Time (time.After and friends).
func (r *Result) CarriesSignal(ch ssa.Value) bool {
	if r.s == nil {
		return false
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.s.carriesSignal(ch)
}

func (s *state) carriesSignal(ch ssa.Value) bool {
	v := s.canonical(ch)
	if isDoneCall(v) {
		return true
	}
	if IsTimerC(v) {
		return true
	}
	t, ok := ch.Type().Underlying().(*types.Chan)
	if !ok {
		return false
	}
	if IsNamed(t.Elem(), "os", "Signal") || IsNamed(t.Elem(), "time", "Time") {
		return true
	}
	switch e := t.Elem().Underlying().(type) {
	case *types.Struct:
		return e.NumFields() == 0
	case *types.Basic:
		return e.Kind() == types.Bool
	}
	return false
}

// IsTimerC reports whether v loads the C field of a time.Timer or
// time.Ticker.
func IsTimerC(v ssa.Value) bool {
	fa := fieldLoad(v)
	if fa == nil {
		return false
	}
	ptr, ok := fa.X.Type().Underlying().(*types.Pointer)
	return ok && (IsNamed(ptr.Elem(), "time", "Timer") || IsNamed(ptr.Elem(), "time", "Ticker"))
}

// SignalFunc returns "Notify" or "Stop" for a call of os/signal's
// function of that name, "" otherwise. Notify makes the runtime send on
// its channel and Stop ends the sends; neither ever closes it.
func SignalFunc(common *ssa.CallCommon) string {
	callee := common.StaticCallee()
	if callee == nil || callee.Pkg == nil || callee.Pkg.Pkg.Path() != "os/signal" {
		return ""
	}
	switch callee.Name() {
	case "Notify", "Stop":
		return callee.Name()
	}
	return ""
}

// isDoneCall reports whether v is the result of a Done method (a
// context's, or any type's with that name).
func isDoneCall(v ssa.Value) bool {
	call, ok := v.(*ssa.Call)
	if !ok {
		return false
	}
	common := call.Common()
	if common.IsInvoke() {
		return common.Method.Name() == "Done"
	}
	fn := common.StaticCallee()
	return fn != nil && fn.Name() == "Done"
}
