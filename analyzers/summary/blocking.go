package summary

import (
	"go/token"

	"golang.org/x/tools/go/ssa"
)

// PlainSends returns the spawner's channels that the goroutine of site
// sends on with nothing to let it give up: a send statement of its body
// outside any select, or a plain send its summary says a callee or
// closure makes on a capture. Channels made with room for every send
// (hasRoom) are left out. Such a goroutine stays blocked once its
// spawner stops receiving, and so would a Wait for it.
func (r *Result) PlainSends(site SpawnSite) []ssa.Value {
	if r.s == nil || site.Body == nil {
		return nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	seen := map[int]bool{}
	for _, op := range site.Ops {
		if send, ok := op.Instr.(*ssa.Send); ok {
			if i := captureOf(site, send.Chan); i >= 0 {
				seen[i] = true
			}
		}
	}
	if sum := r.s.summarize(site.Body); sum != nil {
		nfree := len(site.Body.FreeVars)
		for i := range site.Captures {
			e := sum.Param(i - nfree)
			if i < nfree {
				e = sum.FreeVar(i)
			}
			if e&Sends != 0 {
				seen[i] = true
			}
		}
	}
	return r.s.spawnerChans(site, seen, true)
}

// PlainReceives returns the spawner's channels that the goroutine of site
// receives from or ranges over, in its own body, outside any select: it
// waits there until the spawner sends or closes, and so would a Wait
// for it.
func (r *Result) PlainReceives(site SpawnSite) []ssa.Value {
	if r.s == nil || site.Body == nil {
		return nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	seen := map[int]bool{}
	for _, op := range site.Ops {
		if recv, ok := op.Instr.(*ssa.UnOp); ok && recv.Op == token.ARROW {
			if i := captureOf(site, recv.X); i >= 0 {
				seen[i] = true
			}
		}
	}
	return r.s.spawnerChans(site, seen, false)
}

// spawnerChans returns the spawner's values of the captures seen, in
// capture order; with dropRoomy, less the channels with room for every
// send.
func (s *state) spawnerChans(site SpawnSite, seen map[int]bool, dropRoomy bool) []ssa.Value {
	var out []ssa.Value
	for i, c := range site.Captures {
		if !seen[i] || dropRoomy && s.captureHasRoom(site, i) {
			continue
		}
		if alloc, ok := c.(*ssa.Alloc); ok && s.singleStore(alloc) == nil {
			continue // a variable that holds more than one channel
		}
		out = append(out, s.heldValue(c))
	}
	return out
}

// hasRoom reports whether ch, a channel of the goroutine of site, is one
// its spawner made with a buffer sized at run time (make(chan T,
// len(jobs))): taken to have room for every send, as cancelsafe takes it.
func (s *state) hasRoom(site SpawnSite, ch ssa.Value) bool {
	i := captureOf(site, ch)
	return i >= 0 && s.captureHasRoom(site, i)
}

func (s *state) captureHasRoom(site SpawnSite, i int) bool {
	mk, ok := valueAt(site.Captures[i], site.Instr).(*ssa.MakeChan)
	if !ok || mk.Parent() != site.Instr.Parent() {
		return false
	}
	_, constant := mk.Size.(*ssa.Const)
	return !constant
}
