package summary

import (
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"slices"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/scopevet/scopevet/analyzers/guard"
	"github.com/scopevet/scopevet/analyzers/report"
)

// Analyzer is the shared pass. It reports nothing.
var Analyzer = &analysis.Analyzer{
	Name:       "scopevetsummary",
	Doc:        "shared SSA pass computing concurrency summaries for the scopevet checks",
	URL:        "https://pkg.go.dev/github.com/scopevet/scopevet/analyzers/summary",
	Run:        guard.Run("scopevetsummary", func(pass *analysis.Pass, current *string) (any, error) { return run(pass, current, false) }),
	ResultType: reflect.TypeFor[*Result](),
	FactTypes:  []analysis.Fact{new(funcFact)},
}

// FactsAnalyzer is the shared pass for a package whose findings nobody
// reports (a dependency go vet analyzes only for its facts): it exports
// the facts Analyzer does, and its Result answers no question.
var FactsAnalyzer = &analysis.Analyzer{
	Name:       Analyzer.Name,
	Doc:        Analyzer.Doc,
	URL:        Analyzer.URL,
	Run:        guard.Run("scopevetsummary", func(pass *analysis.Pass, current *string) (any, error) { return run(pass, current, true) }),
	ResultType: Analyzer.ResultType,
	FactTypes:  Analyzer.FactTypes,
}

// run is the shared pass; factsOnly says that only its facts are used.
func run(pass *analysis.Pass, current *string, factsOnly bool) (any, error) {
	if !isRelevant(pass) {
		return &Result{mu: new(sync.Mutex)}, nil
	}
	*current = pass.Pkg.Path()
	s := &state{
		pass:   pass,
		marked: markedFuncs(pass),
		sums:   map[*ssa.Function]*Summary{},
		busy:   map[*ssa.Function]bool{},

		closureBusy: map[*ssa.MakeClosure]bool{},
		current:     current,
		usesMemo:    map[ssa.Value]memoUses{},
		spawnsMemo:  map[*ssa.Function]memoSpawns{},
		bodyMemo:    map[*ssa.Function]bodyOps{},
		storeMemo:   map[*ssa.Alloc]ssa.Value{},
		joinedMemo:  map[*ssa.Go]bool{},
		countedMemo: map[*Loop]*counted{},
	}
	api := importable(pass.Pkg)
	var bodies map[*ast.FuncDecl]bool // nil: every body
	if factsOnly {
		if bodies = factBodies(pass, api); bodies == nil {
			return &Result{mu: new(sync.Mutex)}, nil // no fact to export
		}
	}
	s.pkg, s.funcs = buildSSA(pass, bodies)
	for _, fn := range s.funcs {
		if fn.Parent() == nil {
			s.size += instrCount(fn)
		}
	}
	s.workCap = computeStepsMin + computeStepsPerInstr*s.size
	for _, fn := range calleesFirst(s.pkg, s.funcs) {
		s.summarize(fn)
	}
	s.workCap = unmetered
	for _, fn := range s.funcs {
		sum := s.summarize(fn)
		if sum == nil {
			continue
		}
		if obj, ok := fn.Object().(*types.Func); ok && fn.Parent() == nil && sum.worthAFact() && api.has(obj) {
			pass.ExportObjectFact(obj, factOf(sum))
		}
	}
	if factsOnly {
		return &Result{mu: new(sync.Mutex)}, nil
	}
	return &Result{s: s, mu: new(sync.Mutex)}, nil
}

// buildSSA builds SSA for the package alone, as buildssa does, and lists
// its source functions (with their literals) in source order. With bodies
// not nil, only the declarations in it get their bodies.
func buildSSA(pass *analysis.Pass, bodies map[*ast.FuncDecl]bool) (*ssa.Package, []*ssa.Function) {
	prog := ssa.NewProgram(pass.Fset, 0)
	for _, p := range pass.Pkg.Imports() {
		prog.CreatePackage(p, nil, nil, true)
	}
	pkg := prog.CreatePackage(pass.Pkg, withoutBodies(pass.Files, bodies), pass.TypesInfo, false)
	pkg.Build()

	var funcs []*ssa.Function
	var add func(fn *ssa.Function)
	add = func(fn *ssa.Function) {
		funcs = append(funcs, fn)
		for _, anon := range fn.AnonFuncs {
			add(anon)
		}
	}
	for _, file := range pass.Files {
		for _, decl := range file.Decls {
			decl, ok := decl.(*ast.FuncDecl)
			if !ok {
				continue
			}
			obj, ok := pass.TypesInfo.Defs[decl.Name].(*types.Func)
			if !ok {
				continue
			}
			if fn := prog.FuncValue(obj); fn != nil {
				add(fn)
			}
		}
	}
	return pkg, funcs
}

// withoutBodies returns files, with a copy of each function declaration
// whose body is over the syntax bounds, or not in bodies (unless bodies is
// nil), its body left out. SSA then builds it as a function without a
// body, which gets no summary, as if it were over the SSA bounds; but
// building SSA for it, which is what costs (lifting a generated function
// of 20,000 lines took most of a second), is skipped. The files
// themselves are shared with other analyzers and are not changed.
func withoutBodies(files []*ast.File, bodies map[*ast.FuncDecl]bool) []*ast.File {
	var out []*ast.File
	for i, file := range files {
		var decls []ast.Decl
		for j, decl := range file.Decls {
			fd, ok := decl.(*ast.FuncDecl)
			if !ok || fd.Body == nil || (bodies == nil || bodies[fd]) && !overSyntaxBound(fd.Body) {
				continue
			}
			if decls == nil {
				decls = slices.Clone(file.Decls)
			}
			bodiless := *fd
			bodiless.Body = nil
			decls[j] = &bodiless
		}
		if decls == nil {
			continue
		}
		if out == nil {
			out = slices.Clone(files)
		}
		trimmed := *file
		trimmed.Decls = decls
		out[i] = &trimmed
	}
	if out == nil {
		return files
	}
	return out
}

// overSyntaxBound reports whether a function body is over the bounds as
// its syntax shows them: more than maxNodes nodes, or more than maxBlocks
// branches (if, loop, case, && and ||), each of which SSA gives at least
// one block of its own. It stops as soon as it knows.
func overSyntaxBound(body *ast.BlockStmt) bool {
	nodes, branches := 0, 0
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case nil: // Inspect leaving a node
			return false
		case *ast.IfStmt, *ast.ForStmt, *ast.RangeStmt, *ast.CaseClause, *ast.CommClause:
			branches++
		case *ast.BinaryExpr:
			if n.Op == token.LAND || n.Op == token.LOR {
				branches++
			}
		}
		nodes++
		return nodes <= maxNodes && branches <= maxBlocks
	})
	return nodes > maxNodes || branches > maxBlocks
}

// markedFuncs finds the functions whose doc comment has //scopevet:mustawait.
func markedFuncs(pass *analysis.Pass) map[*types.Func]bool {
	marked := map[*types.Func]bool{}
	for _, file := range pass.Files {
		for _, decl := range file.Decls {
			decl, ok := decl.(*ast.FuncDecl)
			if !ok || decl.Doc == nil {
				continue
			}
			for _, c := range decl.Doc.List {
				if HasMustAwaitDirective(c.Text) {
					if obj, ok := pass.TypesInfo.Defs[decl.Name].(*types.Func); ok {
						marked[obj] = true
					}
				}
			}
		}
	}
	return marked
}

// isRelevant reports whether the package can have anything to summarize
// that a check uses: goroutines, a mustawait directive, or a call of a
// modelled concurrency API or of a function whose summary has a future or
// arms its argument. Most packages have none, and for them no SSA is built.
// The standard library is never summarized: models describe what checks
// need of it, and some drivers never analyze it.
func isRelevant(pass *analysis.Pass) bool {
	if isStdPath(pass.Pkg.Path()) {
		return false
	}
	for _, file := range pass.Files {
		for _, cg := range file.Comments {
			for _, c := range cg.List {
				if HasMustAwaitDirective(c.Text) {
					return true
				}
			}
		}
		found := false
		ast.Inspect(file, func(n ast.Node) bool {
			if _, ok := n.(*ast.GoStmt); ok {
				found = true
			}
			return !found
		})
		if found {
			return true
		}
	}
	for _, obj := range pass.TypesInfo.Uses {
		fn, ok := obj.(*types.Func)
		if !ok || fn.Pkg() == nil || fn.Pkg() == pass.Pkg {
			continue
		}
		fn = fn.Origin()
		if m := modelOf(fn); m != nil {
			if m.matters() {
				return true
			}
			continue
		}
		var f funcFact
		if pass.ImportObjectFact(fn, &f) && f.summary().matters() {
			return true
		}
	}
	return false
}

// Result answers the checks' questions about the package. Summaries are
// computed lazily, and the checks of one package run in parallel, so every
// query that can compute takes mu.
type Result struct {
	s  *state // nil when the package has nothing to summarize
	mu *sync.Mutex
	b  *budget // the check's budget (ForCheck); nil: nothing is charged
}

// Calls returns the package's calls by the position SSA gives them
// (report.CallIndex), built once for every check; the map is shared: do
// not change it.
func (r *Result) Calls(pass *analysis.Pass) map[token.Pos]*ast.CallExpr {
	if r.s == nil {
		return report.CallIndex(pass)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.s.calls == nil {
		r.s.calls = report.CallIndex(r.s.pass)
	}
	return r.s.calls
}

// AssignedNames returns the names of the variables the package's calls
// are assigned to (report.AssignedNames), built once for every check;
// the map is shared: do not change it.
func (r *Result) AssignedNames(pass *analysis.Pass) map[token.Pos]string {
	if r.s == nil {
		return report.AssignedNames(pass)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.s.assigned == nil {
		r.s.assigned = report.AssignedNames(r.s.pass)
	}
	return r.s.assigned
}

// Funcs returns the package's source functions, literals included, in
// source order; nil when the package has nothing to summarize.
func (r *Result) Funcs() []*ssa.Function {
	if r.s == nil {
		return nil
	}
	return r.s.funcs
}

// Of returns the summary of a function of this package, or nil when it is
// over the analysis bounds or recursive.
func (r *Result) Of(fn *ssa.Function) *Summary {
	if r.s == nil {
		return nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if !r.pay(fn, cost{}, 1) {
		return nil
	}
	return r.s.summarize(fn)
}

// Callee returns the summary of the static callee of a call, from a model,
// this package or an imported fact; nil when unknown.
func (r *Result) Callee(common *ssa.CallCommon) *Summary {
	if r.s == nil {
		return nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.s.calleeSummary(common)
}

// Use is one instruction that uses a value, and what it does with it.
type Use struct {
	Instr  ssa.Instruction
	Effect Effect
}

// Uses lists the instructions that use v or an alias of v (a direction
// change, a phi, a local variable holding it), with their effects.
// Instructions that only make an alias are left out. The slice is
// shared: do not change it. Nil once the check's budget for v's
// function is spent.
func (r *Result) Uses(v ssa.Value) []Use {
	if r.s == nil {
		return nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.usesLocked(v)
}

// usesLocked is Uses with mu held.
func (r *Result) usesLocked(v ssa.Value) []Use {
	m := r.s.memoizedUses(v)
	if !r.pay(v.Parent(), m.cost, len(m.uses)) {
		return nil
	}
	return m.uses
}

// memoUses is a memoized answer of Uses.
type memoUses struct {
	uses []Use
	cost cost
}

// memoizedUses computes uses(v) once per value.
func (s *state) memoizedUses(v ssa.Value) memoUses {
	if m, ok := s.usesMemo[v]; ok {
		return m
	}
	var m memoUses
	m.cost = s.metered(func() { m.uses = s.uses(v) })
	s.usesMemo[v] = m
	return m
}

func (s *state) uses(v ssa.Value) []Use {
	w := s.newWalker(Escapes)
	var uses []Use
	for _, a := range w.aliases(v) {
		refs := a.Referrers()
		if refs == nil {
			continue
		}
		for _, ref := range *refs {
			if !s.step() {
				return uses
			}
			if isAliasing(w, a, ref) {
				continue
			}
			clear(w.seen)
			w.seen[a] = true
			uses = append(uses, Use{Instr: ref, Effect: w.useEffect(a, ref)})
		}
	}
	return append(uses, s.closureUses(v)...)
}

// closureUses returns the uses of v, a result of a call, by a closure
// the same call returns (`done, f := helper()`, where f sends on done):
// each go statement that runs the closure, with what the closure does
// with v; any other use of the closure lets v escape, since it may run
// anywhere.
func (s *state) closureUses(v ssa.Value) []Use {
	x, ok := v.(*ssa.Extract)
	if !ok {
		return nil
	}
	call, ok := x.Tuple.(*ssa.Call)
	if !ok {
		return nil
	}
	var uses []Use
	for _, ref := range *call.Referrers() {
		f, ok := ref.(*ssa.Extract)
		if !ok || f == x {
			continue
		}
		if _, ok := f.Type().Underlying().(*types.Signature); !ok {
			continue
		}
		fn, bindings := s.returnedClosure(f)
		if fn == nil {
			continue
		}
		sum := s.summarize(fn)
		var e Effect
		for k, b := range bindings {
			if b != v {
				continue
			}
			if sum == nil || k >= len(sum.FreeVars) {
				e |= Escapes
			} else {
				e |= sum.FreeVars[k]
			}
		}
		if e == 0 {
			continue
		}
		for _, use := range *f.Referrers() {
			switch use := use.(type) {
			case *ssa.DebugRef:
			case *ssa.Go:
				if use.Call.Value == f && len(use.Call.Args) == 0 {
					uses = append(uses, Use{Instr: use, Effect: e.async()})
					continue
				}
				uses = append(uses, Use{Instr: use, Effect: Escapes})
			default:
				uses = append(uses, Use{Instr: use, Effect: Escapes})
			}
		}
	}
	return uses
}

// isAliasing reports whether ref only makes an alias of v.
func isAliasing(w *walker, v ssa.Value, ref ssa.Instruction) bool {
	switch u := ref.(type) {
	case *ssa.ChangeType, *ssa.Phi, *ssa.DebugRef:
		return true
	case *ssa.Store:
		return w.containers[u.Addr] && u.Val == v || w.containers[v]
	case *ssa.UnOp:
		return u.Op == token.MUL && w.containers[v]
	}
	return false
}

// Canonical sees through direction changes and local variables holding
// one value, to the object a value refers to.
func (r *Result) Canonical(v ssa.Value) ssa.Value {
	if r.s == nil {
		return v
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.s.canonical(v)
}

// SingleStore returns the one value stored in a local variable, or nil:
// a captured variable that is never reassigned holds that value.
func (r *Result) SingleStore(alloc *ssa.Alloc) ssa.Value {
	if r.s == nil {
		return nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.s.singleStore(alloc)
}

// HeldValue sees through a captured variable that is never reassigned
// (its single store) and then through Canonical's aliases: what a
// goroutine's capture stands for in its spawner.
func (r *Result) HeldValue(v ssa.Value) ssa.Value {
	if r.s == nil {
		return v
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.s.heldValue(v)
}

func (s *state) heldValue(v ssa.Value) ssa.Value {
	if alloc, ok := v.(*ssa.Alloc); ok {
		if stored := s.singleStore(alloc); stored != nil {
			v = stored
		}
	}
	return s.canonical(v)
}

// IsFresh reports whether v is a new object that only this function
// holds: a local variable, or a result of a known constructor such as
// exec.Command, or of a function whose summary says it keeps no reference.
func (r *Result) IsFresh(v ssa.Value) bool {
	if r.s == nil {
		return false
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	switch v := v.(type) {
	case *ssa.Alloc:
		return true
	case *ssa.Call:
		return r.s.callReturnsFresh(v.Common(), 0)
	case *ssa.Extract:
		call, ok := v.Tuple.(*ssa.Call)
		return ok && r.s.callReturnsFresh(call.Common(), v.Index)
	}
	return false
}

// IsNoReturn reports whether the call never returns (os.Exit, log.Fatal,
// t.Fatal, runtime.Goexit).
func (r *Result) IsNoReturn(call ssa.CallInstruction) bool {
	return isNoReturnCall(call.Common())
}
