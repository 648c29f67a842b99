package cancelsafe

import (
	"golang.org/x/tools/go/ssa"

	"github.com/scopevet/scopevet/analyzers/summary"
)

// newFamily starts the description of v, a channel made or a future
// got once a round of a loop and kept in a slice (the shared pass's
// Family), whose elements the function reads back outside that loop.
func (f *fnCheck) newFamily(v ssa.Value) *pending {
	instr, ok := v.(ssa.Instruction)
	if !ok {
		return nil
	}
	round := summary.Innermost(f.loops, instr.Block())
	if round == nil {
		return nil
	}
	fam := f.c.res.Family(v)
	if fam == nil {
		return nil
	}
	p := &pending{value: v, family: fam, elems: map[ssa.Value]bool{}, handled: map[ssa.Instruction]bool{}, counted: map[ssa.Instruction]bool{}}
	for _, e := range fam.Elems {
		if round.Blocks[e.(ssa.Instruction).Block()] {
			return nil // read back in the round that made it
		}
		p.elems[e] = true
	}
	return p
}

// familyChannel describes a channel made in a loop whose goroutine (one
// a round) sends on it, kept in a slice that the function receives from
// element by element.
func (f *fnCheck) familyChannel(mc *ssa.MakeChan, size int64) *pending {
	p := f.newFamily(mc)
	if p == nil {
		return nil
	}
	p.made, p.buffer = mc, size
	for _, u := range f.c.res.Uses(mc) {
		if u.Instr == p.family.Store {
			continue
		}
		if ok, isSite := f.addSiteSender(p, u); !ok || !isSite {
			return nil // the round uses it itself
		}
	}
	if len(p.senders) == 0 || !f.familyElems(p) {
		return nil
	}
	return p
}

// familyFuture describes a future got in a loop, a result of call, kept
// in a slice that the function receives from element by element.
func (f *fnCheck) familyFuture(call *ssa.Call, v ssa.Value, fut summary.Future) *pending {
	p := f.newFamily(v)
	if p == nil {
		return nil
	}
	p.callee, p.stream = f.c.funcText(call), fut.Stream
	for _, u := range f.c.res.Uses(v) {
		if u.Instr != p.family.Store {
			return nil
		}
	}
	if !f.familyElems(p) {
		return nil
	}
	lower := int64(1)
	if fut.Stream {
		lower = 2
	}
	p.senders = []*sender{{at: call, lower: lower, goroutines: 1, callee: p.callee}}
	return p
}

// familyElems records the receives from the family's elements. It
// returns false when an element is used for more than receiving.
func (f *fnCheck) familyElems(p *pending) bool {
	for _, e := range p.family.Elems {
		for _, u := range f.c.res.Uses(e) {
			switch instr := u.Instr.(type) {
			case *ssa.UnOp, *ssa.Select:
				if u.Effect&^summary.PlainAwaits != summary.Awaits {
					return false
				}
				p.recvs = append(p.recvs, instr)
				p.handled[instr] = true
			default:
				if u.Effect != 0 {
					return false
				}
				if call, ok := instr.(*ssa.Call); ok && isLenCap(call) {
					p.lenCap = true
				}
			}
		}
	}
	return len(p.recvs) > 0
}

// isLenCap reports whether call is len or cap.
func isLenCap(call *ssa.Call) bool {
	b, ok := call.Common().Value.(*ssa.Builtin)
	return ok && (b.Name() == "len" || b.Name() == "cap")
}

// isPendingChan reports whether v is p's channel, or one of its family.
func (f *fnCheck) isPendingChan(v ssa.Value, p *pending) bool {
	return f.isAliasOf(v, p.value) || p.elems[f.c.res.Canonical(v)]
}
