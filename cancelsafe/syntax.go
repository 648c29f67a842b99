package cancelsafe

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"sort"

	"golang.org/x/tools/go/analysis"
)

// syntax indexes the package's syntax by the positions SSA records, so
// that findings quote what the user wrote and sit on the right node.
type syntax struct {
	pass    *analysis.Pass
	calls   map[token.Pos]*ast.CallExpr   // by Lparen
	selects map[token.Pos]*ast.SelectStmt // by the select keyword
	sends   map[token.Pos]*ast.SendStmt   // by the arrow
	recvs   map[token.Pos]*ast.UnaryExpr  // receives, by the arrow
	ranges  map[token.Pos]*ast.RangeStmt  // by the for keyword
	returns map[token.Pos]*ast.ReturnStmt // by the return keyword
	// assigned holds the variables assigned after their declaration or
	// whose address is taken: their value at one point says nothing of
	// another.
	assigned map[types.Object]bool
	// scopes lists each file's loops and functions in source order, each
	// with its parent, for enclosingLoops.
	scopes map[*ast.File][]scope
}

// scope is a loop or a function in the syntax, with the index of the
// innermost one around it (-1 for none).
type scope struct {
	node   ast.Node
	parent int
}

func newSyntax(pass *analysis.Pass) *syntax {
	s := &syntax{
		pass:     pass,
		calls:    map[token.Pos]*ast.CallExpr{},
		selects:  map[token.Pos]*ast.SelectStmt{},
		sends:    map[token.Pos]*ast.SendStmt{},
		recvs:    map[token.Pos]*ast.UnaryExpr{},
		ranges:   map[token.Pos]*ast.RangeStmt{},
		returns:  map[token.Pos]*ast.ReturnStmt{},
		assigned: map[types.Object]bool{},
		scopes:   map[*ast.File][]scope{},
	}
	mark := func(e ast.Expr) {
		switch e := ast.Unparen(e).(type) {
		case *ast.Ident:
			if obj := pass.TypesInfo.Uses[e]; obj != nil {
				s.assigned[obj] = true
			}
		case *ast.SelectorExpr: // x.f = ...: f is no longer fixed at construction
			if obj := pass.TypesInfo.Uses[e.Sel]; obj != nil {
				s.assigned[obj] = true
			}
		}
	}
	for _, f := range pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CallExpr:
				s.calls[n.Lparen] = n
			case *ast.SelectStmt:
				s.selects[n.Select] = n
			case *ast.SendStmt:
				s.sends[n.Arrow] = n
			case *ast.ReturnStmt:
				s.returns[n.Return] = n
			case *ast.AssignStmt:
				for _, lhs := range n.Lhs {
					mark(lhs) // := redefinitions use Uses too
				}
			case *ast.IncDecStmt:
				mark(n.X)
			case *ast.RangeStmt:
				s.ranges[n.For] = n
				if n.Tok == token.ASSIGN {
					mark(n.Key)
					if n.Value != nil {
						mark(n.Value)
					}
				}
			case *ast.UnaryExpr:
				switch n.Op {
				case token.AND:
					mark(n.X)
				case token.ARROW:
					s.recvs[n.OpPos] = n
				}
			}
			return true
		})
		s.scopes[f] = indexScopes(f)
	}
	return s
}

// indexScopes lists f's loops and functions.
func indexScopes(f *ast.File) []scope {
	var scopes []scope
	var stack []int // per open node: its scope index, or -1
	parent := -1
	ast.Inspect(f, func(n ast.Node) bool {
		if n == nil {
			top := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if top >= 0 {
				parent = scopes[top].parent
			}
			return true
		}
		switch n.(type) {
		case *ast.ForStmt, *ast.RangeStmt, *ast.FuncLit, *ast.FuncDecl:
			scopes = append(scopes, scope{node: n, parent: parent})
			parent = len(scopes) - 1
			stack = append(stack, parent)
		default:
			stack = append(stack, -1)
		}
		return true
	})
	return scopes
}

// file returns the file that holds pos.
func (s *syntax) file(pos token.Pos) *ast.File {
	for _, f := range s.pass.Files {
		if f.FileStart <= pos && pos <= f.FileEnd {
			return f
		}
	}
	return nil
}

// enclosingLoops returns the for and range statements around pos, inner
// first, up to the function literal or declaration that holds pos. It
// finds the last scope that starts at or before pos and climbs to the
// first that holds pos: a lookup costs the nesting depth, not the size
// of the file.
func (s *syntax) enclosingLoops(pos token.Pos) []ast.Stmt {
	scopes := s.scopes[s.file(pos)]
	i := sort.Search(len(scopes), func(i int) bool { return scopes[i].node.Pos() > pos }) - 1
	for i >= 0 && scopes[i].node.End() <= pos {
		i = scopes[i].parent
	}
	var out []ast.Stmt
	for ; i >= 0; i = scopes[i].parent {
		switch n := scopes[i].node.(type) {
		case *ast.ForStmt:
			out = append(out, n)
		case *ast.RangeStmt:
			out = append(out, n)
		default:
			return out
		}
	}
	return out
}

// line returns the line of pos.
func (s *syntax) line(pos token.Pos) int {
	return s.pass.Fset.Position(pos).Line
}

// text quotes an expression, shortened.
func text(e ast.Expr) string {
	str := types.ExprString(e)
	if len(str) > 40 {
		return str[:37] + "..."
	}
	return str
}

// isSimple reports whether an expression is a name or a field path, fit
// to be quoted as the name of a channel or lock.
func isSimple(e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		return true
	case *ast.SelectorExpr:
		return isSimple(e.X)
	}
	return false
}

// stableExpr returns e as a count valid at pos: a constant (by name when
// a named constant is visible there), or a variable that is never
// assigned after its declaration, optionally under len(), declared
// before pos and visible there under the same name. Its text is ""
// otherwise.
func (s *syntax) stableExpr(e ast.Expr, pos token.Pos) count {
	e = ast.Unparen(e)
	if tv, ok := s.pass.TypesInfo.Types[e]; ok && tv.Value != nil {
		n, exact := constant.Int64Val(constant.ToInt(tv.Value))
		if !exact {
			return count{n: -1}
		}
		c := constCount(n)
		if id, ok := e.(*ast.Ident); ok && s.isVisible(id, pos) {
			c.text = id.Name
		}
		return c
	}
	switch e := e.(type) {
	case *ast.Ident:
		if s.isStableVar(e, pos) {
			t, _ := s.pass.TypesInfo.TypeOf(e).Underlying().(*types.Basic)
			return count{text: e.Name, n: -1, safe: t != nil && t.Info()&types.IsUnsigned != 0}
		}
	case *ast.SelectorExpr:
		if s.isStableField(e, pos) {
			t, _ := s.pass.TypesInfo.TypeOf(e).Underlying().(*types.Basic)
			return count{text: types.ExprString(e), n: -1, safe: t != nil && t.Info()&types.IsUnsigned != 0}
		}
	case *ast.CallExpr:
		if id, ok := e.Fun.(*ast.Ident); ok && len(e.Args) == 1 {
			if b, ok := s.pass.TypesInfo.Uses[id].(*types.Builtin); ok && b.Name() == "len" {
				return s.stableLen(e.Args[0], pos)
			}
		}
	}
	return count{n: -1}
}

// stableLen is len(x) as a count, for x a variable or field stable at
// pos; a count with no text otherwise.
func (s *syntax) stableLen(x ast.Expr, pos token.Pos) count {
	switch x := ast.Unparen(x).(type) {
	case *ast.Ident:
		if s.isStableVar(x, pos) {
			return count{text: "len(" + x.Name + ")", n: -1, safe: true}
		}
	case *ast.SelectorExpr:
		if s.isStableField(x, pos) {
			return count{text: "len(" + types.ExprString(x) + ")", n: -1, safe: true}
		}
	}
	return count{n: -1}
}

// isStableField reports whether e is x.f, for a stable variable x and an
// unexported field f of a type of this package that no assignment in the
// package changes: set when the value is built, the same everywhere.
func (s *syntax) isStableField(e *ast.SelectorExpr, pos token.Pos) bool {
	x, ok := ast.Unparen(e.X).(*ast.Ident)
	if !ok || !s.isStableVar(x, pos) {
		return false
	}
	f, ok := s.pass.TypesInfo.Uses[e.Sel].(*types.Var)
	return ok && f.IsField() && !f.Exported() && f.Pkg() == s.pass.Pkg && !s.assigned[f]
}

// isVisible reports whether id's object is what its name means at pos.
func (s *syntax) isVisible(id *ast.Ident, pos token.Pos) bool {
	obj := s.pass.TypesInfo.Uses[id]
	inner := s.pass.Pkg.Scope().Innermost(pos)
	if obj == nil || inner == nil {
		return false
	}
	_, found := inner.LookupParent(id.Name, pos)
	return found == obj
}

// isStableVar reports whether id names a local variable that is never
// assigned after its declaration, visible at pos under the same name.
func (s *syntax) isStableVar(id *ast.Ident, pos token.Pos) bool {
	v, ok := s.pass.TypesInfo.Uses[id].(*types.Var)
	if !ok || v.IsField() || v.Parent() == nil || v.Parent() == s.pass.Pkg.Scope() || s.assigned[v] {
		return false
	}
	if v.Pos() >= pos {
		return false
	}
	inner := s.pass.Pkg.Scope().Innermost(pos)
	if inner == nil {
		return false
	}
	_, found := inner.LookupParent(id.Name, pos)
	return found == v
}
