package summary

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// maxHolders bounds the values followed for one Held.
const maxHolders = 32

// Held is a channel kept in one field of a struct that only its function,
// and what it hands the struct to, hold: c := &call{done: make(chan
// error)}; go run(c); <-c.done. The function's loads of the field are the
// channel.
type Held struct {
	// Field is the index of the struct's field.
	Field int
	// Loads are the function's loads of the field.
	Loads []ssa.Value
	// Passes are the instructions that hand the struct (or the variable
	// holding it) to a closure or call: the only ways it leaves.
	Passes []ssa.Instruction
	// holders are the struct's pointer and the variables holding only it.
	holders map[ssa.Value]bool
}

// Holds reports whether v stands for the struct: its pointer, or a
// local variable that holds only it.
func (h *Held) Holds(v ssa.Value) bool { return h != nil && h.holders[v] }

// Held describes the struct that v, a channel, is kept in: nil unless
// v's one use is a store into a field of a struct the function allocates
// and that field is only loaded, and the struct's pointer is only used
// for its fields, kept in local variables, or handed to closures and
// calls (Passes), whose use the caller must check.
func (r *Result) Held(v ssa.Value) *Held {
	if r.s == nil {
		return nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.s.held(v)
}

func (s *state) held(v ssa.Value) *Held {
	var store *ssa.Store
	for _, ref := range *v.Referrers() {
		switch u := ref.(type) {
		case *ssa.DebugRef:
		case *ssa.Store:
			if store != nil || u.Val != v {
				return nil
			}
			store = u
		default:
			return nil
		}
	}
	if store == nil {
		return nil
	}
	fa, ok := store.Addr.(*ssa.FieldAddr)
	if !ok {
		return nil
	}
	base, ok := fa.X.(*ssa.Alloc)
	if !ok {
		return nil
	}
	h := &Held{Field: fa.Field, holders: map[ssa.Value]bool{base: true}}
	work := []ssa.Value{base}
	for len(work) > 0 {
		x := work[len(work)-1]
		work = work[:len(work)-1]
		for _, ref := range *x.Referrers() {
			if !s.step() {
				return nil
			}
			switch u := ref.(type) {
			case *ssa.DebugRef:
			case *ssa.FieldAddr:
				if u.Field != h.Field {
					continue // another field: not the channel
				}
				// Another store puts another channel in the field.
				loads, ok := loadsOf(u, store)
				if !ok {
					return nil
				}
				h.Loads = append(h.Loads, loads...)
			case *ssa.Store:
				if u.Addr == x {
					if _, cell := x.(*ssa.Alloc); cell && x != base {
						continue // the one store into a variable holding it
					}
					return nil // the whole struct written over
				}
				// Kept in a local variable that holds only the struct.
				cell, ok := u.Addr.(*ssa.Alloc)
				if !ok || u.Val != x || s.singleStore(cell) != x || !isPointerToStruct(x) {
					return nil
				}
				if !h.hold(cell, &work) {
					return nil
				}
			case *ssa.UnOp:
				// A load of a variable holding the struct.
				if u.Op != token.MUL || x == base || !h.hold(u, &work) {
					return nil
				}
			case *ssa.MakeClosure, *ssa.Go, *ssa.Call, *ssa.Defer:
				h.Passes = append(h.Passes, u)
			default:
				return nil // stored, returned, compared, converted
			}
		}
	}
	if len(h.Loads) == 0 {
		return nil
	}
	return h
}

// hold adds x to the holders, within the bound.
func (h *Held) hold(x ssa.Value, work *[]ssa.Value) bool {
	if !h.holders[x] {
		h.holders[x] = true
		*work = append(*work, x)
	}
	return len(h.holders) <= maxHolders
}

// isPointerToStruct reports whether x is a pointer to a struct.
func isPointerToStruct(x ssa.Value) bool {
	p, ok := x.Type().Underlying().(*types.Pointer)
	if !ok {
		return false
	}
	_, ok = p.Elem().Underlying().(*types.Struct)
	return ok
}
