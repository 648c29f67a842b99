package mustawait

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"github.com/scopevet/scopevet/analyzers/doctext"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/scopevet/scopevet/analyzers/guard"
	"github.com/scopevet/scopevet/analyzers/report"
	"github.com/scopevet/scopevet/analyzers/summary"
)

//go:embed doc.go
var doc string

const name = "mustawait"

// Analyzer reports futures that are never awaited.
var Analyzer = &analysis.Analyzer{
	Name:     name,
	Doc:      doctext.Extract(doc, name),
	URL:      "https://pkg.go.dev/github.com/scopevet/scopevet/mustawait",
	Requires: []*analysis.Analyzer{summary.Analyzer},
	Run:      guard.Run(name, run),
}

func run(pass *analysis.Pass, current *string) (any, error) {
	res := pass.ResultOf[summary.Analyzer].(*summary.Result)
	funcs := res.Funcs()
	if len(funcs) == 0 {
		return nil, nil
	}
	c := &checker{pass: pass, res: res, rep: report.New(pass, name), calls: callIndex(pass)}
	for _, fn := range funcs {
		if isDaemonScope(fn) || res.Of(fn) == nil {
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
}

// callIndex maps each call's Lparen, which SSA uses as the call's
// position, to its syntax.
func callIndex(pass *analysis.Pass) map[token.Pos]*ast.CallExpr {
	calls := map[token.Pos]*ast.CallExpr{}
	for _, f := range pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			if call, ok := n.(*ast.CallExpr); ok {
				calls[call.Lparen] = call
			}
			return true
		})
	}
	return calls
}

// isDaemonScope reports whether fn is main, an init function, or a
// literal inside them: goroutines started there live as long as the
// process, by design.
func isDaemonScope(fn *ssa.Function) bool {
	for fn.Parent() != nil {
		fn = fn.Parent()
	}
	if fn.Signature.Recv() != nil {
		return false
	}
	if strings.HasPrefix(fn.Name(), "init#") || fn.Name() == "init" {
		return true
	}
	return fn.Name() == "main" && fn.Pkg != nil && fn.Pkg.Pkg.Name() == "main"
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
				root := summary.Canonical(arg)
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
	for _, root := range roots {
		if c.res.IsStartBarrier(root) {
			continue
		}
		c.checkArmed(fn, root, armed[root])
	}
}

// checkResults reports the future results of call that are dropped.
func (c *checker) checkResults(fn *ssa.Function, call *ssa.Call, sum *summary.Summary) {
	n := call.Common().Signature().Results().Len()
	for i := 0; i < n; i++ {
		f := sum.Result(i)
		if !f.Reportable() {
			continue
		}
		v := resultValue(call, i, n)
		subject := "result of " + c.funcText(call)
		if v == nil {
			c.reportAt(call, fmt.Sprintf("%s is discarded; %s", subject, consequence(f)), nil)
			continue
		}
		c.checkPaths(fn, v, call, subject+" is never "+awaitVerb(f), subject+" is not "+awaitVerb(f), consequence(f))
	}
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
	if isCmd(root.Type()) {
		what = "the child process is never reaped and stays a zombie"
	}
	for _, call := range calls {
		if c.checkPaths(fn, root, call,
			fmt.Sprintf("%s is never followed by %s", armer, wait),
			fmt.Sprintf("%s is not followed by %s", armer, wait), what) {
			return
		}
	}
}

// checkPaths reports, at the call that creates or arms v, whether v is
// neither awaited nor handed on along some path to a return. It returns
// whether it reported.
func (c *checker) checkPaths(fn *ssa.Function, v ssa.Value, at ssa.CallInstruction, never, notOnPath, consequence string) bool {
	handled := map[ssa.Instruction]bool{}
	for _, u := range c.res.Uses(v) {
		if !u.Effect.Handled() {
			continue
		}
		if isDeferred(u.Instr) {
			return false // a deferred await covers every path
		}
		handled[u.Instr] = true
	}
	ret := c.leakingReturn(fn, at, handled, errResult(at))
	if ret == nil {
		return false
	}
	if len(handled) == 0 {
		c.reportAt(at, fmt.Sprintf("%s; %s", never, consequence), nil)
		return true
	}
	pos := returnPos(fn, ret)
	line := c.pass.Fset.Position(pos).Line
	c.reportAt(at, fmt.Sprintf("%s on the path that returns at line %d; %s", notOnPath, line, consequence),
		[]analysis.RelatedInformation{{Pos: pos, Message: "returns here without awaiting it"}})
	return true
}

// leakingReturn finds a return reachable from at along a path with no
// handled instruction, or nil. Paths on which the creating call's own
// error is non-nil are skipped: a call that failed started nothing.
// Returns that a handled instruction can also reach are not counted:
// they sit after an await on some path, and a path that skips it
// usually depends on a condition the CFG cannot see (a Wait under
// "if len(x) == 0" that mirrors an earlier one).
func (c *checker) leakingReturn(fn *ssa.Function, at ssa.Instruction, handled map[ssa.Instruction]bool, errv ssa.Value) *ssa.Return {
	afterAwait := reachableFrom(handled)
	var found *ssa.Return
	c.walkFrom(at, errv, func(instr ssa.Instruction) bool {
		if handled[instr] {
			return true
		}
		switch instr := instr.(type) {
		case *ssa.Return:
			if !afterAwait[instr.Block()] && found == nil {
				found = instr
			}
			return true
		case *ssa.Panic:
			return true
		case *ssa.Call:
			return c.res.IsNoReturn(instr)
		}
		return false
	})
	return found
}

// walkFrom visits, in a depth-first order, the instructions that can run
// after at, following each block's successors (less errv's failure
// branch) until stop returns true.
func (c *checker) walkFrom(at ssa.Instruction, errv ssa.Value, stop func(ssa.Instruction) bool) {
	start := at.Block()
	rest := start.Instrs
	for i, instr := range start.Instrs {
		if instr == at {
			rest = start.Instrs[i+1:]
		}
	}
	if scanUntil(rest, stop) {
		return
	}
	visited := map[*ssa.BasicBlock]bool{}
	// A fresh slice: appending must never write into the CFG's own Succs.
	stack := append([]*ssa.BasicBlock(nil), successors(start, errv)...)
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if visited[b] {
			continue
		}
		visited[b] = true
		if !scanUntil(b.Instrs, stop) {
			succs := successors(b, errv)
			for i := len(succs) - 1; i >= 0; i-- {
				stack = append(stack, succs[i])
			}
		}
	}
}

func scanUntil(instrs []ssa.Instruction, stop func(ssa.Instruction) bool) bool {
	for _, instr := range instrs {
		if stop(instr) {
			return true
		}
	}
	return false
}

// reachableFrom returns the blocks that can run after any of instrs,
// including the blocks that hold them.
func reachableFrom(instrs map[ssa.Instruction]bool) map[*ssa.BasicBlock]bool {
	seen := map[*ssa.BasicBlock]bool{}
	var stack []*ssa.BasicBlock
	for instr := range instrs {
		stack = append(stack, instr.Block())
	}
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[b] {
			continue
		}
		seen[b] = true
		stack = append(stack, b.Succs...)
	}
	return seen
}

// successors returns b's successors, leaving out the branch taken when
// errv is non-nil.
func successors(b *ssa.BasicBlock, errv ssa.Value) []*ssa.BasicBlock {
	if errv == nil || len(b.Succs) != 2 {
		return b.Succs
	}
	cond, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
	if !ok {
		return b.Succs
	}
	cmp, ok := cond.Cond.(*ssa.BinOp)
	if !ok || !(cmp.X == errv && summary.IsNil(cmp.Y) || cmp.Y == errv && summary.IsNil(cmp.X)) {
		return b.Succs
	}
	switch cmp.Op {
	case token.NEQ:
		return b.Succs[1:]
	case token.EQL:
		return b.Succs[:1]
	}
	return b.Succs
}

// errResult returns the error the call returns last, or nil.
func errResult(call ssa.CallInstruction) ssa.Value {
	v, ok := call.(*ssa.Call)
	if !ok {
		return nil
	}
	results := v.Common().Signature().Results()
	n := results.Len()
	if n == 0 || !types.Identical(results.At(n-1).Type(), types.Universe.Lookup("error").Type()) {
		return nil
	}
	if n == 1 {
		return v
	}
	for _, ref := range *v.Referrers() {
		if ex, ok := ref.(*ssa.Extract); ok && ex.Index == n-1 {
			return ex
		}
	}
	return nil
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
		if sel, ok := syntax.Fun.(*ast.SelectorExpr); ok {
			if s, ok := c.pass.TypesInfo.Selections[sel]; ok && s.Kind() == types.MethodVal {
				return shorten(types.ExprString(sel.X))
			}
		}
		for i, arg := range call.Common().Args {
			if summary.Canonical(arg) == root && i < len(syntax.Args) {
				e := ast.Unparen(syntax.Args[i])
				if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
					e = u.X
				}
				return shorten(types.ExprString(e))
			}
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

// resultValue returns the value of result i of call, or nil when the
// result is never used.
func resultValue(call *ssa.Call, i, n int) ssa.Value {
	if n == 1 {
		if refs := call.Referrers(); refs != nil && hasRealUse(*refs) {
			return call
		}
		return nil
	}
	for _, ref := range *call.Referrers() {
		if ex, ok := ref.(*ssa.Extract); ok && ex.Index == i && hasRealUse(*ex.Referrers()) {
			return ex
		}
	}
	return nil
}

func hasRealUse(refs []ssa.Instruction) bool {
	for _, r := range refs {
		if _, ok := r.(*ssa.DebugRef); !ok {
			return true
		}
	}
	return false
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

// isDeferred reports whether instr runs at function exit: a defer, or a
// closure that is deferred.
func isDeferred(instr ssa.Instruction) bool {
	switch instr := instr.(type) {
	case *ssa.Defer:
		return true
	case *ssa.MakeClosure:
		for _, ref := range *instr.Referrers() {
			if d, ok := ref.(*ssa.Defer); ok && d.Call.Value == instr {
				return true
			}
		}
	}
	return false
}

// returnPos is where a return is written; an implicit return is at the
// function's closing brace.
func returnPos(fn *ssa.Function, ret *ssa.Return) token.Pos {
	if ret.Pos().IsValid() {
		return ret.Pos()
	}
	switch syntax := fn.Syntax().(type) {
	case *ast.FuncDecl:
		if syntax.Body != nil {
			return syntax.Body.Rbrace
		}
	case *ast.FuncLit:
		return syntax.Body.Rbrace
	}
	return fn.Pos()
}

func isCmd(t types.Type) bool {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "os/exec" && n.Obj().Name() == "Cmd"
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
