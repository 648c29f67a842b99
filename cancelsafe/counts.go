package cancelsafe

import (
	"go/ast"
	"go/token"
	"go/types"
	"strconv"

	"golang.org/x/tools/go/ssa"
)

// count is a number of sends as an expression valid at the make:
// "1", "3", "workers", "n", "len(urls)".
type count struct {
	text string
	n    int64 // its value when constant, else -1
	// safe: it cannot be negative (a constant, a len, an unsigned
	// variable), so that make cannot panic with it.
	safe bool
}

func constCount(n int64) count { return count{strconv.FormatInt(n, 10), n, n >= 0} }

// goroutines says how many goroutines site starts per channel made at
// mc: 1 outside loops; the loop bound for one loop that runs the site
// on each iteration (exact when constant and nothing leaves the loop
// early); unknown (-1) otherwise. bound is that count as an expression
// valid at mc, if there is one.
func (f *fnCheck) goroutines(site ssa.Instruction, mc origin) (n int64, bound count, exact bool) {
	var makePos token.Pos
	if mc != nil {
		makePos = originPos(mc)
	}
	var around []ast.Stmt
	for _, l := range f.c.syn.enclosingLoops(site.Pos()) {
		if mc == nil || !(l.Pos() <= makePos && makePos < l.End()) {
			around = append(around, l)
		}
	}
	cycle := f.inCycle(site, mc)
	switch {
	case len(around) == 0 && !cycle:
		return 1, constCount(1), true
	case len(around) != 1 || !cycle:
		return -1, count{n: -1}, false
	}
	l := around[0]
	bound = f.loopBound(l, makePos)
	if bound.n < 0 {
		return -1, bound, false
	}
	return bound.n, bound, !leavesEarly(l)
}

// loopBound returns the number of iterations of a counted loop as an
// expression stable at pos (its text is "" when there is none).
func (f *fnCheck) loopBound(l ast.Stmt, pos token.Pos) count {
	info := f.c.pass.TypesInfo
	none := count{n: -1}
	var bound ast.Expr
	switch l := l.(type) {
	case *ast.RangeStmt:
		t := info.TypeOf(l.X)
		if t == nil {
			return none
		}
		switch u := t.Underlying().(type) {
		case *types.Basic:
			if u.Info()&types.IsInteger == 0 {
				return none
			}
			bound = l.X
		case *types.Array:
			return constCount(u.Len())
		case *types.Pointer:
			if a, ok := u.Elem().Underlying().(*types.Array); ok {
				return constCount(a.Len())
			}
			return none
		case *types.Slice, *types.Map:
			return f.c.syn.stableLen(l.X, pos)
		default:
			return none
		}
	case *ast.ForStmt:
		bound = countedBound(info, l)
	}
	if bound == nil {
		return none
	}
	return f.c.syn.stableExpr(bound, pos)
}

// countedBound returns E for a loop "for i := 0; i < E; i++" whose
// index the body never assigns, or nil.
func countedBound(info *types.Info, l *ast.ForStmt) ast.Expr {
	init, ok := l.Init.(*ast.AssignStmt)
	if !ok || init.Tok != token.DEFINE || len(init.Lhs) != 1 || len(init.Rhs) != 1 {
		return nil
	}
	id, ok := init.Lhs[0].(*ast.Ident)
	if !ok {
		return nil
	}
	idx := info.Defs[id]
	if tv, ok := info.Types[init.Rhs[0]]; !ok || tv.Value == nil || tv.Value.ExactString() != "0" {
		return nil
	}
	cond, ok := l.Cond.(*ast.BinaryExpr)
	if !ok || cond.Op != token.LSS {
		return nil
	}
	if x, ok := ast.Unparen(cond.X).(*ast.Ident); !ok || info.Uses[x] != idx {
		return nil
	}
	post, ok := l.Post.(*ast.IncDecStmt)
	if !ok || post.Tok != token.INC {
		return nil
	}
	if x, ok := ast.Unparen(post.X).(*ast.Ident); !ok || info.Uses[x] != idx {
		return nil
	}
	// The post statement is the one assignment allowed.
	assigned := 0
	ast.Inspect(l, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, lhs := range n.Lhs {
				if x, ok := ast.Unparen(lhs).(*ast.Ident); ok && info.Uses[x] == idx {
					assigned++
				}
			}
		case *ast.IncDecStmt:
			if x, ok := ast.Unparen(n.X).(*ast.Ident); ok && info.Uses[x] == idx {
				assigned++
			}
		case *ast.UnaryExpr:
			if x, ok := ast.Unparen(n.X).(*ast.Ident); ok && n.Op == token.AND && info.Uses[x] == idx {
				assigned += 2
			}
		}
		return true
	})
	if assigned != 1 {
		return nil
	}
	return cond.Y
}

// leavesEarly reports whether a loop body may skip iterations or leave:
// a break, continue, goto or return outside nested function literals.
func leavesEarly(l ast.Stmt) bool {
	var body *ast.BlockStmt
	switch l := l.(type) {
	case *ast.ForStmt:
		body = l.Body
	case *ast.RangeStmt:
		body = l.Body
	}
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.BranchStmt, *ast.ReturnStmt, *ast.IfStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
			// Conditional statements may skip the go statement.
			found = true
		}
		return !found
	})
	return found
}

// originPos is where the channel is made: the make, or the helper's call.
func originPos(o origin) token.Pos {
	if ex, ok := o.(*ssa.Extract); ok {
		return ex.Tuple.Pos()
	}
	return o.Pos()
}

// inCycle reports whether instr can run again, in the same call, before
// mc makes a new channel.
func (f *fnCheck) inCycle(instr ssa.Instruction, mc origin) bool {
	return f.Reaches(instr, instr, func(x ssa.Instruction) bool { return mc != nil && x == mc })
}
