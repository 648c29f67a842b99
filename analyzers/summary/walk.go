package summary

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// maxWalkSteps bounds the use-graph walk for one value; past it the
// value is treated as escaping, which keeps every check silent.
const maxWalkSteps = 4000

// maxDepth bounds the nesting of walks and summaries, so that a long
// chain of closures or calls cannot exhaust the stack.
const maxDepth = 200

// walker follows the uses of one value through aliases and parts to
// find what a function does with it.
type walker struct {
	s *state
	// returnsAre is the effect of returning the value: Escapes when asking
	// what a callee does with a parameter, 0 when asking whether a
	// returned value is a future.
	returnsAre Effect
	seen       map[ssa.Value]bool
	containers map[ssa.Value]bool
	steps      int
}

func (s *state) newWalker(returnsAre Effect) *walker {
	return &walker{s: s, returnsAre: returnsAre, seen: map[ssa.Value]bool{}, containers: map[ssa.Value]bool{}}
}

// effectOf returns the union of the effects of every use of v and of its aliases.
func (w *walker) effectOf(v ssa.Value) Effect {
	if w.s.depth++; w.s.depth > maxDepth {
		w.s.depth--
		return Escapes
	}
	defer func() { w.s.depth-- }()
	var e Effect
	for _, a := range w.aliases(v) {
		if w.seen[a] {
			continue
		}
		w.seen[a] = true
		refs := a.Referrers()
		if refs == nil {
			continue
		}
		for _, ref := range *refs {
			if w.steps++; w.steps > maxWalkSteps || !w.s.step() {
				return Escapes
			}
			e |= w.useEffect(a, ref)
		}
	}
	return e
}

// aliases returns v and the values that hold the same object in v's
// function: direction changes, phis, and local variables v is stored in
// (with their loads).
func (w *walker) aliases(v ssa.Value) []ssa.Value {
	out := []ssa.Value{v}
	inOut := map[ssa.Value]bool{v: true}
	add := func(x ssa.Value) {
		if !inOut[x] {
			inOut[x] = true
			out = append(out, x)
		}
	}
	for i := 0; i < len(out) && i < 256; i++ {
		x := out[i]
		refs := x.Referrers()
		if refs == nil {
			continue
		}
		for _, ref := range *refs {
			if !w.s.step() {
				return out // over budget: the walk that asked sees an escape
			}
			switch u := ref.(type) {
			case *ssa.ChangeType:
				add(u)
			case *ssa.Phi:
				add(u)
			case *ssa.Store:
				if alloc, ok := u.Addr.(*ssa.Alloc); ok && u.Val == x {
					w.containers[alloc] = true
					add(alloc)
				}
			case *ssa.UnOp:
				if u.Op == token.MUL && w.containers[x] {
					add(u)
				}
			}
		}
	}
	return out
}

// useEffect returns the effect of one instruction on v. Instructions
// that only make an alias of v count for nothing: the walk visits the
// alias itself.
func (w *walker) useEffect(v ssa.Value, ref ssa.Instruction) Effect {
	if w.containers[v] {
		return w.containerUse(v, ref)
	}
	switch u := ref.(type) {
	case *ssa.DebugRef, *ssa.BinOp, *ssa.If, *ssa.Panic, *ssa.Range, *ssa.Next, *ssa.ChangeType, *ssa.Phi:
		return 0
	case *ssa.UnOp:
		switch u.Op {
		case token.ARROW:
			return Awaits | PlainAwaits
		case token.MUL:
			return w.effectOf(u)
		}
		return 0
	case *ssa.Send:
		if u.Chan == v {
			return Sends
		}
		return Escapes
	case *ssa.Select:
		return selectEffect(v, u)
	case ssa.CallInstruction:
		return w.callEffect(v, u)
	case *ssa.Return:
		return w.returnsAre
	case *ssa.Store:
		if u.Addr == v {
			return 0
		}
		if _, ok := u.Addr.(*ssa.Alloc); ok {
			return 0 // an alias: aliases() follows the variable
		}
		return Escapes
	case *ssa.FieldAddr:
		return w.effectOf(u) // a part of v: what is done to it is done to v
	case *ssa.Field:
		return w.effectOf(u)
	case *ssa.IndexAddr:
		if u.X == v {
			return w.effectOf(u)
		}
		return 0
	case *ssa.Index:
		if u.X == v {
			return w.effectOf(u)
		}
		return 0
	case *ssa.Lookup:
		if u.X == v {
			return w.effectOf(u)
		}
		return 0
	case *ssa.Slice:
		return w.effectOf(u)
	case *ssa.Extract, *ssa.TypeAssert, *ssa.Convert:
		return w.effectOf(u.(ssa.Value))
	case *ssa.MakeClosure:
		var e Effect
		for i, b := range u.Bindings {
			if b == v {
				e |= w.bindingEffect(u, i)
			}
		}
		return e
	case *ssa.MapUpdate:
		if u.Map == v {
			return 0
		}
		return Escapes
	}
	return Escapes
}

// containerUse is useEffect for a local variable that holds v.
func (w *walker) containerUse(c ssa.Value, ref ssa.Instruction) Effect {
	switch u := ref.(type) {
	case *ssa.DebugRef, *ssa.Store:
		return 0
	case *ssa.UnOp:
		if u.Op == token.MUL {
			return 0 // a load: an alias, visited by the walk
		}
	case *ssa.MakeClosure:
		var e Effect
		for i, b := range u.Bindings {
			if b == c {
				e |= w.bindingEffect(u, i)
			}
		}
		return e
	}
	return Escapes
}

// selectEffect is useEffect for a select statement.
func selectEffect(v ssa.Value, sel *ssa.Select) Effect {
	var e Effect
	for _, st := range sel.States {
		if st.Send == v {
			e |= Escapes
		}
		if st.Chan != v {
			continue
		}
		switch {
		case st.Dir == types.RecvOnly:
			e |= Awaits
			if sel.Blocking && len(sel.States) == 1 {
				e |= PlainAwaits // a select of this one receive
			}
		case isGuardedSelect(sel):
			e |= GuardedSends
		default:
			e |= Sends
		}
	}
	return e
}

// isGuardedSelect reports whether a select can proceed without its sends:
// it has a default or a receive case (cancellation, timeout, stop channel).
func isGuardedSelect(sel *ssa.Select) bool {
	if !sel.Blocking {
		return true
	}
	for _, st := range sel.States {
		if st.Dir == types.RecvOnly {
			return true
		}
	}
	return false
}

// callEffect is useEffect for a call, go or defer that uses v.
func (w *walker) callEffect(v ssa.Value, call ssa.CallInstruction) Effect {
	common := call.Common()
	var e Effect
	if common.Value == v {
		if common.IsInvoke() {
			e |= invokeEffect(common)
		} else {
			e |= Awaits | Calls
		}
	}
	for i, arg := range common.Args {
		if arg != v {
			continue
		}
		idx := i
		if common.IsInvoke() {
			idx++ // Params has the receiver first
		}
		if IsSelfPass(call, idx) {
			continue // the recursion does what this walk already sees
		}
		arg := w.s.argEffect(common, idx)
		if idx == 0 && arg&Arms != 0 && w.forwardsJoin(common) {
			arg &^= Arms // the stored group's owner joins the work
		}
		e |= arg
	}
	if g, ok := call.(*ssa.Go); ok && !w.s.joinedBeforeReturn(g) {
		e = e.async()
	}
	return e
}

// IsSelfPass reports whether call runs the function it is in and hands
// it that function's own parameter i in the same place, unchanged: the
// recursion does with the parameter what the function itself does.
func IsSelfPass(call ssa.CallInstruction, i int) bool {
	common := call.Common()
	self := call.Parent()
	if common.IsInvoke() || self == nil || i >= len(common.Args) || i >= len(self.Params) {
		return false
	}
	fn := common.StaticCallee()
	return fn != nil && origin(fn) == origin(self) && common.Args[i] == self.Params[i]
}

// origin returns the generic function fn instantiates, or fn.
func origin(fn *ssa.Function) *ssa.Function {
	if o := fn.Origin(); o != nil {
		return o
	}
	return fn
}

// invokeEffect is the effect of calling an interface method on v.
func invokeEffect(common *ssa.CallCommon) Effect {
	if pkg := common.Method.Pkg(); pkg != nil && pkg.Path() == "context" {
		return 0
	}
	return Escapes
}

// argEffect returns what the callee of common does with its parameter idx
// (receiver first); Escapes when the callee is unknown.
func (s *state) argEffect(common *ssa.CallCommon, idx int) Effect {
	if b, ok := common.Value.(*ssa.Builtin); ok {
		switch b.Name() {
		case "close":
			return Closes
		case "len", "cap", "print", "println", "copy", "delete", "clear", "min", "max":
			return 0
		}
		return Escapes
	}
	sum := s.calleeSummary(common)
	if sum == nil {
		return Escapes
	}
	return sum.Param(idx)
}

// bindingEffect returns what a closure does with its free variable i,
// given how the closure itself is used.
func (w *walker) bindingEffect(mc *ssa.MakeClosure, i int) Effect {
	fn, ok := mc.Fn.(*ssa.Function)
	if !ok {
		return Escapes
	}
	sum := w.s.summarize(fn)
	if sum == nil || i >= len(sum.FreeVars) {
		return Escapes
	}
	inner := sum.FreeVars[i]
	// How the closure value is used: called here, run in a goroutine, or let go.
	if w.s.closureBusy[mc] {
		return Escapes // a closure that reaches itself
	}
	w.s.closureBusy[mc] = true
	use := w.s.newWalker(w.returnsAre).effectOf(mc)
	delete(w.s.closureBusy, mc)
	var e Effect
	if use&Calls != 0 {
		e |= inner
	}
	if use&RunsAsync != 0 {
		e |= inner.async()
	}
	if use&Escapes != 0 && inner != 0 {
		e |= Escapes
	}
	return e
}
