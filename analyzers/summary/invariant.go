package summary

import (
	"go/token"

	"golang.org/x/tools/go/ssa"
)

// maxInvariantDepth bounds how deep a condition is read.
const maxInvariantDepth = 8

// FirstRoundExits returns the exits of l that a path from block at,
// inside l, can take only before it goes round l again: for each block
// of l that strictly dominates at, runs in every round (it dominates
// each block that jumps back to the header) and branches on a
// condition l does not change, its successor outside l. A path that
// took the branch into l once takes it in every later round. The cost
// is one scan of l.
func (l *Loop) FirstRoundExits(at *ssa.BasicBlock) map[*ssa.BasicBlock]*ssa.BasicBlock {
	if !l.Blocks[at] {
		return nil
	}
	var out map[*ssa.BasicBlock]*ssa.BasicBlock
	r := rounds{l: l}
	for b := at.Idom(); b != nil && l.Blocks[b]; b = b.Idom() {
		if exit := r.firstRoundExit(b); exit != nil {
			if out == nil {
				out = map[*ssa.BasicBlock]*ssa.BasicBlock{}
			}
			out[b] = exit
		}
	}
	return out
}

// rounds answers what stays the same across the rounds of one loop; it
// scans the loop for writes once, when a load first asks.
type rounds struct {
	l       *Loop
	scanned bool
	// anyStore: some store in l writes through a pointer that is not
	// the address of a variable of this function (a parameter, a global,
	// a loaded pointer), which may alias any variable whose address left.
	anyStore bool
	// touched: variables l writes, or hands to calls, closures or stores.
	touched map[ssa.Value]bool
}

// firstRoundExit is FirstRoundExits for one block b of l.
func (r *rounds) firstRoundExit(b *ssa.BasicBlock) *ssa.BasicBlock {
	l := r.l
	if len(b.Succs) != 2 || len(b.Instrs) == 0 || l.Blocks[b.Succs[0]] == l.Blocks[b.Succs[1]] {
		return nil
	}
	br, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
	if !ok {
		return nil
	}
	for _, p := range l.Header.Preds {
		if l.Blocks[p] && !b.Dominates(p) {
			return nil // a round can skip b
		}
	}
	if !r.invariant(br.Cond, maxInvariantDepth) {
		return nil
	}
	if l.Blocks[b.Succs[0]] {
		return b.Succs[1]
	}
	return b.Succs[0]
}

// invariant reports whether v has the same value in every round of l:
// it is computed outside l, or in l only from such values, with pure
// operations and loads of variables nothing in l can write.
func (r *rounds) invariant(v ssa.Value, depth int) bool {
	instr, ok := v.(ssa.Instruction)
	if !ok {
		return true // a constant, parameter, free variable, global or function
	}
	if !r.l.Blocks[instr.Block()] {
		return true
	}
	if depth == 0 {
		return false
	}
	depth--
	switch v := v.(type) {
	case *ssa.UnOp:
		switch v.Op {
		case token.ARROW:
			return false
		case token.MUL:
			return r.invariant(v.X, depth) && r.unwritten(v.X)
		}
		return r.invariant(v.X, depth)
	case *ssa.BinOp:
		return r.invariant(v.X, depth) && r.invariant(v.Y, depth)
	case *ssa.IndexAddr:
		return r.invariant(v.X, depth) && r.invariant(v.Index, depth)
	case *ssa.Index:
		return r.invariant(v.X, depth) && r.invariant(v.Index, depth)
	case *ssa.FieldAddr, *ssa.Field, *ssa.ChangeType, *ssa.Convert, *ssa.MakeInterface, *ssa.ChangeInterface:
		return r.invariant(*v.(ssa.Instruction).Operands(nil)[0], depth)
	case *ssa.Extract:
		// path.Match's error says the pattern is malformed, whatever
		// the name: with the same pattern each round, the same error.
		if call, ok := v.Tuple.(*ssa.Call); ok && v.Index == 1 && isPatternMatch(call) {
			return r.invariant(call.Call.Args[0], depth)
		}
	}
	return false // a phi, a call, an allocation: may differ each round
}

// isPatternMatch reports whether call is path.Match or filepath.Match,
// whose only error is ErrBadPattern, decided by the pattern alone.
func isPatternMatch(call *ssa.Call) bool {
	fn := call.Common().StaticCallee()
	return len(call.Call.Args) == 2 && (isFunc(fn, "path", "Match") || isFunc(fn, "path/filepath", "Match"))
}

// unwritten reports whether nothing in l can write the variable addr
// points into: a local variable, a captured one or a parameter's
// pointee that no store in l writes and no call, closure or store in l
// is handed; unless its address never left the function, also no
// store in l through a pointer that may alias it.
func (r *rounds) unwritten(addr ssa.Value) bool {
	root := addrRoot(addr)
	private := false
	switch root := root.(type) {
	case *ssa.Alloc:
		private = !root.Heap
	case *ssa.FreeVar, *ssa.Parameter:
	default:
		return false // a global, or a pointer from anywhere: any call may write it
	}
	r.scan()
	return !r.touched[root] && (private || !r.anyStore)
}

func (r *rounds) scan() {
	if r.scanned {
		return
	}
	r.scanned = true
	r.touched = map[ssa.Value]bool{}
	for b := range r.l.Blocks {
		for _, instr := range b.Instrs {
			switch instr := instr.(type) {
			case *ssa.Store:
				to := addrRoot(instr.Addr)
				r.touched[to] = true
				r.touched[addrRoot(instr.Val)] = true
				switch to.(type) {
				case *ssa.Alloc, *ssa.FreeVar:
					// a variable of its own: aliases no other
				default:
					r.anyStore = true
				}
			case ssa.CallInstruction:
				r.touched[addrRoot(instr.Common().Value)] = true
				for _, arg := range instr.Common().Args {
					r.touched[addrRoot(arg)] = true
				}
			case *ssa.MakeClosure:
				for _, bv := range instr.Bindings {
					r.touched[addrRoot(bv)] = true
				}
			}
		}
	}
}

// loadRoot strips field addresses and loads off v: the object a value
// read out of a struct comes from.
func loadRoot(v ssa.Value) ssa.Value {
	for range maxInvariantDepth {
		switch x := v.(type) {
		case *ssa.FieldAddr:
			v = x.X
		case *ssa.UnOp:
			if x.Op != token.MUL {
				return v
			}
			v = x.X
		default:
			return v
		}
	}
	return v
}

// addrRoot strips field and element addresses off addr.
func addrRoot(addr ssa.Value) ssa.Value {
	for range maxInvariantDepth {
		switch a := addr.(type) {
		case *ssa.FieldAddr:
			addr = a.X
		case *ssa.IndexAddr:
			addr = a.X
		default:
			return addr
		}
	}
	return addr
}
