package summary

import (
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// DaemonScope reports whether fn is main, an init function, main's body
// by another name, or a literal inside one of them: what they start lives
// as long as the process, by design. Main's body by another name is a
// function of package main, not a method, that only main or init call
// (run in `func main() { if err := run(); err != nil { log.Fatal(err) } }`).
// Only a direct callee: a function that run calls may be a server's
// handler, called once per request.
func (r *Result) DaemonScope(fn *ssa.Function) bool {
	fn = Outermost(fn)
	if fn.Signature.Recv() != nil {
		return false
	}
	if isEntry(fn.Name()) && (fn.Name() != "main" || fn.Pkg != nil && fn.Pkg.Pkg.Name() == "main") {
		return true
	}
	if r.s == nil {
		return false
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.s.mainBodies == nil {
		r.s.mainBodies = mainBodies(r.s)
	}
	obj, ok := fn.Object().(*types.Func)
	return ok && r.s.mainBodies[obj]
}

// isEntry reports whether a function of that name, not a method, is run
// by the program itself: main, or an init function (init#1... in SSA).
func isEntry(name string) bool {
	return name == "main" || name == "init" || strings.HasPrefix(name, "init#")
}

// mainBodies finds main's bodies by other names, from the syntax: every
// use of each function of package main, with the declaration it is in
// (nil outside any), and whether it is the callee of a call.
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
		return fn != nil && fn.Signature().Recv() == nil && isEntry(fn.Name())
	}
outer:
	for fn, us := range uses {
		if entry(fn) || fn.Signature().Recv() != nil {
			continue
		}
		for _, u := range us {
			if !u.call || !entry(u.in) {
				continue outer
			}
		}
		out[fn] = true
	}
	return out
}
