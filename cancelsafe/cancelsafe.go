package cancelsafe

import (
	_ "embed"
	"go/token"
	"go/types"
	"reflect"

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

const name = "cancelsafe"

// flagDroppedValues turns on the dropped-value rule.
const flagDroppedValues = "dropped-values"

// Analyzer reports exits that abandon work which is not cancel-safe.
var Analyzer = newAnalyzer()

// config holds one analyzer's flags, so that tests can run analyzers
// with different settings side by side.
type config struct {
	droppedValues bool
}

func newAnalyzer() *analysis.Analyzer {
	cfg := &config{}
	a := &analysis.Analyzer{
		Name:       name,
		Doc:        doctext.Extract(doc, name),
		URL:        "https://pkg.go.dev/github.com/scopevet/scopevet/cancelsafe",
		Requires:   []*analysis.Analyzer{summary.Analyzer},
		ResultType: reflect.TypeOf((*Result)(nil)),
		Run: guard.Run(name, func(pass *analysis.Pass, current *string) (any, error) {
			return run(pass, current, cfg)
		}),
	}
	a.Flags.BoolVar(&cfg.droppedValues, flagDroppedValues, false,
		"also report values taken from a channel and dropped when cancellation wins a forwarding select")
	return a
}

// Result says which goroutines cancelsafe reported stranded, so that
// mustawait leaves the group that counts them alone: one finding per bug
// (docs/design.md, "Who reports a stranded goroutine").
type Result struct {
	stranded map[token.Pos]bool
}

// Stranded reports whether a finding named the goroutine started at pos
// (a go statement or spawning call) as blocked by an exit.
func (r *Result) Stranded(pos token.Pos) bool { return r != nil && r.stranded[pos] }

func run(pass *analysis.Pass, current *string, cfg *config) (any, error) {
	res := pass.ResultOf[summary.Analyzer].(*summary.Result).ForCheck()
	funcs := res.Funcs()
	out := &Result{stranded: map[token.Pos]bool{}}
	if len(funcs) == 0 {
		return out, nil
	}
	c := &checker{pass: pass, res: res, rep: report.New(pass, name), syn: newSyntax(pass), cfg: cfg, out: out}
	c.rep.DropWhere(res.OverBudget)
	for _, fn := range funcs {
		if fn.Synthetic != "" || fn.Blocks == nil || res.DaemonScope(fn) || res.Of(fn) == nil {
			continue
		}
		*current = fn.String()
		c.checkFunc(fn)
	}
	c.rep.Finish()
	return out, nil
}

type checker struct {
	pass *analysis.Pass
	res  *summary.Result
	rep  *report.Reporter
	syn  *syntax
	cfg  *config
	out  *Result
}

// checkFunc reports the abandoning exits of fn.
func (c *checker) checkFunc(fn *ssa.Function) {
	f := &fnCheck{
		CFG:        flow.NewCFG(c.res, fn),
		c:          c,
		fn:         fn,
		sites:      c.res.Spawns(fn),
		reported:   map[token.Pos]bool{},
		abandoning: map[ssa.Instruction]bool{},
		once:       c.res.RunsOnce(fn),
	}
	if !hasChannelWork(fn) {
		return
	}
	f.loops = c.res.Loops(fn)
	for _, p := range f.pendingChannels() {
		f.checkSelects(p)
		f.checkLoops(p)
		f.checkStraight(p)
	}
	f.flush()
	if c.cfg.droppedValues {
		f.checkDropped()
	}
}

// hasChannelWork reports whether fn receives from a channel at all:
// every rule needs a receive or a select that an exit can abandon.
func hasChannelWork(fn *ssa.Function) bool {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			switch instr := instr.(type) {
			case *ssa.Select:
				return true
			case *ssa.UnOp:
				if _, ok := instr.X.Type().Underlying().(*types.Chan); ok {
					return true
				}
			}
		}
	}
	return false
}

// funcText quotes the called function as the user wrote it.
func (c *checker) funcText(call ssa.CallInstruction) string {
	if syntax := c.syn.calls[call.Pos()]; syntax != nil {
		return text(syntax.Fun)
	}
	if fn := call.Common().StaticCallee(); fn != nil {
		return fn.Name()
	}
	return "the callee"
}
