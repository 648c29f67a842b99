package summary

import (
	"go/constant"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// Latch is a countdown the goroutines of a spawner share: each counts
// it down by one, and only the one that reaches zero sends. However
// many goroutines start, at most one such send is ever made.
type Latch struct {
	Capture int // the counter's capture in site.Captures
	Field   int // the counter's field in the captured struct; -1: the capture itself
}

// LatchOf returns the countdown that every one of sends (instructions of
// the goroutine's body) waits for: each runs only on the branch where
// `n.Add(-1) == 0` (sync/atomic's Int32, Int64, Uint32, Uint64, or
// atomic.AddInt32(&n, -1) and its kin) holds, on a captured counter or a
// field of a captured struct. ok is false when there is none.
func (r *Result) LatchOf(site SpawnSite, sends []ssa.Instruction) (l Latch, ok bool) {
	if site.Body == nil || len(sends) == 0 {
		return Latch{}, false
	}
	for k, s := range sends {
		if s.Parent() != site.Body {
			return Latch{}, false
		}
		got, found := latchAbove(site, s.Block())
		if !found || k > 0 && got != l {
			return Latch{}, false
		}
		l = got
	}
	return l, true
}

// latchAbove finds a countdown test whose zero branch dominates b.
func latchAbove(site SpawnSite, b *ssa.BasicBlock) (Latch, bool) {
	for d := b.Idom(); d != nil; d = d.Idom() {
		iff, ok := d.Instrs[len(d.Instrs)-1].(*ssa.If)
		if !ok {
			continue
		}
		cmp, ok := iff.Cond.(*ssa.BinOp)
		if !ok {
			continue
		}
		var zero int
		switch cmp.Op {
		case token.EQL, token.LEQ:
			zero = 0
		case token.NEQ, token.GTR:
			zero = 1
		default:
			continue
		}
		if !isZeroConst(cmp.Y) || !d.Succs[zero].Dominates(b) || len(d.Succs[zero].Preds) != 1 {
			continue
		}
		if l, ok := countdown(site, cmp.X); ok {
			return l, true
		}
	}
	return Latch{}, false
}

// countdown recognizes v as the result of counting a captured counter
// down by one.
func countdown(site SpawnSite, v ssa.Value) (Latch, bool) {
	call, ok := v.(*ssa.Call)
	if !ok {
		return Latch{}, false
	}
	fn := call.Common().StaticCallee()
	args := call.Common().Args
	if fn == nil || fn.Pkg == nil || fn.Pkg.Pkg.Path() != "sync/atomic" || len(args) != 2 || !isMinusOne(args[1]) {
		return Latch{}, false
	}
	if recv := fn.Signature.Recv(); recv != nil {
		if fn.Name() != "Add" {
			return Latch{}, false
		}
	} else if !strings.HasPrefix(fn.Name(), "Add") {
		return Latch{}, false
	}
	ptr := args[0]
	field := -1
	if fa, ok := ptr.(*ssa.FieldAddr); ok {
		ptr, field = fa.X, fa.Field
	}
	i := site.CaptureOf(ptr)
	if i < 0 {
		return Latch{}, false
	}
	return Latch{Capture: i, Field: field}, true
}

// isMinusOne reports whether v is -1, or all ones for an unsigned
// counter (atomic.AddUint32(&n, ^uint32(0))).
func isMinusOne(v ssa.Value) bool {
	c, ok := v.(*ssa.Const)
	if !ok || c.Value == nil || c.Value.Kind() != constant.Int {
		return false
	}
	if n, exact := constant.Int64Val(c.Value); exact && n == -1 {
		return true
	}
	b, ok := c.Type().Underlying().(*types.Basic)
	if !ok || b.Info()&types.IsUnsigned == 0 {
		return false
	}
	n, exact := constant.Uint64Val(c.Value)
	return exact && (b.Kind() == types.Uint32 && n == 1<<32-1 || b.Kind() == types.Uint64 && n == 1<<64-1)
}
