package cancelsafe

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/scopevet/scopevet/analyzers/summary"
)

// checkDropped reports forwarding selects that drop the value they
// offer when another case wins: a value the function took from a
// channel it was given (ownership taken: a job, a connection, a message
// to acknowledge), offered on an output channel, and neither delivered
// nor handed back on the path that returns.
func (f *fnCheck) checkDropped() {
	for _, b := range f.fn.Blocks {
		for _, instr := range b.Instrs {
			sel, ok := instr.(*ssa.Select)
			if !ok {
				continue
			}
			f.checkForward(sel)
		}
	}
}

// checkForward checks one select for an offered value that another case
// drops.
func (f *fnCheck) checkForward(sel *ssa.Select) {
	stmt := f.c.syn.selects[sel.Pos()]
	cases, def := summary.Branches(sel)
	if stmt == nil || cases == nil {
		return
	}
	ccs, defc := clauses(stmt)
	if len(ccs) != len(sel.States) {
		return
	}
	for i, st := range sel.States {
		if st.Dir != types.SendOnly {
			continue
		}
		recv := f.takenFrom(st.Send)
		if !recv.IsValid() || !carriesOwnership(st.Send.Type()) {
			continue
		}
		send, ok := ccs[i].Comm.(*ast.SendStmt)
		if !ok || !isSimple(send.Value) {
			continue
		}
		uses := map[ssa.Instruction]bool{}
		for _, u := range f.c.res.Uses(f.c.res.Canonical(st.Send)) {
			if u.Instr != sel {
				uses[u.Instr] = true
			}
		}
		stops := f.headersAround(sel)
		for j, other := range sel.States {
			if j == i || other.Dir != types.RecvOnly {
				continue
			}
			f.reportDropped(cases[j], uses, stops, ccs[j], f.c.when(other.Chan, ccs[j]), send, recv)
		}
		if def != nil && defc != nil {
			f.reportDropped(def, uses, stops, defc, "when the select takes its default case", send, recv)
		}
	}
}

// reportDropped reports the case that starts at b when it returns
// without using the offered value again.
func (f *fnCheck) reportDropped(b *ssa.BasicBlock, uses map[ssa.Instruction]bool, stops map[*ssa.BasicBlock]bool, cc *ast.CommClause, when string, send *ast.SendStmt, recv token.Pos) {
	found := false
	hit := f.Search(b, 0, func(instr ssa.Instruction) bool {
		if uses[instr] || stops[instr.Block()] {
			return true
		}
		switch instr := instr.(type) {
		case *ssa.Return:
			found = true
			return true
		case *ssa.Panic:
			return true
		case *ssa.Call:
			return f.c.res.IsNoReturn(instr)
		}
		return false
	})
	if !found || hit || f.reported[cc.Case] {
		return
	}
	f.reported[cc.Case] = true
	value := text(send.Value)
	f.c.rep.Report(analysis.Diagnostic{
		Pos: cc.Case,
		End: cc.Colon + 1,
		Message: fmt.Sprintf("%s, %s is dropped: it was taken from a channel at line %d and is neither sent on %s nor handed back",
			when, value, f.c.syn.line(recv), text(send.Chan)),
		Related: []analysis.RelatedInformation{{Pos: recv, Message: value + " is received here"}},
	})
}

// takenFrom returns where a value was received when it came from a
// channel the function did not make (so it took ownership of what
// someone handed over), or token.NoPos.
func (f *fnCheck) takenFrom(v ssa.Value) token.Pos {
	v = f.c.res.Canonical(v)
	var ch ssa.Value
	var at token.Pos
	switch x := v.(type) {
	case *ssa.UnOp:
		if x.Op != token.ARROW {
			return token.NoPos
		}
		ch, at = x.X, x.Pos()
	case *ssa.Extract:
		switch t := x.Tuple.(type) {
		case *ssa.UnOp:
			if t.Op != token.ARROW || x.Index != 0 {
				return token.NoPos
			}
			ch, at = t.X, t.Pos()
		case *ssa.Select:
			// The values of a select's receive states follow the index
			// and ok: state k's value is at 2 + (receives before k).
			n := 2
			for _, st := range t.States {
				if st.Dir != types.RecvOnly {
					continue
				}
				if n == x.Index {
					ch, at = st.Chan, st.Pos
					break
				}
				n++
			}
		}
	}
	if ch == nil || f.chanRoot(ch) != nil {
		return token.NoPos
	}
	if _, ok := ch.(*ssa.Call); ok {
		return token.NoPos // a future or a timer: not work handed over
	}
	return at
}

// carriesOwnership reports whether a value of type t is a thing someone
// must release when it is dropped: its type (or a pointer to it) has a
// method such as Close, Release, Ack or Nack. Plain data (a watch
// event, a batch of samples) is dropped on cancellation by design.
func carriesOwnership(t types.Type) bool {
	if _, ok := t.Underlying().(*types.Interface); !ok {
		if _, ok := t.(*types.Pointer); !ok {
			t = types.NewPointer(t)
		}
	}
	ms := types.NewMethodSet(t)
	for i := range ms.Len() {
		if releaseMethods[strings.ToLower(ms.At(i).Obj().Name())] {
			return true
		}
	}
	return false
}

// releaseMethods are the methods, by lowercase name, that give up a
// value someone owns.
var releaseMethods = map[string]bool{
	"close": true, "release": true, "free": true, "ack": true, "nack": true, "finish": true,
	"discard": true, "requeue": true, "reject": true, "dispose": true, "recycle": true,
}
