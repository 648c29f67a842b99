package leakedspawn

import (
	"fmt"
	"go/constant"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/scopevet/scopevet/analyzers/flow"
	"github.com/scopevet/scopevet/analyzers/summary"
)

// Effects on a channel that can wake a receiver, or a sender.
const (
	wakesReceiver = summary.Sends | summary.GuardedSends | summary.Closes |
		summary.AsyncSends | summary.AsyncGuardedSends | summary.AsyncCloses
	closes       = summary.Closes | summary.AsyncCloses
	wakesSender  = summary.Awaits | summary.AsyncAwaits
	letsItEscape = summary.Escapes
)

// neverStops reports a goroutine that can never finish: it waits on a
// channel of its spawner's that nothing will ever wake, ranges over a
// stopped ticker, or loops forever without observing cancellation.
func (c *checker) neverStops(fn *ssa.Function, site summary.SpawnSite) *finding {
	for i, capture := range site.Captures {
		held := c.res.HeldValue(capture)
		bv, cell := site.BodyValue(i)
		if bv == nil {
			continue
		}
		switch held := held.(type) {
		case *ssa.MakeChan:
			if held.Parent() == fn {
				if f := c.stoppedSignals(site, held, bv, cell); f != nil {
					return f
				}
				if f := c.strandedOnChan(site, held, bv, cell); f != nil {
					return f
				}
			}
		case *ssa.Call:
			if held.Parent() == fn && isClockConstructor(held) {
				if f := c.stoppedLocalClock(site, held, bv, cell); f != nil {
					return f
				}
			}
		}
		if f := c.stoppedFieldClock(site, bv, cell); f != nil {
			return f
		}
	}
	return c.loopsForever(fn, site)
}

// stoppedFieldClock handles a ticker or timer kept in a field of a value
// the goroutine captures, which other code of the package stops (Close
// calls s.ticker.Stop()) as if that ended the goroutine's wait on its C.
func (c *checker) stoppedFieldClock(site summary.SpawnSite, bv ssa.Value, cell bool) *finding {
	var f *finding
	forEachUse(bv, cell, func(v ssa.Value, instr ssa.Instruction) bool {
		fa, ok := instr.(*ssa.FieldAddr)
		if !ok || fa.X != v {
			return false
		}
		stop := c.res.ClockStopOf(fa)
		if stop == nil || c.res.RunsWithin(stop.Parent(), site.Body) {
			return false // the goroutine's own Stop runs only once its wait is over
		}
		recv, timer := c.waitsOnC(fa, true)
		if recv == nil {
			return false
		}
		field, stopper := summary.FieldName(fa.X.Type(), fa.Field), scopeName(summary.Outermost(stop.Parent()))
		msg := fmt.Sprintf("goroutine waits on %s.C, which %s stops; Stop does not close C, so the goroutine never exits", field, stopper)
		if timer {
			msg = fmt.Sprintf("goroutine waits on %s.C, which %s stops; a stopped timer never fires, so the goroutine never exits", field, stopper)
		}
		f = c.found(recv, msg, "waits here")
		f.related = append(f.related, analysis.RelatedInformation{Pos: stop.Pos(), Message: "stopped here"})
		return true
	})
	return f
}

// waitsOnC returns the goroutine's plain receive from the C of the ticker
// or timer that v is (cell: that v holds) which a Stop strands: for a
// ticker, one in a loop, where the goroutine waits for tick after tick;
// for a timer, any, since it fires once. timer says which it is.
func (c *checker) waitsOnC(v ssa.Value, cell bool) (recv *ssa.UnOp, timer bool) {
	forEachUse(v, cell, func(clock ssa.Value, instr ssa.Instruction) bool {
		fc, ok := instr.(*ssa.FieldAddr)
		if !ok || fc.X != clock || summary.FieldName(clock.Type(), fc.Field) != "C" {
			return false
		}
		timer = isPointerTo(clock.Type(), "time", "Timer")
		forEachUse(fc, true, func(ch ssa.Value, instr ssa.Instruction) bool {
			r, ok := isPlainReceive(instr, ch)
			if ok && (timer || summary.Innermost(c.res.Loops(r.Parent()), r.Block()) != nil) {
				recv = r
			}
			return recv != nil
		})
		return recv != nil
	})
	return recv, timer
}

// strandedOnChan handles a channel fn makes and shares with the goroutine.
func (c *checker) strandedOnChan(site summary.SpawnSite, ch *ssa.MakeChan, bv ssa.Value, cell bool) *finding {
	var others summary.Effect
	for _, u := range c.res.Uses(ch) {
		if !isSiteInstr(site, u.Instr) {
			others |= u.Effect
		}
	}
	if others&letsItEscape != 0 {
		return nil // someone we cannot see may send, receive or close
	}
	if c.runsMoreThanOnce(site) && c.wakesItself(site, ch) {
		return nil // another run of the same body may send or close
	}
	chName := c.varName(ch, "its channel")
	// What the goroutine itself does with the channel: a send of its own
	// wakes a receive in a goroutine it starts (a semaphore it fills
	// before each worker, which the worker drains), or its own later
	// receive when the channel has room.
	own := c.res.CaptureEffect(site, site.CaptureOf(bv))
	var f *finding
	forEachUse(bv, cell, func(v ssa.Value, instr ssa.Instruction) bool {
		switch u := instr.(type) {
		case *ssa.UnOp:
			if _, ok := isPlainReceive(u, v); !ok {
				return false
			}
			switch {
			case others&wakesReceiver == 0 && (own&wakesReceiver == 0 || u.Parent() == site.Body && isUnbuffered(ch)):
				f = c.found(u, fmt.Sprintf("goroutine receives from %s, which nobody sends on or closes; it blocks forever", chName), "blocks here")
			case u.CommaOk && others&closes == 0 && loopsUntilClosed(u):
				f = c.found(u, fmt.Sprintf("goroutine ranges over %s, which is never closed; it never exits", chName), "waits here for more after the last send")
			}
		case *ssa.Send:
			if u.Chan == v && isUnbuffered(ch) && others&wakesSender == 0 {
				f = c.found(u, fmt.Sprintf("goroutine sends on %s, which nobody receives from; it blocks forever", chName), "blocks here")
			}
		}
		return f != nil
	})
	if f != nil {
		f.related = append(f.related, analysis.RelatedInformation{Pos: ch.Pos(), Message: "made here"})
	}
	return f
}

// loopsUntilClosed reports whether recv, a comma-ok receive, heads a loop
// that ends only when the channel is closed, as for v := range ch does:
// its ok decides an If whose true branch always comes back to it. A single
// v, ok := <-ch, or a loop body that can return (on a sentinel value,
// say), ends without a close.
func loopsUntilClosed(recv *ssa.UnOp) bool {
	b := recv.Block()
	branch := summary.OkTest(recv)
	if branch == nil || branch.Block() != b {
		return false
	}
	closedOnly := true
	flow.WalkBlocks(b.Succs[:1], func(next *ssa.BasicBlock) bool {
		if next == b {
			return false // back at the receive
		}
		if len(next.Succs) == 0 {
			closedOnly = false // it returns or panics: the loop can end another way
		}
		return closedOnly
	})
	return closedOnly
}

// stoppedLocalClock handles a ticker or timer fn makes and stops while
// the goroutine still waits on its channel: Stop does not close C, and a
// stopped timer never fires.
func (c *checker) stoppedLocalClock(site summary.SpawnSite, clock *ssa.Call, bv ssa.Value, cell bool) *finding {
	// A Stop the goroutine itself makes (defer t.Stop() around its own
	// range) runs only once the range is over: it ends nothing.
	var stop ssa.CallInstruction
	for _, st := range c.tickerStops(clock) {
		if !c.res.RunsWithin(st.Parent(), site.Body) {
			stop = st
			break
		}
	}
	if stop == nil {
		return nil
	}
	recv, timer := c.waitsOnC(bv, cell)
	if recv == nil {
		return nil
	}
	msg := "goroutine waits on the ticker's channel after the ticker is stopped; Stop does not close C, so the goroutine never exits"
	if timer {
		msg = "goroutine waits on the timer's channel after the timer is stopped; a stopped timer never fires, so the goroutine never exits"
	}
	f := c.found(recv, msg, "waits here")
	f.related = append(f.related, analysis.RelatedInformation{Pos: stop.Pos(), Message: "stopped here"})
	return f
}

// tickerStops returns the calls that stop clock, a ticker or timer; none
// when one resets it, which pauses it rather than ending it.
func (c *checker) tickerStops(clock *ssa.Call) []ssa.CallInstruction {
	if stops, ok := c.stopsOf[clock]; ok {
		return stops // every goroutine that waits on one clock asks again
	}
	if c.stopsOf == nil {
		c.stopsOf = map[*ssa.Call][]ssa.CallInstruction{}
	}
	var stops []ssa.CallInstruction
	reset := false
	visit := func(_ ssa.Value, instr ssa.Instruction) bool {
		if call, ok := instr.(ssa.CallInstruction); ok {
			switch summary.ClockMethod(call.Common()) {
			case "Stop":
				stops = append(stops, call)
			case "Reset":
				reset = true
			}
		}
		return false
	}
	forEachHeldUse(clock, visit)
	if reset {
		stops = nil
	}
	c.stopsOf[clock] = stops
	return stops
}

// isClockConstructor reports whether call makes a ticker or a timer
// whose channel a goroutine can wait on.
func isClockConstructor(call *ssa.Call) bool {
	callee := call.Common().StaticCallee()
	return callee != nil && callee.Pkg != nil && callee.Pkg.Pkg.Path() == "time" &&
		(callee.Name() == "NewTicker" || callee.Name() == "NewTimer")
}

// loopsForever handles a goroutine whose body never returns. It is a
// bug by default when the loop keeps sending on a channel of the
// spawner's: once the spawner returns nobody receives, and the goroutine
// blocks forever. A loop that only works and sleeps is often a
// process-lifetime daemon started once; only -strict reports it.
func (c *checker) loopsForever(fn *ssa.Function, site summary.SpawnSite) *finding {
	if !c.neverReturns(site.Body) {
		return nil
	}
	for i, capture := range site.Captures {
		ch, ok := c.res.HeldValue(capture).(*ssa.MakeChan)
		if !ok || ch.Parent() != fn || c.othersLetEscape(site, ch) {
			continue
		}
		bv, cell := site.BodyValue(i)
		send := firstUse(bv, cell, func(v ssa.Value, instr ssa.Instruction) bool {
			s, ok := instr.(*ssa.Send)
			return ok && s.Chan == v
		})
		if send != nil {
			name := c.varName(ch, "its channel")
			f := c.found(send, fmt.Sprintf("goroutine sends on %s in a loop that never ends, but only %s receives from %s; once it returns, the goroutine blocks forever", name, scopeName(fn), name), "blocks here")
			f.related = append(f.related, analysis.RelatedInformation{Pos: ch.Pos(), Message: "made here"})
			return f
		}
	}
	if c.strict && !site.ObservesCancel {
		return &finding{msg: fmt.Sprintf("goroutine loops forever and observes no cancellation; each call of %s leaks one more", scopeName(fn))}
	}
	return nil
}

// othersLetEscape reports whether anything but the goroutine of site
// lets ch go where the analysis cannot follow it.
func (c *checker) othersLetEscape(site summary.SpawnSite, ch ssa.Value) bool {
	for _, u := range c.res.Uses(ch) {
		if !isSiteInstr(site, u.Instr) && u.Effect&letsItEscape != 0 {
			return true
		}
	}
	return false
}

// neverReturns reports whether body is in this package and has no way
// to finish: no return, no panic, no call that ends the goroutine.
func (c *checker) neverReturns(body *ssa.Function) bool {
	return summary.NeverLeaves(body)
}

// isUnbuffered reports whether ch is made with no buffer.
func isUnbuffered(ch *ssa.MakeChan) bool {
	k, ok := ch.Size.(*ssa.Const)
	return ok && k.Value != nil && k.Value.Kind() == constant.Int && constant.Sign(k.Value) == 0
}

// varName returns the name of the variable v is assigned to, or def.
func (c *checker) varName(v ssa.Value, def string) string {
	for _, ref := range *v.Referrers() {
		if st, ok := ref.(*ssa.Store); ok {
			if alloc, ok := st.Addr.(*ssa.Alloc); ok && alloc.Comment != "" {
				return alloc.Comment
			}
		}
	}
	if name, ok := c.res.AssignedNames(c.pass)[v.Pos()]; ok {
		return name
	}
	return def
}

// ignoresCancel reports a goroutine whose select takes ctx.Done() and
// goes back into its loop, with no way out of the body from there: once
// ctx is done it takes that case every round and never stops.
func (c *checker) ignoresCancel(site summary.SpawnSite) *finding {
	if len(site.IgnoredCancels) == 0 || site.Body == nil || c.spinning[site.Body] {
		return nil
	}
	if c.spinning == nil {
		c.spinning = map[*ssa.Function]bool{}
	}
	c.spinning[site.Body] = true
	ic := site.IgnoredCancels[0]
	line := c.pass.Fset.Position(ic.Pos()).Line
	return &finding{
		msg:     fmt.Sprintf("goroutine never stops: its select takes ctx.Done() at line %d and goes back into the loop, so once ctx is done it runs on, taking that case every round; return or break out of the loop there", line),
		related: []analysis.RelatedInformation{{Pos: ic.Pos(), Message: "ctx.Done() is handled here without leaving the loop"}},
	}
}

// runsMoreThanOnce reports whether site may run its body several times
// at once: a helper or API that runs a func argument (how often is not
// known), or a go statement in a loop.
func (c *checker) runsMoreThanOnce(site summary.SpawnSite) bool {
	if _, ok := site.Instr.(*ssa.Go); !ok {
		return true
	}
	return summary.Innermost(c.res.Loops(site.Instr.Parent()), site.Instr.Block()) != nil
}

// wakesItself reports whether the goroutine's body sends on or closes
// ch itself (the last of several runs to arrive closes what the others
// wait on).
func (c *checker) wakesItself(site summary.SpawnSite, ch ssa.Value) bool {
	for _, j := range site.Joins {
		if j.Kind == summary.JoinChannel && c.res.HeldValue(j.Via) == ch {
			return true
		}
	}
	return false
}
