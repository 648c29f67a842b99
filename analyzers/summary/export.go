package summary

import "go/types"

// importableFuncs are the functions of a package that another package's
// code can call by name, and so the only ones whose facts an importer
// can ever look up: exported functions, and exported methods of the
// package's types that its API exposes. Facts about methods are handed
// on from importer to importer (go/analysis re-exports them), so a fact
// that no one can use is decoded and encoded again by every package that
// depends on it, directly or not: for moby, the AWS SDK's serializers
// (exported methods of unexported types, reached only through interfaces)
// were most of them.
type importableFuncs struct {
	pkg   *types.Package
	types map[*types.TypeName]bool // the package's named types its API exposes
	seen  map[types.Type]bool
}

// importable finds the package's named types that another package's code
// can hold a value of: those that the types of its exported objects
// mention, through fields (embedded ones promote methods), methods,
// elements, signatures and type arguments, transitively. Another
// package's named type without type arguments cannot mention this
// package's types, so the walk does not go into it.
func importable(pkg *types.Package) *importableFuncs {
	a := &importableFuncs{pkg: pkg, types: map[*types.TypeName]bool{}, seen: map[types.Type]bool{}}
	scope := pkg.Scope()
	for _, name := range scope.Names() {
		if obj := scope.Lookup(name); obj.Exported() {
			a.visit(obj.Type())
		}
	}
	return a
}

// has reports whether another package can call fn by name.
func (a *importableFuncs) has(fn *types.Func) bool {
	if !fn.Exported() {
		return false
	}
	recv := fn.Signature().Recv()
	if recv == nil {
		return true
	}
	t := types.Unalias(recv.Type())
	if p, ok := t.(*types.Pointer); ok {
		t = types.Unalias(p.Elem())
	}
	named, ok := t.(*types.Named)
	return !ok || a.types[named.Origin().Obj()]
}

func (a *importableFuncs) visit(t types.Type) {
	if t == nil || a.seen[t] {
		return
	}
	a.seen[t] = true
	switch t := t.(type) {
	case *types.Alias:
		a.visitArgs(t.TypeArgs())
		a.visit(types.Unalias(t))
	case *types.Named:
		a.visitArgs(t.TypeArgs())
		obj := t.Origin().Obj()
		if obj.Pkg() != a.pkg {
			return
		}
		a.types[obj] = true
		a.visit(t.Underlying())
		for i := range t.NumMethods() {
			a.visit(t.Method(i).Type())
		}
	case *types.Pointer:
		a.visit(t.Elem())
	case *types.Slice:
		a.visit(t.Elem())
	case *types.Array:
		a.visit(t.Elem())
	case *types.Chan:
		a.visit(t.Elem())
	case *types.Map:
		a.visit(t.Key())
		a.visit(t.Elem())
	case *types.Signature:
		a.visit(t.Params())
		a.visit(t.Results())
		for i := range t.TypeParams().Len() {
			a.visit(t.TypeParams().At(i))
		}
	case *types.Tuple:
		for i := range t.Len() {
			a.visit(t.At(i).Type())
		}
	case *types.Struct:
		for i := range t.NumFields() {
			a.visit(t.Field(i).Type())
		}
	case *types.Interface:
		for i := range t.NumMethods() {
			a.visit(t.Method(i).Type())
		}
		for i := range t.NumEmbeddeds() {
			a.visit(t.EmbeddedType(i))
		}
	case *types.Union:
		for i := range t.Len() {
			a.visit(t.Term(i).Type())
		}
	case *types.TypeParam:
		a.visit(t.Constraint())
	}
}

func (a *importableFuncs) visitArgs(args *types.TypeList) {
	for i := range args.Len() {
		a.visit(args.At(i))
	}
}
