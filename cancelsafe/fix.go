package cancelsafe

import (
	"go/ast"
	"strconv"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
)

// fixSize returns the buffer that holds every send the channel's
// goroutines can make, as an expression valid at the make, or "" when
// that is not known: a sender whose count is not visible, that may send
// more than once, that goes on working after its send (it may rely on
// the receiver having taken the value), a goroutine started by a callee,
// or a function that looks at len or cap of the channel. safe says the
// size cannot be negative, so that the rewritten make cannot panic.
func (f *fnCheck) fixSize(p *pending) (size string, safe bool) {
	if _, ok := p.made.(*ssa.MakeChan); !ok || p.lenCap {
		return "", false // no make here to change
	}
	var total int64
	allConst := true
	once := latchSet{}
	senders := 0
	for _, s := range p.senders {
		if s.bound.text == "" || s.callee != "" {
			return "", false
		}
		if !once.first(s) {
			continue // the latch's one send is counted
		}
		senders++
		if s.bound.n < 0 {
			allConst = false
		}
		total += s.bound.n
	}
	switch {
	case senders == 1 && (!allConst || total > p.buffer):
		return p.senders[0].bound.text, p.senders[0].bound.safe
	case allConst && total > p.buffer:
		return strconv.FormatInt(total, 10), true
	}
	return "", false
}

// fix rewrites the channel's make to give it that buffer.
func (f *fnCheck) fix(p *pending) *analysis.SuggestedFix {
	size, safe := f.fixSize(p)
	if size == "" || !safe {
		return nil
	}
	call := f.c.syn.calls[p.made.Pos()]
	if call == nil || len(call.Args) == 0 || len(call.Args) > 2 {
		return nil
	}
	if id, ok := ast.Unparen(call.Fun).(*ast.Ident); !ok || id.Name != "make" {
		return nil
	}
	var edit analysis.TextEdit
	if len(call.Args) == 1 {
		edit = analysis.TextEdit{Pos: call.Args[0].End(), End: call.Args[0].End(), NewText: []byte(", " + size)}
	} else {
		edit = analysis.TextEdit{Pos: call.Args[1].Pos(), End: call.Args[1].End(), NewText: []byte(size)}
	}
	return &analysis.SuggestedFix{
		Message:   "Give " + f.chanName(p) + " a buffer of " + size,
		TextEdits: []analysis.TextEdit{edit},
	}
}
