package summary

import (
	"fmt"
	"slices"
	"strings"
)

// Summary is what callers need to know about a function.
type Summary struct {
	// Results has one entry per result; nil when no result is a future.
	Results []Future
	// Params has one entry per parameter, receiver first; nil when the
	// function does nothing of note with any of them.
	Params []Effect
	// FreeVars has one entry per free variable of a closure (in-package only).
	FreeVars []Effect
	// CancelAware: the function observes its ctx (Done, Err) or passes it
	// to a callee known to. False means "not shown", not "ignores ctx".
	CancelAware bool
	// Spawns: the function starts goroutines, directly or through callees.
	Spawns bool
	// SpawnsAlways: it starts one on every path that returns (a go
	// statement, or a call of a function that does, outside loops and
	// before each return), so a caller knows the goroutine is running.
	SpawnsAlways bool
	// Marked: the function has a //scopevet:mustawait directive.
	Marked bool
	// Fresh has one entry per result, true for a new object that the
	// function keeps no reference to; nil when none is.
	Fresh []bool
	// MadeChans has one entry per result: the buffer of a channel the
	// function makes with a constant size, or gets from a helper that
	// does, and returns without using it, so that the caller holds it as
	// if it had made it; -1 for any other result. Nil when none is.
	MadeChans []int64
	// Resends has one entry per parameter (receiver first), true when
	// the function's own body may send on that channel more than once
	// in one call: twice on one path, or in a loop. Nil when none does.
	Resends []bool
}

// Always reports whether the function starts a goroutine on every path
// that returns (SpawnsAlways).
func (s *Summary) Always() bool { return s != nil && s.SpawnsAlways }

// SendsAgain reports whether the function may send more than once on
// parameter i in one call.
func (s *Summary) SendsAgain(i int) bool {
	return s != nil && i >= 0 && i < len(s.Resends) && s.Resends[i]
}

// MadeChan returns the buffer of result i when it is a channel made for
// the caller (see MadeChans), or -1.
func (s *Summary) MadeChan(i int) int64 {
	if s == nil || i < 0 || i >= len(s.MadeChans) {
		return -1
	}
	return s.MadeChans[i]
}

// IsFresh reports whether result i is a new object only the caller holds.
func (s *Summary) IsFresh(i int) bool {
	return s != nil && i >= 0 && i < len(s.Fresh) && s.Fresh[i]
}

// Result returns the future description of result i.
func (s *Summary) Result(i int) Future {
	if s == nil || i < 0 || i >= len(s.Results) {
		return Future{}
	}
	return s.Results[i]
}

// Capture is the effect on capture i of a goroutine whose body this
// summary is: its free variables come first, then its parameters.
func (s *Summary) Capture(site SpawnSite, i int) Effect {
	if nfree := len(site.Body.FreeVars); i < nfree {
		return s.FreeVar(i)
	}
	return s.Param(i - len(site.Body.FreeVars))
}

// Param returns the effect on parameter i (receiver first).
func (s *Summary) Param(i int) Effect {
	if s == nil || i < 0 || i >= len(s.Params) {
		return 0
	}
	return s.Params[i]
}

// FreeVar returns the effect on free variable i of a closure.
func (s *Summary) FreeVar(i int) Effect {
	if s == nil || i < 0 || i >= len(s.FreeVars) {
		return 0
	}
	return s.FreeVars[i]
}

// HasFuture reports whether any result is a future.
func (s *Summary) HasFuture() bool {
	for _, r := range s.Results {
		if r.IsFuture() {
			return true
		}
	}
	return false
}

// worthAFact reports whether a caller learns anything from the summary
// that it does not assume of a function with no fact: a flag or a future,
// or some parameter that neither is left alone (0) nor escapes. A
// function with no fact lets every argument escape, and most exported
// functions of most packages say just that, or nothing; a fact is
// decoded again by every package above, so none is exported for them.
func (s *Summary) worthAFact() bool {
	if s.CancelAware || s.Spawns || s.SpawnsAlways || s.Marked || s.HasFuture() || s.Fresh != nil || s.MadeChans != nil || s.Resends != nil {
		return true
	}
	return slices.ContainsFunc(s.Params, func(e Effect) bool { return e != 0 }) &&
		slices.ContainsFunc(s.Params, func(e Effect) bool { return e != Escapes })
}

// matters reports whether a caller's package needs summarizing because
// it calls this function: it returns a future, arms an argument, or runs
// an argument in a goroutine.
func (s *Summary) matters() bool {
	if s.Marked || s.HasFuture() {
		return true
	}
	for _, e := range s.Params {
		if e&(Arms|RunsAsync) != 0 {
			return true
		}
	}
	return false
}

// funcFact carries a function's summary to importing packages. It holds
// slices only, so that its gob encoding is deterministic.
type funcFact struct {
	Results     []Future
	Params      []Effect
	CancelAware bool
	Spawns      bool
	Always      bool
	Marked      bool
	Fresh       []bool
	MadeChans   []int64
	Resends     []bool
}

func (*funcFact) AFact() {}

func (f *funcFact) String() string {
	var b strings.Builder
	b.WriteString("summary(")
	var parts []string
	if len(f.Results) > 0 {
		rs := make([]string, len(f.Results))
		for i, r := range f.Results {
			rs[i] = r.String()
		}
		parts = append(parts, "results=["+strings.Join(rs, " ")+"]")
	}
	if len(f.Params) > 0 {
		ps := make([]string, len(f.Params))
		for i, p := range f.Params {
			ps[i] = p.String()
		}
		parts = append(parts, "params=["+strings.Join(ps, " ")+"]")
	}
	if len(f.MadeChans) > 0 {
		cs := make([]string, len(f.MadeChans))
		for i, c := range f.MadeChans {
			cs[i] = "-"
			if c >= 0 {
				cs[i] = fmt.Sprint(c)
			}
		}
		parts = append(parts, "chans=["+strings.Join(cs, " ")+"]")
	}
	for _, flag := range []struct {
		on   bool
		name string
	}{{f.CancelAware, "cancelaware"}, {f.Spawns, "spawns"}, {f.Always, "always"}, {f.Marked, "marked"}, {f.Fresh != nil, "fresh"}, {f.Resends != nil, "resends"}} {
		if flag.on {
			parts = append(parts, flag.name)
		}
	}
	b.WriteString(strings.Join(parts, " "))
	b.WriteString(")")
	return b.String()
}

func factOf(s *Summary) *funcFact {
	f := &funcFact{CancelAware: s.CancelAware, Spawns: s.Spawns, Always: s.SpawnsAlways, Marked: s.Marked, Fresh: s.Fresh, MadeChans: s.MadeChans, Resends: s.Resends}
	if s.HasFuture() {
		f.Results = append([]Future(nil), s.Results...)
	}
	for _, e := range s.Params {
		if e != 0 {
			f.Params = append([]Effect(nil), s.Params...)
			break
		}
	}
	return f
}

func (f *funcFact) summary() *Summary {
	return &Summary{Results: f.Results, Params: f.Params, CancelAware: f.CancelAware, Spawns: f.Spawns, SpawnsAlways: f.Always, Marked: f.Marked, Fresh: f.Fresh, MadeChans: f.MadeChans, Resends: f.Resends}
}

var _ fmt.Stringer = (*funcFact)(nil)
