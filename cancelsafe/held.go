package cancelsafe

import (
	"go/token"

	"golang.org/x/tools/go/ssa"

	"github.com/scopevet/scopevet/analyzers/summary"
)

// heldChannel describes a channel made with a buffer of size and kept
// in a field of a local struct (the shared pass's Held) that fn hands
// only to the goroutines it starts, and receives from through the field.
func (f *fnCheck) heldChannel(mc *ssa.MakeChan, size int64) *pending {
	h := f.c.res.Held(mc)
	if h == nil {
		return nil
	}
	p := &pending{value: mc, made: mc, buffer: size, held: h, elems: map[ssa.Value]bool{}, handled: map[ssa.Instruction]bool{}, counted: map[ssa.Instruction]bool{}}
	for _, l := range h.Loads {
		p.elems[l] = true
	}
	for _, instr := range h.Passes {
		sites, ok := f.siteInstrs()[instr]
		if !ok {
			return nil // a call or closure that may do anything with it
		}
		for _, site := range sites {
			s, ok := f.siteSender(site, p)
			if !ok {
				return nil
			}
			if s != nil {
				p.addSender(s)
			}
		}
	}
	for _, l := range h.Loads {
		if !f.addUses(p, l) {
			return nil
		}
	}
	return f.finishMade(p)
}

// fieldSends is bodySends for the channel in field of the struct that
// v (a parameter or, cell, a captured variable of body) points to. It
// returns false when the body does more with the struct than read its
// fields.
func (f *fnCheck) fieldSends(body *ssa.Function, v ssa.Value, cell bool, field int) (bodySends, bool) {
	var loads []ssa.Value
	ok := true
	complete := summary.BodyUses(v, cell, func(a ssa.Value, ref ssa.Instruction) summary.Step {
		fa, isField := ref.(*ssa.FieldAddr)
		if !isField || fa.X != a {
			ok = false
			return summary.Stop
		}
		if fa.Field != field {
			return summary.Next
		}
		for _, r := range *fa.Referrers() {
			switch r := r.(type) {
			case *ssa.DebugRef:
			case *ssa.UnOp:
				if r.Op != token.MUL {
					ok = false
					return summary.Stop
				}
				loads = append(loads, r)
			default:
				ok = false // the field written or its address taken
				return summary.Stop
			}
		}
		return summary.Next
	})
	if !ok || !complete {
		return bodySends{}, false
	}
	out := bodySends{oneEach: true, last: true}
	for _, l := range loads {
		bs, ok := f.bodySends(body, l, false)
		if !ok {
			return bodySends{}, false
		}
		out.sends = append(out.sends, bs.sends...)
		out.oneEach = out.oneEach && bs.oneEach
		out.last = out.last && bs.last
	}
	return out, true
}
