package cancelsafe

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/scopevet/scopevet/analyzers/flow"
	"github.com/scopevet/scopevet/analyzers/summary"
)

// maxChannels bounds the channels examined in one function.
const maxChannels = 32

// pending is a channel that goroutines may still be sending on when an
// exit abandons it: one the function makes and hands to goroutines it
// starts, or one a callee returns as a future.
type pending struct {
	value ssa.Value // the MakeChan, or the call that returns a future
	made  origin    // nil for a future
	// buffer is the channel's constant capacity.
	buffer  int64
	senders []*sender
	// senderAt indexes senders by their start.
	senderAt map[ssa.Instruction]bool
	// recvs are the function's receives (plain, and selects); handled
	// adds the calls that drain it and the closes. After any of them,
	// nothing on that path is abandoned.
	recvs   []ssa.Instruction
	handled map[ssa.Instruction]bool
	// counted are the plain receives outside any loop: each takes
	// exactly one value.
	counted map[ssa.Instruction]bool
	// lenCap: the function asks for len or cap, so a buffer would change
	// what it sees.
	lenCap bool
	// callee names the function that returned a future; foreign, that
	// it is another module's, whose sends this code cannot change.
	callee  string
	foreign bool
	// stream: the future's goroutine sends in a loop; fanOut: its
	// goroutines are started in a loop, each sending; closes: it closes
	// the channel as well.
	stream, fanOut, closes bool
	// drains caches drainHeaders.
	drains map[*ssa.BasicBlock]bool
	// family: the channel is made (or the future got) once a round and
	// kept in a slice; elems are its elements read back, each one of the
	// family's channels, and buffer is each channel's.
	family *summary.Family
	elems  map[ssa.Value]bool
	// held: the channel is kept in a field of a local struct (elems are
	// the function's loads of the field).
	held *summary.Held
}

// sender is a goroutine start that may leave a goroutine blocked on a
// plain send on the pending channel.
type sender struct {
	// at is the go statement, the spawning call, or the call of a callee
	// that starts the goroutine.
	at ssa.Instruction
	// sends are the goroutine's blocking sends (nil when only a callee's
	// summary is known).
	sends []ssa.Instruction
	// lower is how many sends are pending at least once it has run:
	// the exact number, or 2 for "several" (a loop, a send in a loop).
	lower int64
	exact bool
	// bound is the number of sends, when each goroutine sends once as
	// its last act and the count is visible; its text is "" otherwise.
	bound count
	// goroutines is how many goroutines it starts per channel: 1, the
	// constant loop bound, or -1 when unknown.
	goroutines int64
	// callee names the function that starts the goroutine, for senders
	// known from a summary only.
	callee string
	// maybe: the callee may return without starting it (its summary
	// does not say SpawnsAlways).
	maybe bool
	// lock is a lock the goroutine holds while it blocks.
	lock *heldLock
	// joined holds the instructions of the spawner after which the
	// goroutine has certainly finished (a Wait, the end of a range over
	// a channel it closes as it exits).
	joined map[ssa.Instruction]bool
	// latch is the countdown its sends wait for, shared with other
	// senders: of all the goroutines that count it down, one sends.
	latch *latchKey
	// waits are channels it receives from before it sends, which the
	// function neither sends on nor closes: a buffer alone does not
	// free it.
	waits []wait
}

// latchKey names a countdown latch by the spawner's counter.
type latchKey struct {
	v     ssa.Value
	field int
}

// wait is a channel a goroutine waits on before its sends.
type wait struct {
	name string    // as the spawner writes it
	rng  bool      // a range over it: only a close ends the wait
	recv token.Pos // where it waits
}

// origin is where a channel of the function comes from: its make, or
// the call of a helper that makes it for the caller (its summary's
// MadeChans).
type origin interface {
	ssa.Value
	ssa.Instruction
}

// fnCheck checks one function.
type fnCheck struct {
	*flow.CFG
	c     *checker
	fn    *ssa.Function
	sites []summary.SpawnSite
	loops []*summary.Loop
	// bySite caches siteInstrs.
	bySite map[ssa.Instruction][]*summary.SpawnSite
	// reported holds the positions already reported, one finding each.
	reported map[token.Pos]bool
	// abandoning holds the returns reached from the abandoning cases of
	// selects, so that the loop rule does not report them again.
	abandoning map[ssa.Instruction]bool
	// held are the function's findings, reported once it is done.
	held []*held
	// once: fn runs at most once per run (summary.RunsOnce).
	once bool
}

// pendingChannels finds the channels of fn that goroutines send on and
// fn receives from.
func (f *fnCheck) pendingChannels() []*pending {
	var out []*pending
	for _, b := range f.fn.Blocks {
		for _, instr := range b.Instrs {
			if len(out) >= maxChannels {
				return out
			}
			switch v := instr.(type) {
			case *ssa.MakeChan:
				if size, ok := summary.IntConst(v.Size); ok {
					if p := f.madeChannel(v, size); p != nil {
						out = append(out, p)
					} else if p := f.familyChannel(v, size); p != nil {
						out = append(out, p)
					} else if p := f.heldChannel(v, size); p != nil {
						out = append(out, p)
					}
				}
			case *ssa.Call:
				out = append(out, f.futureChannels(v)...)
				out = append(out, f.helperChannels(v)...)
			}
		}
	}
	return out
}

// helperChannels describes the channels a call returns that its callee
// made for the caller, with a constant buffer.
func (f *fnCheck) helperChannels(call *ssa.Call) []*pending {
	sum := f.c.res.Callee(call.Common())
	if sum == nil || sum.MadeChans == nil {
		return nil
	}
	var out []*pending
	for i := range call.Common().Signature().Results().Len() {
		size := sum.MadeChan(i)
		if size < 0 {
			continue
		}
		if o, ok := flow.ResultValue(call, i).(origin); ok {
			if p := f.madeChannel(o, size); p != nil {
				out = append(out, p)
			}
		}
	}
	return out
}

// madeChannel describes a channel made by fn (or for it, by a helper)
// with a buffer of size, or returns nil when it is not one this check
// can reason about: it escapes, another goroutine receives from it, or
// fn sends on it.
func (f *fnCheck) madeChannel(mc origin, size int64) *pending {
	if !f.hasSingleStore(mc) {
		return nil
	}
	p := &pending{value: mc, made: mc, buffer: size, handled: map[ssa.Instruction]bool{}, counted: map[ssa.Instruction]bool{}}
	if !f.addUses(p, mc) {
		return nil
	}
	return f.finishMade(p)
}

// addUses records fn's uses of v, p's channel: the goroutines it hands
// v to and its own receives. It returns false at a use that puts the
// channel out of reach.
func (f *fnCheck) addUses(p *pending, v ssa.Value) bool {
	for _, u := range f.c.res.Uses(v) {
		if ok, isSite := f.addSiteSender(p, u); isSite {
			if !ok {
				return false
			}
			continue
		}
		if !f.classifyUse(p, u) {
			return false
		}
	}
	return true
}

// finishMade returns p, a channel made here, once it has senders and
// receives, with its receives outside loops counted; nil otherwise.
func (f *fnCheck) finishMade(p *pending) *pending {
	if len(p.senders) == 0 || len(p.recvs) == 0 {
		return nil
	}
	for _, r := range p.recvs {
		if u, ok := r.(*ssa.UnOp); ok && !f.inCycle(u, p.made) {
			p.counted[u] = true
		}
	}
	return p
}

// addSiteSender adds the goroutine that u hands the channel to, when u
// is a go statement or spawning call (isSite); ok is false when the
// goroutine does more with it than send or close it.
func (f *fnCheck) addSiteSender(p *pending, u summary.Use) (ok, isSite bool) {
	sites, isSite := f.siteInstrs()[u.Instr]
	if !isSite {
		return false, false
	}
	if u.Effect&^(summary.SpawnsWith|summary.AsyncSends|summary.AsyncGuardedSends|summary.AsyncCloses|summary.AsyncSignals) != 0 {
		return false, true // the goroutine receives from it, or lets it go
	}
	for _, site := range sites {
		s, ok := f.siteSender(site, p)
		if !ok {
			return false, true
		}
		if s != nil {
			p.addSender(s)
		}
	}
	return true, true
}

// addSender adds s unless a sender with the same start is there.
func (p *pending) addSender(s *sender) {
	if p.senderAt == nil {
		p.senderAt = map[ssa.Instruction]bool{}
	}
	if !p.senderAt[s.at] {
		p.senderAt[s.at] = true
		p.senders = append(p.senders, s)
	}
}

// classifyUse records one of fn's own uses of a made channel. It
// returns false for a use that puts the channel out of reach of the
// check: a send by fn, an escape, a deferred drain or close (which
// handles every exit), a closure that is not a goroutine.
func (f *fnCheck) classifyUse(p *pending, u summary.Use) bool {
	switch instr := u.Instr.(type) {
	case *ssa.UnOp:
		if instr.Op == token.ARROW {
			p.recvs = append(p.recvs, instr)
			p.handled[instr] = true
			return true
		}
	case *ssa.Select:
		for _, st := range instr.States {
			if st.Send != nil && f.isPendingChan(st.Send, p) || st.Dir == types.SendOnly && f.isPendingChan(st.Chan, p) {
				return false
			}
		}
		p.recvs = append(p.recvs, instr)
		if !f.markPolls(p, instr) {
			p.handled[instr] = true
		}
		return true
	case *ssa.Defer:
		return false
	case *ssa.Go:
		return false // a goroutine the pass could not describe
	case ssa.CallInstruction:
		if b, ok := instr.Common().Value.(*ssa.Builtin); ok {
			switch b.Name() {
			case "close":
				p.handled[instr] = true
				return true
			case "len", "cap":
				p.lenCap = true
				return true
			}
			return false
		}
		switch e := u.Effect; {
		case e == 0:
			return true
		case e&^(summary.Awaits|summary.PlainAwaits) == 0:
			p.handled[instr] = true // a callee drains it
			return true
		case e&(summary.Escapes|summary.Awaits|summary.AsyncAwaits|summary.Sends|summary.GuardedSends|summary.Arms|summary.Calls) == 0 && e&summary.AsyncSends != 0:
			// A callee starts a goroutine that sends on it, once per
			// round of a loop around the call.
			s := &sender{at: instr, lower: 1, goroutines: 1, callee: f.c.funcText(instr), maybe: !f.c.res.Callee(instr.Common()).Always()}
			switch n, _, exact := f.goroutines(instr, p.made); {
			case n == 0:
				return true
			case exact:
				s.lower, s.goroutines, s.exact = n, n, true
			case n != 1:
				s.lower, s.goroutines = 2, n
			}
			p.addSender(s)
			return true
		}
		return false
	case *ssa.BinOp:
		return u.Effect == 0
	}
	return false
}

// markPolls marks, for a select with a default that receives from p,
// only the branches in which a receive from p wins as handled: the
// default takes nothing, and a sender still waiting stays blocked. False
// when the branches are not told apart (a blocking select, or cases that
// share the default's block).
func (f *fnCheck) markPolls(p *pending, sel *ssa.Select) bool {
	if sel.Blocking {
		return false
	}
	cases, def := summary.Branches(sel)
	if cases == nil || def == nil {
		return false
	}
	var marks []ssa.Instruction
	for i, st := range sel.States {
		if st.Dir != types.RecvOnly || !f.isPendingChan(st.Chan, p) {
			continue
		}
		if cases[i] == def || len(cases[i].Instrs) == 0 || len(cases[i].Preds) != 1 {
			return false
		}
		marks = append(marks, cases[i].Instrs[0])
	}
	for _, m := range marks {
		p.handled[m] = true
	}
	return len(marks) > 0
}

// futureChannels describes the futures a call returns whose goroutine
// blocks until someone receives (per the callee's summary): one per such
// result that the function uses.
func (f *fnCheck) futureChannels(call *ssa.Call) []*pending {
	sum := f.c.res.Callee(call.Common())
	if sum == nil {
		return nil
	}
	n := call.Common().Signature().Results().Len()
	var out []*pending
	for i := range n {
		fut := sum.Result(i)
		if fut.Kind != summary.ChanFuture || !fut.Blocks() {
			continue
		}
		v := flow.ResultValue(call, i)
		if v == nil {
			continue // dropped: mustawait's
		}
		if p := f.futureChannel(call, v, fut); p != nil {
			out = append(out, p)
		} else if p := f.familyFuture(call, v, fut); p != nil {
			out = append(out, p)
		}
	}
	return out
}

// futureChannel describes the future v, a result of call, when the
// function receives from it and does nothing the check cannot follow.
// A stream's goroutines have more than one value to send.
func (f *fnCheck) futureChannel(call *ssa.Call, v ssa.Value, fut summary.Future) *pending {
	p := &pending{value: v, callee: f.c.funcText(call), foreign: f.c.foreign(call.Common()), stream: fut.Stream, fanOut: fut.FanOut, closes: fut.Closes, handled: map[ssa.Instruction]bool{}, counted: map[ssa.Instruction]bool{}}
	for _, u := range f.c.res.Uses(v) {
		if !f.classifyUse(p, u) || len(p.senders) > 0 {
			return nil
		}
	}
	if len(p.recvs) == 0 {
		return nil
	}
	lower, goroutines := int64(1), int64(1)
	if fut.Stream {
		lower = 2
	}
	if fut.FanOut {
		goroutines = -1
	}
	p.senders = []*sender{{at: call, lower: lower, goroutines: goroutines, callee: p.callee}}
	if o, ok := v.(origin); ok && fut.Stream {
		for _, r := range p.recvs {
			if u, ok := r.(*ssa.UnOp); ok && !f.inCycle(u, o) {
				p.counted[u] = true
			}
		}
	}
	return p
}

// siteInstrs maps the instructions that hand values to spawned
// goroutines (go statements, spawning calls, and the closures they run)
// to their spawn sites.
func (f *fnCheck) siteInstrs() map[ssa.Instruction][]*summary.SpawnSite {
	if f.bySite != nil {
		return f.bySite
	}
	m := map[ssa.Instruction][]*summary.SpawnSite{}
	f.bySite = m
	for i := range f.sites {
		site := &f.sites[i]
		m[site.Instr] = append(m[site.Instr], site)
		for _, v := range append([]ssa.Value{site.Instr.Common().Value}, site.Instr.Common().Args...) {
			if mc, ok := v.(*ssa.MakeClosure); ok && site.Body != nil && mc.Fn == site.Body {
				// A closure started at two go statements: both.
				m[mc] = append(m[mc], site)
			}
		}
	}
	return m
}

// siteSender describes what the goroutine of site does with the pending
// channel. It returns nil when the goroutine never blocks sending on it,
// and false when it uses the channel in a way the check cannot follow.
func (f *fnCheck) siteSender(site *summary.SpawnSite, p *pending) (*sender, bool) {
	if stoppable(site) {
		return nil, false
	}
	var sends []ssa.Instruction
	oneEach, last := true, true
	known, external, again := false, false, false
	for i, c := range site.Captures {
		held := p.held.Holds(c)
		if !f.isPendingCapture(p, c) {
			continue
		}
		known = true
		if site.Body == nil || held && site.Body.Blocks == nil {
			return nil, false
		}
		if site.Body.Blocks == nil {
			// A function of another package: its summary says whether
			// it sends without a way out.
			sum := f.c.res.Callee(site.Instr.Common())
			if sum == nil {
				return nil, false // no summary: it may do anything with it
			}
			e := sum.Param(i)
			if e&^(summary.Sends|summary.GuardedSends|summary.Closes) != 0 {
				return nil, false
			}
			if e&summary.Sends != 0 {
				sends = append(sends, site.Instr)
				external, last = true, false
				again = again || sum.SendsAgain(i)
			}
			continue
		}
		v, cell := site.BodyValue(i)
		if v == nil {
			return nil, false
		}
		var bs bodySends
		var ok bool
		if held {
			bs, ok = f.fieldSends(site.Body, v, cell, p.held.Field)
		} else {
			bs, ok = f.bodySends(site.Body, v, cell)
		}
		if !ok {
			return nil, false
		}
		sends = append(sends, bs.sends...)
		oneEach = oneEach && bs.oneEach
		last = last && bs.last
	}
	if !known {
		return nil, false
	}
	if len(sends) == 0 {
		return nil, true
	}
	if plainSendIn(sends, site.Body) && summary.NeverLeaves(site.Body) {
		// A goroutine whose loop never ends strands itself whatever the
		// function does: leakedspawn's, at its go statement.
		return nil, false
	}
	if !f.sendsOnce(sends) {
		oneEach = false
	}
	s := &sender{at: site.Instr, sends: sends, maybe: site.Conditional}
	n, bound, exact := f.goroutines(site.Instr, p.made)
	s.goroutines = n
	switch {
	case n == 0:
		return nil, true // a loop that runs no times
	case external:
		// A function of another package sends at least once, and at
		// least twice when its summary says it may send again.
		s.lower, oneEach = 1, false
		if again {
			s.lower = 2
		}
	case !oneEach:
		s.lower = 2
	case exact:
		s.lower, s.exact = n, true
	case n == 1:
		s.lower = 1
	default:
		s.lower = 2
	}
	if oneEach && last {
		s.bound = bound
	}
	if l, ok := f.c.res.LatchOf(*site, sends); ok && oneEach && !external {
		// Only the goroutine that counts the latch down to zero sends.
		s.latch = &latchKey{f.c.res.HeldValue(site.Captures[l.Capture]), l.Field}
		s.lower, s.exact = 1, false
		if last {
			s.bound = constCount(1)
		}
	}
	s.lock = f.heldLock(site.Body, sends)
	s.joined = f.joinPoints(site, p)
	s.waits = f.waitsFirst(site, p, sends)
	return s, true
}

// waitsFirst returns the channels other than p that the goroutine of
// site waits on before its sends and that the function does not feed.
func (f *fnCheck) waitsFirst(site *summary.SpawnSite, p *pending, sends []ssa.Instruction) []wait {
	var out []wait
	for _, w := range f.c.res.WaitsFirst(*site, sends) {
		c := site.Captures[w.Capture]
		if f.isPendingCapture(p, c) {
			continue
		}
		name := f.captureName(site, w.Capture)
		if name == "" {
			return nil // unnamed: say nothing rather than something vague
		}
		pos := w.Recv.Pos()
		rs := f.c.syn.ranges[pos]
		if rs == nil {
			if u := f.c.syn.recvs[pos]; u != nil {
				pos = u.Pos()
			}
		}
		out = append(out, wait{name: name, rng: rs != nil, recv: pos})
	}
	return out
}

// captureName is capture i of site as the spawner writes it: the
// captured variable, or the argument of the go statement; "" when that
// is not a simple name.
func (f *fnCheck) captureName(site *summary.SpawnSite, i int) string {
	nfree := len(site.Body.FreeVars)
	if i < nfree {
		return site.Body.FreeVars[i].Name()
	}
	call := f.c.syn.calls[site.Instr.Common().Pos()]
	if call == nil || i-nfree >= len(call.Args) || !isSimple(call.Args[i-nfree]) {
		return ""
	}
	return text(call.Args[i-nfree])
}

// isPendingCapture reports whether c, a capture of a goroutine, is p's channel:
// the channel made here, the field p is, or an element of p's slice.
func (f *fnCheck) isPendingCapture(p *pending, c ssa.Value) bool {
	return p.held.Holds(c) || f.chanRoot(c) == p.made || p.elems[c]
}

// sumLower adds the senders' lower bounds, counting the goroutines of
// one latch once.
func sumLower(ss []*sender) int64 {
	var total int64
	once := latchSet{}
	for _, s := range ss {
		if once.first(s) {
			total += s.lower
		}
	}
	return total
}

// latchSet says which latches' one send is already counted.
type latchSet map[latchKey]bool

// first reports whether s's sends are still to be counted: s has no
// latch, or is the first sender of its latch asked about.
func (m latchSet) first(s *sender) bool {
	if s.latch == nil {
		return true
	}
	if m[*s.latch] {
		return false
	}
	m[*s.latch] = true
	return true
}

// chanRoot returns the origin of the channel v is, or that the local
// variable v holds: a make, or a helper's call that made it for fn; nil
// otherwise.
func (f *fnCheck) chanRoot(v ssa.Value) origin {
	if alloc, ok := v.(*ssa.Alloc); ok {
		v = f.c.res.SingleStore(alloc)
	}
	if v == nil {
		return nil
	}
	v = f.c.res.Canonical(v)
	if _, ok := v.Type().Underlying().(*types.Chan); !ok {
		return nil
	}
	switch v := v.(type) {
	case *ssa.MakeChan:
		return v
	case *ssa.Call:
		if f.c.res.Callee(v.Common()).MadeChan(0) >= 0 {
			return v
		}
	case *ssa.Extract:
		if call, ok := v.Tuple.(*ssa.Call); ok && f.c.res.Callee(call.Common()).MadeChan(v.Index) >= 0 {
			return v
		}
	}
	return nil
}

// hasSingleStore reports whether every local variable mc is stored in
// holds mc alone, so that the variable names one channel.
func (f *fnCheck) hasSingleStore(mc ssa.Value) bool {
	for _, ref := range *mc.Referrers() {
		if st, ok := ref.(*ssa.Store); ok && st.Val == mc {
			alloc, ok := st.Addr.(*ssa.Alloc)
			if ok && f.c.res.SingleStore(alloc) != mc {
				return false
			}
		}
	}
	return true
}

// isAliasOf reports whether v is the channel ch, possibly through a
// conversion or a local variable.
func (f *fnCheck) isAliasOf(v, ch ssa.Value) bool {
	if v == ch {
		return true
	}
	if o := f.chanRoot(v); o != nil {
		return o == ch
	}
	return f.c.res.Canonical(v) == ch
}

// stoppable reports whether site is an AfterFunc whose callback fn may
// still cancel: it keeps the returned timer (whose Stop cancels the
// callback), or the stop function context.AfterFunc returns. A loop that
// stops the timer on its way out (nats-server's signal tests) abandons
// nothing, and a timer kept anywhere may be stopped there.
func stoppable(site *summary.SpawnSite) bool {
	call, ok := site.Instr.(*ssa.Call)
	return ok && summary.IsAfterFunc(call) && len(*call.Referrers()) > 0
}

// plainSendIn reports whether one of sends is a send statement of body
// itself, which is what leakedspawn's endless-loop rule looks for.
func plainSendIn(sends []ssa.Instruction, body *ssa.Function) bool {
	for _, s := range sends {
		if _, ok := s.(*ssa.Send); ok && s.Parent() == body {
			return true
		}
	}
	return false
}
