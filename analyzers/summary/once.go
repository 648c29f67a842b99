package summary

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/types/typeutil"
)

// cliPackages are command-line frameworks: a program hands them a
// command's action (a cobra Run or RunE, an urfave/cli Action, a kingpin
// or fisk Action), they run the chosen one once, and main returns.
var cliPackages = []string{
	"github.com/spf13/cobra",
	"github.com/urfave/cli",
	"github.com/alecthomas/kingpin",
	"gopkg.in/alecthomas/kingpin.v2",
	"github.com/choria-io/fisk",
}

func isCLIPackage(p *types.Package) bool {
	if p == nil {
		return false
	}
	for _, c := range cliPackages {
		if p.Path() == c || strings.HasPrefix(p.Path(), c+"/") {
			return true
		}
	}
	return false
}

// RunsOnce reports whether fn runs at most once in a run of the program:
// main or init, a command's action handed to a command-line framework,
// or a function of this package that only such functions call, outside
// any loop. What such a function strands when it returns is bounded by
// what it started, once, and ends with the process. A function that
// code out of sight may call (exported outside package main, a method an
// interface of the package names, a value handed on) does not qualify.
func (r *Result) RunsOnce(fn *ssa.Function) bool {
	if r.s == nil || fn == nil {
		return false
	}
	if o := fn.Origin(); o != nil {
		fn = o
	}
	node := fn.Syntax()
	if node == nil {
		return false
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.s.once == nil {
		r.s.once = onceUnits(r.s)
	}
	return r.s.once[node]
}

// RunsOnceAt reports whether instr runs at most once in a run of the
// program: its function runs once (RunsOnce) and instr is in none of
// its loops.
func (r *Result) RunsOnceAt(instr ssa.Instruction) bool {
	fn := instr.Parent()
	return r.RunsOnce(fn) && Innermost(r.Loops(fn), instr.Block()) == nil
}

// onceUnit is a function declaration or literal of the package, with the
// uses that decide whether it runs once.
type onceUnit struct {
	eligible bool // no caller out of sight: see RunsOnce
	root     bool // main, init, or an action handed to a framework
	bad      bool // a use other than a call from outside every loop
	calls    int  // calls from outside every loop
	waiting  int  // of those, calls from units not known to run once yet
	callees  []*onceUnit
	node     ast.Node
}

// onceUnits finds the declarations and literals that run once: roots and
// eligible units, once every call of theirs comes from outside loops of a
// unit that runs once (found by a worklist: linear in the package). Any
// other use (a value handed on, a call in a loop) rules a unit out, a
// root too.
func onceUnits(s *state) map[ast.Node]bool {
	info := s.pass.TypesInfo
	isMain := s.pass.Pkg.Name() == "main"
	// Method names of the interfaces the package writes (type
	// expressions): a call through one does not name the method.
	ifaceNames := map[string]bool{}
	for _, tv := range info.Types {
		if tv.Type == nil {
			continue
		}
		if it, ok := tv.Type.Underlying().(*types.Interface); ok {
			for i := 0; i < it.NumMethods(); i++ {
				ifaceNames[it.Method(i).Name()] = true
			}
		}
	}
	units := map[ast.Node]*onceUnit{}
	declUnit := map[*types.Func]*onceUnit{}
	// Tests are left out: calling a function from a test does not make
	// the program run it more often.
	var files []*ast.File
	for _, file := range s.pass.Files {
		if f := s.pass.Fset.File(file.Pos()); f == nil || !strings.HasSuffix(f.Name(), "_test.go") {
			files = append(files, file)
		}
	}
	for _, file := range files {
		for _, decl := range file.Decls {
			fd, ok := decl.(*ast.FuncDecl)
			if !ok {
				continue
			}
			obj, _ := info.Defs[fd.Name].(*types.Func)
			if obj == nil {
				continue
			}
			u := &onceUnit{node: fd}
			units[fd] = u
			declUnit[obj] = u
			name := obj.Name()
			if fd.Recv == nil {
				u.root = isEntry(name) && (name != "main" || isMain)
				u.eligible = isMain || !ast.IsExported(name)
			} else {
				u.eligible = !ast.IsExported(name) && !ifaceNames[name]
			}
		}
	}
	litUnit := func(lit *ast.FuncLit) *onceUnit {
		u := units[lit]
		if u == nil {
			u = &onceUnit{node: lit, eligible: true}
			units[lit] = u
		}
		return u
	}
	// use records a use of target from unit `from` (nil: a package-level
	// initializer, which runs once).
	use := func(target, from *onceUnit, once bool) {
		if !once {
			target.bad = true
			return
		}
		target.calls++
		if from != nil {
			target.waiting++
			from.callees = append(from.callees, target)
		}
	}
	for _, file := range files {
		var stack []ast.Node
		var owners []*onceUnit // the unit of each level of stack
		loops := map[*onceUnit]int{}
		gotos := map[*onceUnit]bool{}
		// classify records the use n of target, made in unit cur.
		classify := func(target *onceUnit, n ast.Node, cur *onceUnit) {
			ctx, parent := context(stack, n)
			switch {
			case isCallee(ctx, parent):
				use(target, cur, cur == nil || loops[cur] == 0)
			case cliSlot(info, ctx, parent):
				target.root = true
			default:
				target.bad = true
			}
		}
		ast.Inspect(file, func(n ast.Node) bool {
			if n == nil {
				top := stack[len(stack)-1]
				u := owners[len(owners)-1]
				if isLoop(top) {
					loops[u]--
				}
				stack, owners = stack[:len(stack)-1], owners[:len(owners)-1]
				return true
			}
			var cur *onceUnit
			if len(owners) > 0 {
				cur = owners[len(owners)-1]
			}
			switch n := n.(type) {
			case *ast.FuncDecl:
				cur = units[n]
			case *ast.FuncLit:
				lit := litUnit(n)
				classify(lit, n, cur)
				cur = lit
			case *ast.BranchStmt:
				if n.Tok == token.GOTO && cur != nil {
					gotos[cur] = true
				}
			case *ast.Ident:
				fn, _ := info.Uses[n].(*types.Func)
				if fn == nil {
					break
				}
				target := declUnit[fn.Origin()]
				if target == nil {
					break
				}
				classify(target, n, cur)
			}
			if isLoop(n) && cur != nil {
				loops[cur]++
			}
			stack = append(stack, n)
			owners = append(owners, cur)
			return true
		})
		// A call in a unit with a goto may repeat, wherever the goto is.
		for u := range gotos {
			for _, c := range u.callees {
				c.bad = true
			}
		}
	}
	out := map[ast.Node]bool{}
	ready := func(u *onceUnit) bool {
		return !u.bad && u.waiting == 0 && !out[u.node] && (u.root || u.eligible && u.calls > 0)
	}
	var work []*onceUnit
	for _, u := range units {
		if ready(u) {
			out[u.node] = true
			work = append(work, u)
		}
	}
	for len(work) > 0 {
		u := work[len(work)-1]
		work = work[:len(work)-1]
		for _, c := range u.callees {
			c.waiting--
			if ready(c) {
				out[c.node] = true
				work = append(work, c)
			}
		}
	}
	return out
}

func isLoop(n ast.Node) bool {
	switch n.(type) {
	case *ast.ForStmt, *ast.RangeStmt:
		return true
	}
	return false
}

// context climbs from n (an identifier or literal) past parentheses and a
// selector naming it (x.m, pkg.F) to the expression that stands for it,
// and returns that expression with its parent.
func context(stack []ast.Node, n ast.Node) (ast.Node, ast.Node) {
	e := n
	i := len(stack) - 1
	for ; i >= 0; i-- {
		switch p := stack[i].(type) {
		case *ast.ParenExpr:
			e = p
			continue
		case *ast.SelectorExpr:
			if p.Sel == e {
				e = p
				continue
			}
		case *ast.IndexExpr: // an instantiation, f[T]
			if p.X == e {
				e = p
				continue
			}
		case *ast.IndexListExpr:
			if p.X == e {
				e = p
				continue
			}
		}
		return e, stack[i]
	}
	return e, nil
}

func isCallee(e, parent ast.Node) bool {
	call, ok := parent.(*ast.CallExpr)
	return ok && call.Fun == e
}

// cliSlot reports whether e is handed to a command-line framework: an
// argument of one of its functions or methods, or the value of one of
// its struct fields (in a composite literal or an assignment).
func cliSlot(info *types.Info, e, parent ast.Node) bool {
	switch p := parent.(type) {
	case *ast.CallExpr:
		fn, _ := typeutil.Callee(info, p).(*types.Func)
		return fn != nil && isCLIPackage(fn.Pkg())
	case *ast.KeyValueExpr:
		if p.Value != e {
			return false
		}
		key, ok := p.Key.(*ast.Ident)
		if !ok {
			return false
		}
		field, _ := info.Uses[key].(*types.Var)
		return field != nil && field.IsField() && isCLIPackage(field.Pkg())
	case *ast.AssignStmt:
		if len(p.Lhs) != len(p.Rhs) {
			return false
		}
		for i, r := range p.Rhs {
			if r != e {
				continue
			}
			sel, ok := p.Lhs[i].(*ast.SelectorExpr)
			if !ok {
				return false
			}
			field, _ := info.Uses[sel.Sel].(*types.Var)
			return field != nil && field.IsField() && isCLIPackage(field.Pkg())
		}
	}
	return false
}
