package leakedspawn

import (
	"fmt"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/scopevet/scopevet/analyzers/flow"
	"github.com/scopevet/scopevet/analyzers/summary"
)

// borrowed reports a goroutine that goes on using something that belongs
// to its spawner's caller and stops being valid when the spawner returns:
// an HTTP handler's ResponseWriter, request body or request context, a
// test's *testing.T, or a slice parameter or pooled buffer it writes into.
func (c *checker) borrowed(fn *ssa.Function, site summary.SpawnSite) *finding {
	for i, capture := range site.Captures {
		held := c.res.HeldValue(capture)
		if f := c.borrowedParam(fn, site, i, held); f != nil {
			return f
		}
		if f := c.requestContext(fn, site, i, held); f != nil {
			return f
		}
		if f := c.pooledBuffer(fn, site, i, held); f != nil {
			return f
		}
	}
	return nil
}

// borrowedParam handles captures that are the spawner's own parameters.
func (c *checker) borrowedParam(fn *ssa.Function, site summary.SpawnSite, i int, held ssa.Value) *finding {
	if mi, ok := held.(*ssa.MakeInterface); ok {
		held = c.res.HeldValue(mi.X)
	}
	p, ok := held.(*ssa.Parameter)
	if !ok || p.Parent() != fn {
		return nil
	}
	bv, cell := site.BodyValue(i)
	scope := scopeName(fn)
	switch {
	case summary.IsNamed(p.Type(), "net/http", "ResponseWriter") && hasRequestParam(fn) && !c.hijacked(p, site.Instr):
		use := firstUse(bv, cell, anyUse)
		if use == nil && bv == nil {
			use = site.Instr // handed to a goroutine we cannot see into
		}
		if use != nil {
			return c.found(use, fmt.Sprintf("goroutine uses %s after %s returns; the response is already finished", p.Name(), scope), "used here")
		}
	case isPointerTo(p.Type(), "net/http", "Request") && hasWriterParam(fn):
		if use := firstUse(bv, cell, c.readsRequestBody); use != nil {
			return c.found(use, fmt.Sprintf("goroutine reads %s's body or context after %s returns; the server has closed the body and canceled the context", p.Name(), scope), "used here")
		}
	case isTestingT(p.Type()) && (c.strict || !site.ObservesCancel && c.neverReturns(site.Body)):
		// By default only a goroutine that can never finish: one that does
		// finish is usually waited for through its effect (the message it
		// publishes, the file it writes), which the CFG cannot see.
		if use := firstUse(bv, cell, usesT); use != nil {
			return c.found(use, fmt.Sprintf("goroutine uses %s after %s returns and nothing joins it; %s.Log or %s.Error after the test completes panics", p.Name(), scope, p.Name(), p.Name()), "used here")
		}
	case isSlice(p.Type()) && !isReceiver(fn, p):
		if use := firstUse(bv, cell, writesInto); use != nil {
			return c.found(use, fmt.Sprintf("goroutine writes into %s after %s returns; the caller owns %s again by then", p.Name(), scope, p.Name()), "written here")
		}
	}
	return nil
}

// requestContext handles a capture that is the request's context, or a
// context derived from it, which the goroutine hands to cancelable work.
func (c *checker) requestContext(fn *ssa.Function, site summary.SpawnSite, i int, held ssa.Value) *finding {
	if !c.isRequestContext(fn, held, 0) || c.returnsAfterDone(fn, site.Instr, held) {
		return nil
	}
	bv, cell := site.BodyValue(i)
	if bv == nil || leavesOnDone(site, i) {
		return nil
	}
	// go work(ctx): the goroutine is the cancelable work itself.
	if body := site.Body; i >= len(body.FreeVars) && body.Parent() == nil {
		if sum := c.res.Of(body); sum != nil && sum.CancelAware {
			return c.found(site.Instr, fmt.Sprintf("goroutine passes the request's context to %s after %s returns; the server cancels it then, so the work fails", body.Name(), scopeName(fn)), "passed here")
		}
	}
	var callee string
	use := firstUse(bv, cell, func(v ssa.Value, instr ssa.Instruction) bool {
		call, ok := instr.(ssa.CallInstruction)
		if !ok || call.Common().IsInvoke() {
			return false
		}
		for _, arg := range call.Common().Args {
			if arg == v {
				if sum := c.res.Callee(call.Common()); sum != nil && sum.CancelAware {
					callee = call.Common().StaticCallee().Name()
					return true
				}
			}
		}
		return false
	})
	if use == nil {
		return nil
	}
	return c.found(use, fmt.Sprintf("goroutine passes the request's context to %s after %s returns; the server cancels it then, so the work fails", callee, scopeName(fn)), "passed here")
}

// leavesOnDone reports whether the goroutine leaves on ctx.Done() of its
// capture i: a pinger or watcher meant to end with the request, which the
// cancel stops by design.
func leavesOnDone(site summary.SpawnSite, i int) bool {
	for _, op := range site.Ops {
		if sel, ok := op.Instr.(*ssa.Select); ok && op.Cancel >= 0 && op.Cancel < len(sel.States) &&
			site.CaptureOf(summary.DoneReceiver(sel.States[op.Cancel].Chan)) == i {
			return true
		}
	}
	return false
}

// returnsAfterDone reports whether every path from at to a return of fn
// first waits for ctx.Done(): the spawner returns only once ctx is
// canceled, so the goroutine's work on ctx ends with the context, before
// the return, not because of it (a websocket handler that serves until
// the connection's context ends).
func (c *checker) returnsAfterDone(fn *ssa.Function, at ssa.Instruction, ctx ssa.Value) bool {
	waits := map[ssa.Instruction]bool{}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			recv, ok := instr.(*ssa.UnOp)
			if !ok || recv.Op != token.ARROW {
				continue
			}
			if x := summary.DoneReceiver(recv.X); x != nil && c.res.HeldValue(x) == ctx {
				waits[instr] = true
			}
		}
	}
	return len(waits) > 0 && flow.LeakingReturn(c.res, at, waits, nil) == nil
}

// pooledBuffer handles a capture that the spawner puts back into a
// sync.Pool while the goroutine may still write into it.
func (c *checker) pooledBuffer(fn *ssa.Function, site summary.SpawnSite, i int, held ssa.Value) *finding {
	put := c.poolPut(fn, held)
	if put == nil {
		return nil
	}
	bv, cell := site.BodyValue(i)
	use := firstUse(bv, cell, writesInto)
	if use == nil {
		return nil
	}
	f := c.found(use, "goroutine writes into a buffer that is put back into its sync.Pool; the next Get hands it out while it is still being written", "written here")
	f.related = append(f.related, analysis.RelatedInformation{Pos: put.Pos(), Message: "put back here"})
	return f
}

// poolPut returns a call in fn that puts v into a sync.Pool. It reads
// v's uses, not all of fn: it is asked once per goroutine.
func (c *checker) poolPut(fn *ssa.Function, v ssa.Value) ssa.CallInstruction {
	for _, u := range c.res.Uses(v) {
		calls := []ssa.Instruction{u.Instr}
		if mi, ok := u.Instr.(*ssa.MakeInterface); ok {
			calls = *mi.Referrers()
		}
		for _, instr := range calls {
			call, ok := instr.(ssa.CallInstruction)
			if !ok || call.Parent() != fn {
				continue
			}
			callee := call.Common().StaticCallee()
			if callee == nil || callee.Name() != "Put" || !isRecvNamed(callee, "sync", "Pool") || len(call.Common().Args) != 2 {
				continue
			}
			arg := call.Common().Args[1]
			if mi, ok := arg.(*ssa.MakeInterface); ok {
				arg = mi.X
			}
			if c.res.Canonical(arg) == v {
				return call
			}
		}
	}
	return nil
}

func (c *checker) found(use ssa.Instruction, msg, what string) *finding {
	f := &finding{msg: msg}
	if pos := use.Pos(); pos.IsValid() {
		f.related = []analysis.RelatedInformation{{Pos: pos, Message: what}}
	}
	return f
}

// firstUse returns the first instruction for which match holds, or nil.
func firstUse(v ssa.Value, cell bool, match func(v ssa.Value, instr ssa.Instruction) bool) ssa.Instruction {
	if v == nil {
		return nil
	}
	var found ssa.Instruction
	forEachUse(v, cell, func(v ssa.Value, instr ssa.Instruction) bool {
		if match(v, instr) {
			found = instr
			return true
		}
		return false
	})
	return found
}

func anyUse(ssa.Value, ssa.Instruction) bool { return true }

// readsRequestBody matches reading the request body (directly or through
// form parsing) or asking for the request's context.
func (c *checker) readsRequestBody(v ssa.Value, instr ssa.Instruction) bool {
	switch u := instr.(type) {
	case *ssa.FieldAddr:
		return u.X == v && summary.FieldName(u.X.Type(), u.Field) == "Body"
	case ssa.CallInstruction:
		callee := u.Common().StaticCallee()
		if callee == nil || !isRecvNamed(callee, "net/http", "Request") || len(u.Common().Args) == 0 || u.Common().Args[0] != v {
			return false
		}
		switch callee.Name() {
		case "Context":
			call, ok := u.(*ssa.Call)
			return !ok || !onlyWatches(call) && c.cancelable(call, 0)
		case "FormValue", "PostFormValue", "ParseForm", "ParseMultipartForm", "FormFile", "MultipartReader":
			return true
		}
	}
	return false
}

// cancelable reports whether ctx reaches, directly or through contexts
// derived from it, a callee that gives up when it is canceled: only then
// does the server's cancel make the work fail. A context read only for
// its values (a logger's trace ID) is no use of its cancel.
func (c *checker) cancelable(ctx ssa.Value, depth int) bool {
	if depth > 3 {
		return false
	}
	for _, ref := range *ctx.Referrers() {
		call, ok := ref.(ssa.CallInstruction)
		if !ok || call.Common().Value == ctx || summary.DetachesCancel(call) {
			continue
		}
		if sum := c.res.Callee(call.Common()); sum != nil && sum.CancelAware {
			return true
		}
		// A context built from ctx (context.WithTimeout, a wrapper that
		// embeds it) carries its cancel on.
		if v, ok := call.(*ssa.Call); ok {
			if derived := contextResult(v); derived != nil && c.cancelable(derived, depth+1) {
				return true
			}
		}
	}
	return false
}

// contextResult returns the context.Context that call returns, alone or
// first, or nil.
func contextResult(call *ssa.Call) ssa.Value {
	if results := call.Call.Signature().Results(); results.Len() == 0 || !summary.IsNamed(results.At(0).Type(), "context", "Context") {
		return nil
	}
	return flow.ResultValue(call, 0)
}

// onlyWatches reports whether the request's context is only asked Done
// or Err: a goroutine that waits for the request to end is told so when
// the handler returns, which is what it waits for. Handing it to a
// context that keeps its values but not its cancel is no use of it either.
func onlyWatches(ctx *ssa.Call) bool {
	for _, ref := range *ctx.Referrers() {
		if _, ok := ref.(*ssa.DebugRef); ok {
			continue
		}
		if call, ok := ref.(ssa.CallInstruction); ok && call.Common().Value != ctx && summary.DetachesCancel(call) {
			continue
		}
		call, ok := ref.(ssa.CallInstruction)
		if !ok || !call.Common().IsInvoke() || call.Common().Value != ctx {
			return false
		}
		if name := call.Common().Method.Name(); name != "Done" && name != "Err" {
			return false
		}
	}
	return true
}

// usesT matches any use of a *testing.T that is not safe after the test
// completes (everything but Name and Helper).
func usesT(v ssa.Value, instr ssa.Instruction) bool {
	if call, ok := instr.(ssa.CallInstruction); ok {
		if callee := call.Common().StaticCallee(); callee != nil {
			switch callee.Name() {
			case "Name", "Helper":
				return false
			}
		}
	}
	return true
}

// writesInto matches an instruction that writes into the slice v: an
// element store, copy into it, or a Read into it.
func writesInto(v ssa.Value, instr ssa.Instruction) bool {
	switch u := instr.(type) {
	case *ssa.IndexAddr:
		if u.X != v || u.Referrers() == nil {
			return false
		}
		for _, ref := range *u.Referrers() {
			if st, ok := ref.(*ssa.Store); ok && st.Addr == u {
				return true
			}
		}
	case ssa.CallInstruction:
		common := u.Common()
		if b, ok := common.Value.(*ssa.Builtin); ok {
			return b.Name() == "copy" && len(common.Args) == 2 && common.Args[0] == v
		}
		name := ""
		if common.IsInvoke() {
			name = common.Method.Name()
		} else if callee := common.StaticCallee(); callee != nil {
			name = callee.Name()
			if callee.Pkg != nil && callee.Pkg.Pkg.Path() == "io" && (name == "ReadFull" || name == "ReadAtLeast") {
				return len(common.Args) > 1 && common.Args[1] == v
			}
			if callee.Signature.Recv() == nil {
				return false
			}
		}
		if name == "Read" || name == "ReadAt" {
			args := common.Args
			if !common.IsInvoke() && len(args) > 0 {
				args = args[1:]
			}
			return len(args) > 0 && args[0] == v
		}
	}
	return false
}

// isRequestContext reports whether v is r.Context() for the spawner's
// request r, or a context derived from it with context.With*.
func (c *checker) isRequestContext(fn *ssa.Function, v ssa.Value, depth int) bool {
	if depth > 8 {
		return false
	}
	if ex, ok := v.(*ssa.Extract); ok && ex.Index == 0 {
		v = ex.Tuple
	}
	call, ok := v.(*ssa.Call)
	if !ok || call.Parent() != fn {
		return false
	}
	callee := call.Common().StaticCallee()
	if callee == nil || len(call.Common().Args) == 0 {
		return false
	}
	arg := c.res.HeldValue(call.Common().Args[0])
	switch {
	case callee.Name() == "Context" && isRecvNamed(callee, "net/http", "Request"):
		p, ok := arg.(*ssa.Parameter)
		return ok && p.Parent() == fn && hasWriterParam(fn)
	case callee.Pkg != nil && callee.Pkg.Pkg.Path() == "context" && callee.Signature.Recv() == nil:
		switch callee.Name() {
		case "WithCancel", "WithTimeout", "WithDeadline", "WithValue", "WithCancelCause", "WithTimeoutCause", "WithDeadlineCause":
			return c.isRequestContext(fn, arg, depth+1)
		}
	}
	return false
}

func hasRequestParam(fn *ssa.Function) bool {
	for _, p := range fn.Params {
		if isPointerTo(p.Type(), "net/http", "Request") {
			return true
		}
	}
	return false
}

func hasWriterParam(fn *ssa.Function) bool {
	for _, p := range fn.Params {
		if summary.IsNamed(p.Type(), "net/http", "ResponseWriter") {
			return true
		}
	}
	return false
}

func isReceiver(fn *ssa.Function, p *ssa.Parameter) bool {
	return fn.Signature.Recv() != nil && len(fn.Params) > 0 && fn.Params[0] == p
}

func isSlice(t types.Type) bool {
	_, ok := t.Underlying().(*types.Slice)
	return ok
}

func isTestingT(t types.Type) bool {
	for _, name := range []string{"T", "B", "F"} {
		if isPointerTo(t, "testing", name) {
			return true
		}
	}
	return summary.IsNamed(t, "testing", "TB")
}

func isPointerTo(t types.Type, pkg, name string) bool {
	p, ok := types.Unalias(t).(*types.Pointer)
	return ok && summary.IsNamed(p.Elem(), pkg, name)
}

// isRecvNamed reports whether fn is a method of pkg.name or *pkg.name.
func isRecvNamed(fn *ssa.Function, pkg, name string) bool {
	recv := fn.Signature.Recv()
	if recv == nil {
		return false
	}
	return summary.IsNamed(recv.Type(), pkg, name) || isPointerTo(recv.Type(), pkg, name)
}

// hijacked reports whether the handler takes w's connection over (Hijack,
// directly or through http.NewResponseController) before the go statement
// at: the server then leaves the response alone, and w's methods only
// return http.ErrHijacked.
func (c *checker) hijacked(w *ssa.Parameter, at ssa.Instruction) bool {
	var views []ssa.Value // w as a Hijacker or a ResponseController
	for _, u := range c.res.Uses(w) {
		switch r := u.Instr.(type) {
		case *ssa.TypeAssert:
			views = append(views, r)
			if r.CommaOk {
				for _, e := range *r.Referrers() {
					if ex, ok := e.(*ssa.Extract); ok && ex.Index == 0 {
						views = append(views, ex)
					}
				}
			}
		case *ssa.Call:
			if fn := r.Call.StaticCallee(); fn != nil && fn.Pkg != nil && fn.Pkg.Pkg.Path() == "net/http" && fn.Name() == "NewResponseController" {
				views = append(views, r)
			}
		}
	}
	cfg := flow.NewCFG(c.res, at.Parent())
	for _, v := range views {
		for _, r := range *v.Referrers() {
			call, ok := r.(*ssa.Call)
			if !ok || !cfg.Dominates(call, at) {
				continue
			}
			common := call.Common()
			if common.IsInvoke() && common.Value == v && common.Method.Name() == "Hijack" {
				return true
			}
			if fn := common.StaticCallee(); fn != nil && fn.Name() == "Hijack" && len(common.Args) > 0 && common.Args[0] == v {
				return true
			}
		}
	}
	return false
}
