package summary

import (
	"go/token"

	"golang.org/x/tools/go/ssa"
)

// maxFamily bounds the slice values followed for one family.
const maxFamily = 64

// Family is a channel made (or a future got) once per round of a loop
// and kept in a slice that only its function holds: chans = append(chans,
// ch), or chans[i] = ch. Each of its elements, read back later, is one
// channel of the family.
type Family struct {
	// Store puts the round's channel into the slice.
	Store *ssa.Store
	// Elems are the loads of the slice's elements.
	Elems []ssa.Value
}

// Family describes the slice that v, a channel of fn or a call's
// result, is kept in: nil unless v goes into one element of a local
// slice, and the slice is only appended to, indexed and measured.
func (r *Result) Family(v ssa.Value) *Family {
	if r.s == nil {
		return nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.s.family(v)
}

func (s *state) family(v ssa.Value) *Family {
	store := s.elemStore(v)
	if store == nil {
		return nil
	}
	ia := store.Addr.(*ssa.IndexAddr)
	// The one append allowed is the one that adds v: another would mix
	// in channels that are not the family's.
	var start, appended ssa.Value
	if arr, ok := ia.X.(*ssa.Alloc); ok {
		start = appendedTo(arr, ia)
		appended = start
	} else {
		start = ia.X
	}
	if start == nil {
		return nil
	}
	fam := &Family{Store: store}
	inSet := map[ssa.Value]bool{}
	work := []ssa.Value{start}
	add := func(x ssa.Value) bool {
		if !inSet[x] {
			inSet[x] = true
			work = append(work, x)
		}
		return len(inSet) <= maxFamily
	}
	add(start)
	for len(work) > 0 {
		x := work[len(work)-1]
		work = work[:len(work)-1]
		if !s.step() {
			return nil
		}
		if !s.isLocalSlice(x, add) {
			return nil
		}
		for _, ref := range *x.Referrers() {
			if !s.step() {
				return nil
			}
			switch u := ref.(type) {
			case *ssa.DebugRef:
			case *ssa.Phi:
				if !add(u) {
					return nil
				}
			case *ssa.Call:
				b, ok := u.Common().Value.(*ssa.Builtin)
				switch {
				case ok && (b.Name() == "len" || b.Name() == "cap"):
				case ok && b.Name() == "append" && u == appended && u.Common().Args[0] == x:
					if !add(u) {
						return nil
					}
				default:
					return nil
				}
			case *ssa.IndexAddr:
				if u.X != x {
					return nil
				}
				// Another store: something else shares the slice.
				loads, ok := loadsOf(u, store)
				if !ok {
					return nil
				}
				fam.Elems = append(fam.Elems, loads...)
			default:
				return nil // returned, stored, handed to a call
			}
		}
	}
	if len(fam.Elems) == 0 {
		return nil
	}
	return fam
}

// elemStore returns the one store of v (or of a local variable holding
// only v) into a slice element, when that is its only store anywhere
// but such a variable.
func (s *state) elemStore(v ssa.Value) *ssa.Store {
	var found *ssa.Store
	vals := []ssa.Value{v}
	for i := 0; i < len(vals) && i < 16; i++ {
		for _, ref := range *vals[i].Referrers() {
			st, ok := ref.(*ssa.Store)
			if !ok || st.Val != vals[i] {
				continue
			}
			switch addr := st.Addr.(type) {
			case *ssa.Alloc:
				if s.singleStore(addr) != v {
					return nil
				}
				for _, r := range *addr.Referrers() {
					if load, ok := r.(*ssa.UnOp); ok && load.Op == token.MUL {
						vals = append(vals, load)
					}
				}
			case *ssa.IndexAddr:
				if found != nil {
					return nil
				}
				found = st
			default:
				return nil
			}
		}
	}
	return found
}

// appendedTo returns the append call that the varargs array arr, whose
// element ia is stored into, is sliced for: append(xs, ch).
func appendedTo(arr *ssa.Alloc, ia *ssa.IndexAddr) ssa.Value {
	var call *ssa.Call
	for _, ref := range *arr.Referrers() {
		switch u := ref.(type) {
		case *ssa.IndexAddr:
			if u != ia {
				return nil
			}
		case *ssa.Slice:
			refs := *u.Referrers()
			if len(refs) != 1 || call != nil {
				return nil
			}
			c, ok := refs[0].(*ssa.Call)
			if !ok {
				return nil
			}
			b, ok := c.Common().Value.(*ssa.Builtin)
			if !ok || b.Name() != "append" || len(c.Common().Args) != 2 || c.Common().Args[1] != u {
				return nil
			}
			call = c
		default:
			return nil
		}
	}
	if call == nil {
		return nil
	}
	return call
}

// isLocalSlice reports whether the slice value x starts in its function:
// a make, nil, or a phi or append of such values (added to the walk).
func (s *state) isLocalSlice(x ssa.Value, add func(ssa.Value) bool) bool {
	switch x := x.(type) {
	case *ssa.MakeSlice:
		return true
	case *ssa.Phi:
		for _, e := range x.Edges {
			switch e := e.(type) {
			case *ssa.Const:
				if !IsNil(e) {
					return false
				}
			case *ssa.Phi, *ssa.MakeSlice, *ssa.Call:
				if !add(e) {
					return false
				}
			default:
				return false
			}
		}
		return true
	case *ssa.Call:
		b, ok := x.Common().Value.(*ssa.Builtin)
		if !ok || b.Name() != "append" {
			return false
		}
		switch a := x.Common().Args[0].(type) {
		case *ssa.Const:
			return IsNil(a)
		case *ssa.Phi, *ssa.MakeSlice, *ssa.Call:
			return add(a)
		}
		return false
	}
	return false
}

// loadsOf returns the loads from addr, when its only other use is store
// (nil for none): false when it is written otherwise or its address is
// used.
func loadsOf(addr ssa.Value, store *ssa.Store) ([]ssa.Value, bool) {
	var loads []ssa.Value
	for _, r := range *addr.Referrers() {
		switch e := r.(type) {
		case *ssa.DebugRef:
		case *ssa.UnOp:
			if e.Op != token.MUL {
				return nil, false
			}
			loads = append(loads, e)
		case *ssa.Store:
			if e != store {
				return nil, false
			}
		default:
			return nil, false
		}
	}
	return loads, true
}
