package leakedspawn

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/scopevet/scopevet/analyzers/doctext"
	"github.com/scopevet/scopevet/analyzers/flow"
	"github.com/scopevet/scopevet/analyzers/guard"
	"github.com/scopevet/scopevet/analyzers/report"
	"github.com/scopevet/scopevet/analyzers/summary"
)

//go:embed doc.go
var doc string

const name = "leakedspawn"

// Flag names, as the driver shows them after "-leakedspawn.".
const (
	flagStrict = "strict"
	flagMain   = "main"
)

// Analyzer reports goroutines that escape the scope that started them.
var Analyzer = newAnalyzer()

func newAnalyzer() *analysis.Analyzer {
	a := &analysis.Analyzer{
		Name:     name,
		Doc:      doctext.Extract(doc, name),
		URL:      "https://pkg.go.dev/github.com/scopevet/scopevet/leakedspawn",
		Requires: []*analysis.Analyzer{summary.Analyzer},
	}
	strict := a.Flags.Bool(flagStrict, false, "also report every goroutine that is not joined before its spawner returns, even one that observes cancellation, and a helper's goroutine that may send on a channel nobody receives from")
	daemons := a.Flags.Bool(flagMain, false, "also check goroutines started in main and init, which usually live as long as the process by design, and those started once by code that runs once per run (a command-line action, or what only it calls)")
	a.Run = guard.Run(name, func(pass *analysis.Pass, current *string) (any, error) {
		return run(pass, current, *strict, *daemons)
	})
	return a
}

func run(pass *analysis.Pass, current *string, strict, daemons bool) (any, error) {
	res := pass.ResultOf[summary.Analyzer].(*summary.Result).ForCheck()
	funcs := res.Funcs()
	if len(funcs) == 0 {
		return nil, nil
	}
	c := &checker{pass: pass, res: res, rep: report.New(pass, name), calls: res.Calls(pass), strict: strict, daemons: daemons}
	c.rep.DropWhere(res.OverBudget)
	for _, fn := range funcs {
		if !daemons && res.DaemonScope(fn) || res.Of(fn) == nil {
			continue
		}
		*current = fn.String()
		reached := flow.Reached(res, fn)
		for _, site := range res.Spawns(fn) {
			if reached(site.Instr) {
				c.checkSite(fn, site)
			}
		}
		c.checkHelperCalls(fn, reached)
	}
	*current = "sends to owner loops"
	c.checkLoopSends()
	c.rep.Finish()
	return nil, nil
}

type checker struct {
	pass   *analysis.Pass
	res    *summary.Result
	rep    *report.Reporter
	calls  map[token.Pos]*ast.CallExpr
	strict bool
	// daemons: -main, which also checks what runs once per run.
	daemons bool
	// stopsOf caches tickerStops.
	stopsOf map[*ssa.Call][]ssa.CallInstruction
	// spinning holds the bodies already reported by ignoresCancel: a
	// worker started at several go statements is one bug.
	spinning map[*ssa.Function]bool
}

// finding is one reason a goroutine that escapes its spawner is a bug.
type finding struct {
	msg     string
	related []analysis.RelatedInformation
	fix     *analysis.SuggestedFix // nil: no fix, or none that is provable
}

// checkSite reports a goroutine that fn does not join on every path to
// return, when what it does after fn returns is a bug.
func (c *checker) checkSite(fn *ssa.Function, site summary.SpawnSite) {
	if f := c.ignoresCancel(site); f != nil {
		c.report(site, f)
		return
	}
	escape := c.escapingReturn(fn, site)
	if escape == nil {
		return
	}
	f := c.borrowed(fn, site)
	// Once per run, a goroutine started outside loops that never ends is
	// one goroutine, which ends with the process.
	bounded := !c.daemons && c.res.RunsOnceAt(site.Instr)
	if f == nil && !bounded {
		f = c.neverStops(fn, site)
	}
	if f == nil && c.strict && !bounded && !c.endsByDesign(fn, site) {
		f = c.notJoined(fn, site)
	}
	if f == nil {
		return
	}
	if escape.joinedElsewhere {
		pos := flow.ReturnPos(fn, escape.ret)
		f.msg = fmt.Sprintf("%s (on the path that returns at line %d)", f.msg, c.pass.Fset.Position(pos).Line)
		f.related = append(f.related, analysis.RelatedInformation{Pos: pos, Message: "returns here without joining the goroutine"})
	}
	c.report(site, f)
}

// notJoined is -strict's finding for a goroutine that outlives fn, only
// at a go statement: a helper that starts one is reported where its own
// go statement is, not again at each of its calls.
func (c *checker) notJoined(fn *ssa.Function, site summary.SpawnSite) *finding {
	g, ok := site.Instr.(*ssa.Go)
	if !ok {
		return nil
	}
	what := "goroutine"
	if _, lit := g.Call.Value.(*ssa.MakeClosure); !lit {
		if syntax := c.calls[g.Call.Pos()]; syntax != nil {
			what = "goroutine running " + exprText(syntax.Fun)
		}
	}
	return &finding{msg: fmt.Sprintf("%s is not joined before %s returns; it outlives its scope", what, scopeName(fn))}
}

// endsByDesign reports whether a goroutine that is not joined still has
// a bounded life by a well-known design, which even -strict accepts:
// a time or context AfterFunc callback, a signal.Notify loop, or a
// goroutine blocked in a call on an object the spawner then shuts down
// (go srv.ListenAndServe(); ...; srv.Shutdown(ctx)).
func (c *checker) endsByDesign(fn *ssa.Function, site summary.SpawnSite) bool {
	if summary.IsAfterFunc(site.Instr) {
		return true
	}
	for _, capture := range site.Captures {
		held := c.res.HeldValue(capture)
		for _, u := range c.res.Uses(held) {
			call, ok := u.Instr.(ssa.CallInstruction)
			if !ok {
				continue
			}
			if callee := call.Common().StaticCallee(); callee != nil && callee.Pkg != nil && callee.Pkg.Pkg.Path() == "os/signal" && callee.Name() == "Notify" {
				return true
			}
		}
	}
	return c.shutsDownAfter(fn, site)
}

// shutsDownAfter reports whether fn, after starting the goroutine, calls
// Shutdown, Close or Stop on a value of the same type as one the
// goroutine calls a method on.
func (c *checker) shutsDownAfter(fn *ssa.Function, site summary.SpawnSite) bool {
	body := site.Body
	if body == nil {
		return false
	}
	used := map[string]bool{}
	for _, b := range body.Blocks {
		for _, instr := range b.Instrs {
			if call, ok := instr.(ssa.CallInstruction); ok {
				if callee := call.Common().StaticCallee(); callee != nil && callee.Signature.Recv() != nil {
					used[types.TypeString(callee.Signature.Recv().Type(), nil)] = true
				}
			}
		}
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(ssa.CallInstruction)
			if !ok || call == site.Instr {
				continue
			}
			callee := call.Common().StaticCallee()
			if callee == nil || callee.Signature.Recv() == nil {
				continue
			}
			switch callee.Name() {
			case "Shutdown", "Close", "Stop":
				if used[types.TypeString(callee.Signature.Recv().Type(), nil)] {
					return true
				}
			}
		}
	}
	return false
}

// escape says how a goroutine outlives its spawner: through ret, and
// whether other paths do join it.
type escape struct {
	ret             *ssa.Return
	joinedElsewhere bool
}

// escapingReturn returns how the goroutine of site outlives fn, or nil
// when fn joins it on every path or hands the join to someone else.
func (c *checker) escapingReturn(fn *ssa.Function, site summary.SpawnSite) *escape {
	var leak *escape
	joins := site.Joins
	if c.neverReturns(site.Body) {
		joins = nil // a receive or Wait cannot join a goroutine that never ends
	}
	for _, j := range joins {
		root := c.res.HeldValue(j.Via)
		if !isLocalObject(fn, root) {
			return nil // the caller's or the owner's handle: theirs to join
		}
		handled := map[ssa.Instruction]bool{}
		for _, u := range c.res.Uses(root) {
			if isSiteInstr(site, u.Instr) || !u.Effect.Handled() {
				continue
			}
			if flow.IsDeferred(u.Instr) {
				return nil
			}
			handled[c.joinPoint(u.Instr, root)] = true
		}
		if len(handled) == 0 {
			continue
		}
		ret := flow.LeakingReturn(c.res, site.Instr, handled, nil)
		if ret == nil {
			return nil
		}
		leak = &escape{ret: ret, joinedElsewhere: true}
	}
	if leak != nil {
		return leak
	}
	ret := flow.LeakingReturn(c.res, site.Instr, nil, nil)
	if ret == nil {
		return nil // every path panics or exits
	}
	return &escape{ret: ret}
}

// joinPoint narrows a select that receives from a join channel to the
// branch where that receive wins: the other cases join nothing.
func (c *checker) joinPoint(instr ssa.Instruction, ch ssa.Value) ssa.Instruction {
	sel, ok := instr.(*ssa.Select)
	if !ok {
		return instr
	}
	for i, st := range sel.States {
		if st.Dir == types.RecvOnly && c.res.HeldValue(st.Chan) == ch {
			if cases, _ := summary.Branches(sel); cases != nil && len(cases[i].Instrs) > 0 {
				return cases[i].Instrs[0]
			}
		}
	}
	return instr
}

// isSiteInstr reports whether instr is the spawn itself or the closure
// it runs: the goroutine's own use of its join handle joins nothing.
func isSiteInstr(site summary.SpawnSite, instr ssa.Instruction) bool {
	if instr == site.Instr {
		return true
	}
	mc, ok := instr.(*ssa.MakeClosure)
	if !ok {
		return false
	}
	if site.Instr.Common().Value == mc {
		return true
	}
	for _, arg := range site.Instr.Common().Args {
		if arg == mc {
			return true
		}
	}
	return false
}

func (c *checker) report(site summary.SpawnSite, f *finding) { c.reportCall(site.Instr, f) }

// reportCall reports at the go keyword of a go statement, or at the call.
func (c *checker) reportCall(call ssa.CallInstruction, f *finding) {
	d := analysis.Diagnostic{Pos: call.Pos(), Message: f.msg, Related: f.related}
	if f.fix != nil {
		d.SuggestedFixes = []analysis.SuggestedFix{*f.fix}
	}
	if _, ok := call.(*ssa.Go); ok {
		d.End = d.Pos + token.Pos(len("go"))
	} else if syntax := c.calls[call.Pos()]; syntax != nil {
		d.Pos, d.End = syntax.Pos(), syntax.End()
	}
	c.rep.Report(d)
}

// exprText quotes an expression as the user wrote it, shortened.
func exprText(e ast.Expr) string {
	s := types.ExprString(e)
	if len(s) > 40 {
		s = s[:37] + "..."
	}
	return s
}

// scopeName names the spawner as a message quotes it.
func scopeName(fn *ssa.Function) string {
	if fn.Parent() != nil {
		return "the function literal"
	}
	return fn.Name()
}

// isLocalObject reports whether v is an object fn itself made.
func isLocalObject(fn *ssa.Function, v ssa.Value) bool {
	switch v := v.(type) {
	case *ssa.Alloc, *ssa.MakeChan, *ssa.Call, *ssa.Extract, *ssa.MakeMap, *ssa.MakeSlice:
		return v.(ssa.Instruction).Parent() == fn
	}
	return false
}
