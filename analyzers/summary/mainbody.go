package summary

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// MainBody reports whether fn, or the function it is a literal of, is
// main's body by another name: a function of package main, not a method,
// that only main or init call (the `func main() { if err := run(); err !=
// nil { log.Fatal(err) } }` idiom). What it starts lives as long as the
// process, as what main starts does. Only a direct callee: a function
// that run calls may be a server's handler, called once per request.
func (r *Result) MainBody(fn *ssa.Function) bool {
	if r.s == nil {
		return false
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.s.mainBodies == nil {
		r.s.mainBodies = mainBodies(r.s)
	}
	obj, ok := Outermost(fn).Object().(*types.Func)
	return ok && r.s.mainBodies[obj]
}

// mainBodies finds the functions MainBody describes, from the syntax:
// every use of each function of package main, with the declaration it is
// in (nil outside any), and whether it is the callee of a call.
func mainBodies(s *state) map[*types.Func]bool {
	out := map[*types.Func]bool{}
	if s.pass.Pkg.Name() != "main" {
		return out
	}
	type use struct {
		in   *types.Func
		call bool
	}
	uses := map[*types.Func][]use{}
	for _, file := range s.pass.Files {
		for _, decl := range file.Decls {
			var in *types.Func
			if fd, ok := decl.(*ast.FuncDecl); ok {
				in, _ = s.pass.TypesInfo.Defs[fd.Name].(*types.Func)
			}
			callees := map[*ast.Ident]bool{}
			ast.Inspect(decl, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.CallExpr:
					if id, ok := ast.Unparen(n.Fun).(*ast.Ident); ok {
						callees[id] = true
					}
				case *ast.Ident:
					if fn, ok := s.pass.TypesInfo.Uses[n].(*types.Func); ok && fn.Pkg() == s.pass.Pkg {
						fn = fn.Origin()
						uses[fn] = append(uses[fn], use{in, callees[n]})
					}
				}
				return true
			})
		}
	}
	entry := func(fn *types.Func) bool {
		return fn != nil && fn.Signature().Recv() == nil && (fn.Name() == "main" || fn.Name() == "init")
	}
	for fn, us := range uses {
		if entry(fn) || fn.Signature().Recv() != nil {
			continue
		}
		ok := true
		for _, u := range us {
			if !u.call || !entry(u.in) {
				ok = false
				break
			}
		}
		out[fn] = ok
	}
	return out
}
