package mustawait

import (
	"cmp"
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"maps"
	"slices"
	"strings"

	"github.com/scopevet/scopevet/analyzers/doctext"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/scopevet/scopevet/analyzers/flow"
	"github.com/scopevet/scopevet/analyzers/guard"
	"github.com/scopevet/scopevet/analyzers/report"
	"github.com/scopevet/scopevet/analyzers/summary"
	"github.com/scopevet/scopevet/cancelsafe"
)

//go:embed doc.go
var doc string

const name = "mustawait"

// Analyzer reports futures that are never awaited.
var Analyzer = &analysis.Analyzer{
	Name:     name,
	Doc:      doctext.Extract(doc, name),
	URL:      "https://pkg.go.dev/github.com/scopevet/scopevet/mustawait",
	Requires: []*analysis.Analyzer{summary.Analyzer, cancelsafe.Analyzer},
	Run:      guard.Run(name, run),
}

func run(pass *analysis.Pass, current *string) (any, error) {
	res := pass.ResultOf[summary.Analyzer].(*summary.Result).ForCheck()
	funcs := res.Funcs()
	directives := directiveComments(pass)
	if len(funcs) == 0 && len(directives) == 0 {
		return nil, nil
	}
	stranded, _ := pass.ResultOf[cancelsafe.Analyzer].(*cancelsafe.Result)
	c := &checker{pass: pass, res: res, rep: report.New(pass, name), calls: res.Calls(pass), stranded: stranded, groupRets: map[string]map[*ssa.Return]bool{}}
	c.rep.DropWhere(res.OverBudget)
	c.checkDirectives(directives)
	for _, fn := range funcs {
		if res.DaemonScope(fn) || res.Of(fn) == nil {
			continue
		}
		*current = fn.String()
		c.checkFunc(fn)
	}
	c.rep.Finish()
	return nil, nil
}

type checker struct {
	pass  *analysis.Pass
	res   *summary.Result
	rep   *report.Reporter
	calls map[token.Pos]*ast.CallExpr
	// stranded: the goroutines cancelsafe reported blocked by an exit.
	stranded *cancelsafe.Result
	// groupRets holds, per set of go statements, the returns already
	// reported for a group that counts them: two WaitGroups over the same
	// goroutines (started, done) skipped by one return are one bug.
	groupRets map[string]map[*ssa.Return]bool
}

// checkFunc reports the futures created in fn that are dropped.
func (c *checker) checkFunc(fn *ssa.Function) {
	armed := map[ssa.Value][]ssa.CallInstruction{}
	var roots []ssa.Value
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(*ssa.Call)
			if !ok {
				continue
			}
			sum := c.res.Callee(call.Common())
			if sum == nil {
				continue
			}
			c.checkResults(fn, call, sum)
			for idx, arg := range call.Common().Args {
				if sum.Param(idx)&summary.Arms == 0 || sum.Param(idx).Handled() {
					continue
				}
				if idx == 0 && c.res.ForwardsJoin(call.Common()) {
					continue // its goroutine ends with an owner's join or shutdown
				}
				root := c.res.Canonical(arg)
				if !isLocalObject(fn, root) || !c.res.IsFresh(root) {
					continue
				}
				if _, ok := armed[root]; !ok {
					roots = append(roots, root)
				}
				armed[root] = append(armed[root], call)
			}
		}
	}
	roots = slices.DeleteFunc(roots, func(root ssa.Value) bool {
		return c.res.IsStartBarrier(root) || c.neverWaitedWaitGroup(root) || c.joinedByWaitGroup(armed[root]) || c.releasedOnReturn(fn, root)
	})
	// Of two groups over the same goroutines (started, done), the one
	// they mark done last is their join: it reports the bug.
	last := map[ssa.Value]int{}
	for _, root := range roots {
		last[root] = c.doneLast(root, c.groupSites(fn, root, armed[root]))
	}
	slices.SortStableFunc(roots, func(a, b ssa.Value) int { return cmp.Compare(last[b], last[a]) })
	for _, root := range roots {
		c.checkArmed(fn, root, armed[root])
	}
}

// doneLast says how late the goroutines of sites mark root done
// (SpawnSite.DoneLate).
func (c *checker) doneLast(root ssa.Value, sites []summary.SpawnSite) int {
	late := 0
	for _, site := range sites {
		for i, capture := range site.Captures {
			if c.res.Canonical(capture) == root {
				late = max(late, site.DoneLate(i))
			}
		}
	}
	return late
}

// checkResults reports the future results of call that are dropped:
// one finding per call, however many of its results are futures. The
// discarded ones come first, in one message; otherwise the first result
// that some path fails to await.
func (c *checker) checkResults(fn *ssa.Function, call *ssa.Call, sum *summary.Summary) {
	results := call.Common().Signature().Results()
	n := results.Len()
	subject := "result of " + c.funcText(call)
	var discarded []int
	var kept []int
	for i := 0; i < n; i++ {
		if !sum.Result(i).Reportable() {
			continue
		}
		if flow.ResultValue(call, i) == nil {
			discarded = append(discarded, i)
		} else {
			kept = append(kept, i)
		}
	}
	released, deferred := c.cancelReleases(call)
	if deferred {
		return // the deferred cancel releases its goroutines on every path
	}
	if len(discarded) > 0 {
		if c.res.RunsOnceAt(call) {
			return // one goroutine per run, as in checkPaths
		}
		if errv := summary.ErrResult(call); errv != nil && flow.LeakingReturn(c.res, call, nil, errv) == nil && flow.LeakingReturn(c.res, call, nil, nil) != nil {
			// Every path that goes on fails the call (a test that
			// expects its error) or the test: nothing was started there.
			return
		}
		what, verb := subject, "is"
		if len(discarded) > 1 {
			what, verb = "results "+resultNames(results, discarded)+" of "+c.funcText(call), "are"
		}
		c.reportAt(call, fmt.Sprintf("%s %s discarded; %s", what, verb, consequence(sum.Result(discarded[0]))), nil)
		return
	}
	for _, i := range kept {
		f := sum.Result(i)
		what := consequence(f)
		if f.Kind == summary.ChanFuture {
			// Receiving may be wrong where the path chose not to wait
			// (a detach, a timeout): the callee's buffer frees it too.
			what += "; receive from it there, or, if that path must not wait, give the channel a buffer for every send in " + c.funcText(call)
		}
		if released != nil {
			what = "neither is the cancel it returns, so its goroutine stays until that cancel is called"
		}
		if c.checkPaths(fn, flow.ResultValue(call, i), call, subject+" is never "+awaitVerb(f), subject+" is not "+awaitVerb(f), what, nil, released) != nil {
			return
		}
	}
}

// cancelReleases returns the calls of a context.CancelFunc that call
// returns beside its futures: the callee hands the caller a cancel to
// release its goroutines with (runc's goCreateMountSources), and calling
// it counts as awaiting them. deferred: one of the calls is deferred.
func (c *checker) cancelReleases(call *ssa.Call) (calls map[ssa.Instruction]bool, deferred bool) {
	results := call.Common().Signature().Results()
	for i := 0; i < results.Len(); i++ {
		t := results.At(i).Type()
		if !isNamed(t, "context", "CancelFunc") && !isNamed(t, "context", "CancelCauseFunc") {
			continue
		}
		v := flow.ResultValue(call, i)
		if v == nil {
			continue
		}
		for _, u := range c.res.Uses(v) {
			if u.Effect&summary.Calls == 0 {
				continue
			}
			if flow.IsDeferred(u.Instr) {
				return nil, true
			}
			if calls == nil {
				calls = map[ssa.Instruction]bool{}
			}
			calls[u.Instr] = true
		}
	}
	return calls, false
}

// resultNames names results idx of a signature as the user would: by
// their names when they have them, else by position from 1 ("2 and 3").
func resultNames(results *types.Tuple, idx []int) string {
	names := make([]string, len(idx))
	for k, i := range idx {
		names[k] = results.At(i).Name()
		if names[k] == "" || names[k] == "_" {
			names[k] = fmt.Sprint(i + 1)
		}
	}
	last := len(names) - 1
	return strings.Join(names[:last], ", ") + " and " + names[last]
}

// checkArmed reports a local errgroup, WaitGroup, Cmd or similar that is
// armed at calls and not awaited on some path to return.
func (c *checker) checkArmed(fn *ssa.Function, root ssa.Value, calls []ssa.CallInstruction) {
	first := calls[0]
	armer := c.funcText(first)
	wait := "its Wait method"
	if recv := c.argText(first, root); isSimple(recv) {
		wait = recv + ".Wait"
	}
	what := "its goroutines outlive the function"
	if summary.IsDesktopOpener(root) {
		return // one short-lived zombie per call, until the program exits
	}
	if isCmd(root.Type()) {
		what = "the child process is never reaped and stays a zombie"
	}
	sites := c.groupSites(fn, root, calls)
	for _, site := range sites {
		if c.stranded.Stranded(site.Instr.Pos()) {
			return // cancelsafe reported the exit that strands it
		}
	}
	stuck := c.stuckSender(fn, sites)
	if stuck == "" {
		stuck = c.unclosedReceiver(fn, sites)
	}
	released := c.releasedBy(sites)
	closers := c.closersOf(fn, sites)
	for _, call := range calls {
		var started func(*ssa.Return) bool
		if isWaitGroupAdd(root, call) {
			started = c.startedBefore(fn, root, call)
		}
		// A return after closing the channel the goroutines range over
		// has told them to stop; they end on their own.
		key := siteKey(sites)
		keep := func(ret *ssa.Return) bool {
			return (started == nil || started(ret)) && !c.groupRets[key][ret] &&
				!slices.ContainsFunc(closers, func(cl *ssa.Call) bool { return cl.Block().Dominates(ret.Block()) })
		}
		consequence := what
		if stuck != "" {
			consequence += "; " + stuck
		} else if c.countsUnstarted(fn, root, call, keep) {
			consequence += "; waiting there would block forever, since " + armer + " counted a goroutine that path never starts: call Add(1) just before each go statement, then wait before returning"
		} else if at := c.groupCtxWaiter(fn, root, calls); at != 0 {
			consequence += fmt.Sprintf("; a bare Wait there blocks until one of them fails or the group's parent context is canceled, since the goroutine started at line %d waits for the group's context: cancel the parent first, then wait", at)
		}
		if ret := c.checkPaths(fn, root, call,
			fmt.Sprintf("%s is never followed by %s", armer, wait),
			fmt.Sprintf("%s is not followed by %s", armer, wait), consequence, keep, released); ret != nil {
			if len(sites) > 0 {
				if c.groupRets[key] == nil {
					c.groupRets[key] = map[*ssa.Return]bool{}
				}
				c.groupRets[key][ret] = true
			}
			return
		}
	}
}

// groupSites returns the goroutines that the group root counts: those
// that mark a WaitGroup done, or that its calls start.
func (c *checker) groupSites(fn *ssa.Function, root ssa.Value, calls []ssa.CallInstruction) []summary.SpawnSite {
	var out []summary.SpawnSite
	for _, site := range c.res.Spawns(fn) {
		in := slices.Contains(calls, site.Instr)
		for _, j := range site.Joins {
			in = in || j.Kind == summary.JoinWaitGroup && c.res.Canonical(j.Via) == root
		}
		if in {
			out = append(out, site)
		}
	}
	return out
}

// releasedBy returns the instructions after which every goroutine of the
// group is on its way out (summary.ReleasedAt): a cancel func of the
// context each observes, a close of or a receive from the stop channel
// each gives up on. A return after one leaves them only until they see
// it, like a deferred cancel does.
func (c *checker) releasedBy(sites []summary.SpawnSite) map[ssa.Instruction]bool {
	var out map[ssa.Instruction]bool
	for _, site := range sites {
		calls := map[ssa.Instruction]bool{}
		for _, call := range c.res.ReleasedAt(site) {
			if out == nil || out[call] {
				calls[call] = true
			}
		}
		if len(calls) == 0 {
			return nil
		}
		out = calls
	}
	return out
}

// stuckSender says why a Wait may not help: a goroutine of the group
// sends, with nothing to let it give up, on a channel the function
// receives from, so an exit that stops receiving leaves it blocked and
// a Wait there with it. "" when none does.
func (c *checker) stuckSender(fn *ssa.Function, sites []summary.SpawnSite) string {
	for _, site := range sites {
		for _, ch := range c.res.PlainSends(site) {
			if !c.receives(fn, ch) {
				continue
			}
			name := c.recvText(fn, ch)
			return fmt.Sprintf("a Wait there may block forever too, since the goroutine started at line %d sends on %s with nothing to let it give up: let that send select on ctx.Done() or a channel closed on return, or give %s room for every send, then wait",
				c.siteLine(site), name, name)
		}
	}
	return ""
}

// unclosedReceiver says why a Wait may not return: a goroutine of the
// group receives from or ranges over a channel that fn closes, so a Wait
// before that close blocks with it. "" when none does.
func (c *checker) unclosedReceiver(fn *ssa.Function, sites []summary.SpawnSite) string {
	for _, site := range sites {
		for _, ch := range c.res.PlainReceives(site) {
			closes := c.closesOf(fn, ch)
			if len(closes) == 0 {
				continue
			}
			closer := closes[0]
			name := c.recvText(fn, ch)
			if syntax := c.calls[closer.Pos()]; syntax != nil && len(syntax.Args) == 1 && isSimple(types.ExprString(syntax.Args[0])) {
				name = types.ExprString(syntax.Args[0])
			}
			return fmt.Sprintf("a Wait there would block too, since the goroutine started at line %d waits on %s until it is closed: close %s first, then wait",
				c.siteLine(site), name, name)
		}
	}
	return ""
}

// siteKey names a set of go statements by their positions.
func siteKey(sites []summary.SpawnSite) string {
	pos := make([]int, len(sites))
	for i, site := range sites {
		pos[i] = int(site.Instr.Pos())
	}
	slices.Sort(pos)
	return fmt.Sprint(pos)
}

// closersOf returns fn's closes of the channels the goroutines of sites
// receive from or range over with nothing else to end their wait.
func (c *checker) closersOf(fn *ssa.Function, sites []summary.SpawnSite) []*ssa.Call {
	var out []*ssa.Call
	for _, site := range sites {
		for _, ch := range c.res.PlainReceives(site) {
			out = append(out, c.closesOf(fn, ch)...)
		}
	}
	return out
}

// closesOf returns fn's closes of ch.
func (c *checker) closesOf(fn *ssa.Function, ch ssa.Value) []*ssa.Call {
	var out []*ssa.Call
	for _, u := range c.res.Uses(ch) {
		if call, ok := u.Instr.(*ssa.Call); ok && call.Parent() == fn {
			if b, ok := call.Call.Value.(*ssa.Builtin); ok && b.Name() == "close" {
				out = append(out, call)
			}
		}
	}
	return out
}

// siteLine is the line of the go statement or call that starts site's
// goroutine, as the user wrote it.
func (c *checker) siteLine(site summary.SpawnSite) int {
	pos := site.Instr.Pos()
	if syntax := c.calls[pos]; syntax != nil {
		pos = syntax.Pos()
	}
	return c.pass.Fset.Position(pos).Line
}

// receives reports whether fn receives from ch.
func (c *checker) receives(fn *ssa.Function, ch ssa.Value) bool {
	for _, u := range c.res.Uses(ch) {
		if u.Effect&summary.Awaits != 0 && u.Instr.Parent() == fn {
			return true
		}
	}
	return false
}

// recvText quotes ch as the user wrote it: as fn's receive `<-x` spells
// it, or as the variable its make is assigned to; "the channel" when
// neither says.
func (c *checker) recvText(fn *ssa.Function, ch ssa.Value) string {
	for _, u := range c.res.Uses(ch) {
		recv, ok := u.Instr.(*ssa.UnOp)
		if !ok || recv.Op != token.ARROW || u.Instr.Parent() != fn {
			continue
		}
		for _, n := range report.PathTo(c.pass, recv.Pos()) {
			if u, ok := n.(*ast.UnaryExpr); ok && u.Op == token.ARROW && u.OpPos == recv.Pos() {
				if text := types.ExprString(u.X); isSimple(text) {
					return text
				}
			}
		}
	}
	if mk, ok := ch.(*ssa.MakeChan); ok {
		if name, ok := c.res.AssignedNames(c.pass)[mk.Pos()]; ok {
			return name // ch := make(...), var ( ch = make(...) )
		}
	}
	return "the channel"
}

// groupCtxWaiter returns the line of a goroutine the calls start in the
// errgroup root that waits for the Done of the group's own context:
// errgroup.WithContext cancels it only when a goroutine fails or Wait
// returns, so a Wait added at an early return would wait for it. 0 when
// there is none.
func (c *checker) groupCtxWaiter(fn *ssa.Function, root ssa.Value, calls []ssa.CallInstruction) int {
	ex, ok := root.(*ssa.Extract)
	if !ok || ex.Index != 0 {
		return 0
	}
	mk, ok := ex.Tuple.(*ssa.Call)
	if !ok || !summary.IsGroupWithContext(mk) {
		return 0
	}
	ctx := flow.ResultValue(mk, 1)
	if ctx == nil {
		return 0
	}
	for _, site := range c.res.Spawns(fn) {
		if slices.Contains(calls, site.Instr) && c.res.BlocksOnDone(site, ctx) {
			return c.siteLine(site)
		}
	}
	return 0
}

// maxStarts bounds the goroutine starts startedBefore walks from, each
// a walk of the function; past it the WaitGroup is not reported.
const maxStarts = 16

// startedBefore returns which returns a goroutine can have been started
// before, after the WaitGroup's add and with no handled use of wg since
// that start: Add counts goroutines it does not start, and a return that
// no start reaches leaves none behind (a return in a loop's first round,
// before its go statement, on a condition the loop does not change).
// Starts are go statements, spawning calls and calls of functions that
// start goroutines, after the Add, that can mark wg done.
func (c *checker) startedBefore(fn *ssa.Function, wg ssa.Value, add ssa.CallInstruction) func(*ssa.Return) bool {
	handled := map[ssa.Instruction]bool{}
	for _, u := range c.res.Uses(wg) {
		if u.Effect.Handled() {
			handled[u.Instr] = true
		}
	}
	// Only goroutines that can mark wg done count (a logger's goroutine
	// between the Add and an early return is none of them): those that
	// join through wg, and calls whose callee's goroutine may signal it.
	var starts []ssa.Instruction
	for _, site := range c.res.Spawns(fn) {
		if slices.ContainsFunc(site.Joins, func(j summary.Join) bool { return j.Kind == summary.JoinWaitGroup && c.res.HeldValue(j.Via) == wg }) {
			starts = append(starts, site.Instr)
		}
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(*ssa.Call)
			if !ok {
				continue
			}
			sum := c.res.Callee(call.Common())
			if sum == nil || !sum.Spawns {
				continue
			}
			for i, a := range call.Common().Args {
				if c.res.HeldValue(a) == wg && sum.Param(i)&(summary.AsyncSignals|summary.SpawnsWith|summary.Escapes) != 0 {
					starts = append(starts, call)
					break
				}
			}
		}
	}
	g := flow.NewCFG(c.res, fn)
	starts = slices.DeleteFunc(starts, func(s ssa.Instruction) bool { return !g.Reaches(add, s, func(ssa.Instruction) bool { return false }) })
	if len(starts) > maxStarts {
		return func(*ssa.Return) bool { return false }
	}
	var reached map[*ssa.Return]bool // the returns some start reaches, found on first use
	return func(ret *ssa.Return) bool {
		if reached == nil {
			reached = map[*ssa.Return]bool{}
			for _, s := range starts {
				maps.Copy(reached, flow.ReturnsReached(c.res, s, handled, nil))
			}
		}
		return reached[ret]
	}
}

// isWaitGroupAdd reports whether call is Add on the sync.WaitGroup wg.
func isWaitGroupAdd(wg ssa.Value, call ssa.CallInstruction) bool {
	callee := call.Common().StaticCallee()
	return callee != nil && callee.Name() == "Add" && isNamed(wg.Type(), "sync", "WaitGroup")
}

// countsUnstarted reports whether add is a WaitGroup's Add from which
// some path returns without waiting, without starting a goroutine and
// without going round a loop: a Wait added at that return would wait for
// a Done that never comes.
func (c *checker) countsUnstarted(fn *ssa.Function, wg ssa.Value, add ssa.CallInstruction, keep func(*ssa.Return) bool) bool {
	if !isWaitGroupAdd(wg, add) {
		return false
	}
	stops := map[ssa.Instruction]bool{}
	for _, u := range c.res.Uses(wg) {
		if u.Effect.Handled() {
			stops[u.Instr] = true
		}
	}
	ret := flow.LeakingReturnWhere(c.res, add, stops, summary.ErrResult(add), keep)
	if ret == nil {
		return false
	}
	waits := maps.Clone(stops)
	for _, site := range c.res.Spawns(fn) {
		stops[site.Instr] = true
	}
	// A path through a loop header may be the loop running no times,
	// when an Add(len(items)) counted none.
	loops := c.res.Loops(fn)
	for _, l := range loops {
		if len(l.Header.Instrs) > 0 {
			stops[l.Header.Instrs[0]] = true
		}
	}
	if flow.ReachesWithout(c.res, add, ret, stops, summary.ErrResult(add)) {
		return true
	}
	// Add(len(items)) or Add(n) up front counts one goroutine a round: a
	// return out of the loop's body, before its round's go statement,
	// leaves that one unstarted. The loop's own exit, all rounds run, is
	// not that.
	if len(add.Common().Args) != 2 || isOne(add.Common().Args[1]) {
		return false
	}
	for _, l := range loops {
		if l.Blocks[add.Block()] || len(l.Header.Instrs) == 0 {
			continue
		}
		stops := maps.Clone(waits)
		started := false
		for _, site := range c.res.Spawns(fn) {
			if l.Blocks[site.Instr.Block()] {
				stops[site.Instr], started = true, true
			}
		}
		for _, s := range l.Header.Succs {
			if !l.Blocks[s] && len(s.Instrs) > 0 {
				stops[s.Instrs[0]] = true
			}
		}
		if started && flow.ReachesWithout(c.res, l.Header.Instrs[0], ret, stops, summary.ErrResult(add)) {
			return true
		}
	}
	return false
}

// isOne reports whether v is the constant 1: Add(1) counts the one
// goroutine of its own round.
func isOne(v ssa.Value) bool {
	c, ok := v.(*ssa.Const)
	return ok && c.Value != nil && c.Value.String() == "1"
}

// joinedByWaitGroup reports whether every goroutine the calls start (a
// group's Go with a literal) marks done a WaitGroup that the function
// waits for: the group only limits how many run at once (SetLimit), and
// the WaitGroup joins them.
func (c *checker) joinedByWaitGroup(calls []ssa.CallInstruction) bool {
	for _, call := range calls {
		joined := false
		for _, arg := range call.Common().Args {
			mc, ok := arg.(*ssa.MakeClosure)
			if !ok {
				continue
			}
			fn, ok := mc.Fn.(*ssa.Function)
			if !ok {
				continue
			}
			sum := c.res.Of(fn)
			for i, b := range mc.Bindings {
				if sum != nil && i < len(sum.FreeVars) && sum.FreeVars[i]&summary.Signals != 0 &&
					isNamed(c.res.Canonical(b).Type(), "sync", "WaitGroup") && c.waited(c.res.Canonical(b)) {
					joined = true
				}
			}
		}
		if !joined {
			return false
		}
	}
	return len(calls) > 0
}

// releasedOnReturn reports whether wg is a sync.WaitGroup whose
// goroutines all stop waiting when fn returns: each gives up on the
// ctx.Done() of a context fn's defer cancels. A return that skips the
// Wait leaves them only until that defer runs.
func (c *checker) releasedOnReturn(fn *ssa.Function, wg ssa.Value) bool {
	if !isNamed(wg.Type(), "sync", "WaitGroup") {
		return false
	}
	n := 0
	for _, site := range c.res.Spawns(fn) {
		for _, j := range site.Joins {
			if j.Kind != summary.JoinWaitGroup || c.res.Canonical(j.Via) != wg {
				continue
			}
			if !c.res.ReleasedOnReturn(site) {
				return false
			}
			n++
		}
	}
	return n > 0
}

// waited reports whether some use of wg waits for it.
func (c *checker) waited(wg ssa.Value) bool {
	for _, u := range c.res.Uses(wg) {
		if u.Effect&summary.Awaits != 0 {
			return true
		}
	}
	return false
}

// neverWaitedWaitGroup reports whether root is a sync.WaitGroup that fn
// never waits for on any path. Such a WaitGroup is left over, not a join
// forgotten on one path: on real code each one was joined another way,
// by receiving every result (go1.26.8 os_test.go) or by waiting for the
// goroutines' effect (nats-server tests), or its goroutines end on their
// own. Whether those goroutines leak is leakedspawn's question, which
// reads their bodies. A group whose Wait also reports errors or panics
// (errgroup, conc) is still reported.
func (c *checker) neverWaitedWaitGroup(root ssa.Value) bool {
	if !isNamed(root.Type(), "sync", "WaitGroup") {
		return false
	}
	for _, u := range c.res.Uses(root) {
		if u.Effect.Handled() {
			return false
		}
	}
	return true
}

// checkPaths reports, at the call that creates or arms v, whether v is
// neither awaited nor handed on along some path to a return. It returns
// the return it reported, or nil.
func (c *checker) checkPaths(fn *ssa.Function, v ssa.Value, at ssa.CallInstruction, never, notOnPath, consequence string, keep func(*ssa.Return) bool, released map[ssa.Instruction]bool) *ssa.Return {
	handled := maps.Clone(released)
	if handled == nil {
		handled = map[ssa.Instruction]bool{}
	}
	for _, u := range c.res.Uses(v) {
		if !u.Effect.Handled() {
			continue
		}
		if flow.IsDeferred(u.Instr) {
			return nil // a deferred await covers every path
		}
		handled[u.Instr] = true
	}
	ret := flow.LeakingReturnWhere(c.res, at, handled, summary.ErrResult(at), keep)
	if ret == nil {
		return nil
	}
	if len(handled) > 0 && c.res.RunsOnce(fn) || c.res.RunsOnceAt(at) {
		// Once per run, a return leaves what it started once, or what
		// one path skips: bounded, and it ends with the process.
		return nil
	}
	if len(handled) == 0 {
		c.reportAt(at, fmt.Sprintf("%s; %s", never, consequence), nil)
		return ret
	}
	pos := flow.ReturnPos(fn, ret)
	line := c.pass.Fset.Position(pos).Line
	c.reportAt(at, fmt.Sprintf("%s on the path that returns at line %d; %s", notOnPath, line, consequence),
		[]analysis.RelatedInformation{{Pos: pos, Message: "returns here without awaiting it"}})
	return ret
}

func (c *checker) reportAt(call ssa.CallInstruction, msg string, related []analysis.RelatedInformation) {
	d := analysis.Diagnostic{Pos: call.Pos(), Message: msg, Related: related}
	if syntax := c.calls[call.Pos()]; syntax != nil {
		d.Pos, d.End = syntax.Pos(), syntax.End()
	}
	c.rep.Report(d)
}

// funcText quotes the called function as the user wrote it.
func (c *checker) funcText(call ssa.CallInstruction) string {
	if syntax := c.calls[call.Pos()]; syntax != nil {
		return shorten(types.ExprString(syntax.Fun))
	}
	if fn := call.Common().StaticCallee(); fn != nil {
		return fn.Name()
	}
	return "the call"
}

// argText quotes the armed value as the user wrote it: the receiver of a
// method call or the matching argument.
func (c *checker) argText(call ssa.CallInstruction, root ssa.Value) string {
	syntax := c.calls[call.Pos()]
	if syntax != nil {
		common := call.Common()
		args := common.Args
		recv := "" // the receiver's text when root may be the receiver
		if sel, ok := syntax.Fun.(*ast.SelectorExpr); ok {
			if s, ok := c.pass.TypesInfo.Selections[sel]; ok && s.Kind() == types.MethodVal {
				recv = shorten(types.ExprString(sel.X))
				if !common.IsInvoke() && len(args) > 0 {
					if c.res.Canonical(args[0]) == root {
						return recv
					}
					args = args[1:] // the receiver is not in syntax.Args
				} else if common.IsInvoke() && c.res.Canonical(common.Value) == root {
					return recv
				}
			}
		}
		// root handed as an argument: repo.Start(ctx, &wg) waits on wg, not repo.
		for i, arg := range args {
			if c.res.Canonical(arg) == root && i < len(syntax.Args) {
				e := ast.Unparen(syntax.Args[i])
				if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
					e = u.X
				}
				return shorten(types.ExprString(e))
			}
		}
		if recv != "" {
			return recv
		}
	}
	if alloc, ok := root.(*ssa.Alloc); ok && alloc.Comment != "" {
		return alloc.Comment
	}
	return "it"
}

// isSimple reports whether an expression text is a plain name or field path.
func isSimple(expr string) bool {
	return expr != "" && !strings.ContainsAny(expr, "()[]{}*&<- ")
}

func shorten(s string) string {
	if len(s) > 40 {
		return s[:37] + "..."
	}
	return s
}

// isLocalObject reports whether v is an object fn itself made: a local
// variable, or a value a call in fn returned.
func isLocalObject(fn *ssa.Function, v ssa.Value) bool {
	switch v := v.(type) {
	case *ssa.Alloc:
		return v.Parent() == fn
	case *ssa.Call:
		return v.Parent() == fn
	case *ssa.Extract:
		return v.Parent() == fn
	}
	return false
}

func isCmd(t types.Type) bool { return isNamed(t, "os/exec", "Cmd") }

// isNamed reports whether t, or what it points to, is the named type
// pkg.name.
func isNamed(t types.Type, pkg, name string) bool {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	return summary.IsNamed(t, pkg, name)
}

func awaitVerb(f summary.Future) string {
	switch f.Kind {
	case summary.ChanFuture, summary.APIFuture:
		return "received"
	case summary.FuncFuture:
		return "called"
	case summary.JoinFuture:
		return "joined"
	}
	return "awaited"
}

func consequence(f summary.Future) string {
	switch f.Kind {
	case summary.ChanFuture, summary.FuncFuture:
		return "its goroutine blocks forever sending on an unbuffered channel"
	case summary.JoinFuture:
		return "its goroutines outlive the caller"
	case summary.APIFuture:
		return "the shared call's result is lost"
	}
	return "the function is marked //scopevet:mustawait"
}
