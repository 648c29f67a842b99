package cancelsafe

import (
	"go/ast"
	"go/token"

	"golang.org/x/tools/go/ssa"

	"github.com/scopevet/scopevet/analyzers/flow"
	"github.com/scopevet/scopevet/analyzers/summary"
)

// checkLoops reports the early exits of loops that receive from p: a
// return or break that leaves a counted loop (a range, or a for with a
// condition) from its body, while goroutines started before the loop
// may still be waiting to send.
func (f *fnCheck) checkLoops(p *pending) {
	start, ok := p.value.(ssa.Instruction) // the make, or the call of the future
	if !ok || p.made == nil && !p.stream && p.family == nil {
		return
	}
	seen := map[*summary.Loop]bool{}
	for _, r := range p.recvs {
		l := summary.Innermost(f.loops, r.Block())
		if l == nil || seen[l] {
			continue
		}
		seen[l] = true
		exit := l.Exit()
		if exit == nil || l.Blocks[start.Block()] {
			continue
		}
		stranded, total, ok := f.startedBefore(p, l)
		left := total - 1 // this round's receive took one
		if p.family != nil {
			left = total // each later round's channel has its own buffer
		}
		if !ok || left <= p.buffer {
			continue
		}
		loops := f.c.syn.enclosingLoops(r.Pos())
		if len(loops) == 0 || !isCounted(loops[0]) {
			continue
		}
		astLoop := loops[0]
		for _, stmt := range earlyExits(astLoop, f.c.syn.labelOf(astLoop)) {
			switch stmt := stmt.(type) {
			case *ast.ReturnStmt:
				ret := f.returnAt(stmt.Return)
				if ret == nil || f.abandoning[ret] || f.handledBefore(ret, l, p) || f.closedOn(ret, p) {
					continue
				}
				f.reportLoopExit(p, stmt, "return", stranded, total)
			case *ast.BranchStmt:
				if len(f.exits(exit, 0, p, nil)) == 0 {
					continue
				}
				f.reportLoopExit(p, stmt, "break", stranded, total)
			}
		}
	}
}

// startedBefore returns the senders that run before loop l and reach
// it, and their total lower bound. It returns false when a sender runs
// inside the loop: then each round may receive what it started.
func (f *fnCheck) startedBefore(p *pending, l *summary.Loop) ([]*sender, int64, bool) {
	head := l.Header.Instrs[0]
	var out []*sender
	for _, s := range p.senders {
		if l.Blocks[s.at.Block()] {
			return nil, 0, false
		}
		if f.Reaches(s.at, head, func(x ssa.Instruction) bool { return p.handled[x] || s.joined[x] || x == p.made }) {
			out = append(out, s)
		}
	}
	return out, sumLower(out), len(out) > 0
}

// handledBefore reports whether some path from loop l to ret receives
// from, drains or closes p after leaving the loop, or fails the test.
func (f *fnCheck) handledBefore(ret *ssa.Return, l *summary.Loop, p *pending) bool {
	for _, instr := range ret.Block().Instrs[:f.IndexOf(ret)] {
		if p.handled[instr] || f.endsQuietly(instr) {
			return true
		}
	}
	seen := map[*ssa.BasicBlock]bool{ret.Block(): true}
	stack := append([]*ssa.BasicBlock(nil), ret.Block().Preds...)
	for n := 0; len(stack) > 0; n++ {
		if n > flow.MaxVisits {
			return true
		}
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[b] || l.Blocks[b] {
			continue
		}
		seen[b] = true
		for _, instr := range b.Instrs {
			if p.handled[instr] || f.endsQuietly(instr) {
				return true
			}
		}
		stack = append(stack, b.Preds...)
	}
	return false
}

// closedOn reports whether ret runs only once a comma-ok receive from p
// found it closed (if !ok { return }): whoever sent on p is done then,
// since a send on a closed channel panics.
func (f *fnCheck) closedOn(ret *ssa.Return, p *pending) bool {
	for _, r := range p.recvs {
		u, ok := r.(*ssa.UnOp)
		if !ok {
			continue
		}
		if br := summary.OkTest(u); br != nil {
			closed := br.Block().Succs[1]
			if len(closed.Preds) == 1 && closed.Dominates(ret.Block()) {
				return true
			}
		}
	}
	return false
}

// returnAt returns fn's return instruction written at pos.
func (f *fnCheck) returnAt(pos token.Pos) *ssa.Return {
	for _, b := range f.fn.Blocks {
		if ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok && ret.Pos() == pos {
			return ret
		}
	}
	return nil
}

// isCounted reports whether a loop ends by itself: a range, or a for
// with a condition. Only such loops tell an early exit from the normal one.
func isCounted(l ast.Stmt) bool {
	switch l := l.(type) {
	case *ast.ForStmt:
		return l.Cond != nil
	case *ast.RangeStmt:
		return true
	}
	return false
}

// earlyExits returns the return statements in a loop's body and the
// break statements that leave it, outside nested function literals.
func earlyExits(l ast.Stmt, label *ast.Ident) []ast.Stmt {
	var body *ast.BlockStmt
	switch l := l.(type) {
	case *ast.ForStmt:
		body = l.Body
	case *ast.RangeStmt:
		body = l.Body
	}
	var out []ast.Stmt
	var walk func(n ast.Node, breakable bool)
	walk = func(n ast.Node, inner bool) {
		ast.Inspect(n, func(m ast.Node) bool {
			if m == n {
				return true
			}
			switch m := m.(type) {
			case *ast.FuncLit:
				return false
			case *ast.ReturnStmt:
				out = append(out, m)
			case *ast.BranchStmt:
				if m.Tok != token.BREAK {
					break
				}
				if m.Label == nil && !inner || m.Label != nil && label != nil && m.Label.Name == label.Name {
					out = append(out, m)
				}
			case *ast.ForStmt, *ast.RangeStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
				walk(m, true) // an unlabeled break there leaves only that statement
				return false
			}
			return true
		})
	}
	walk(body, false)
	return out
}

// labelOf returns the label of a labeled statement, or nil.
func (s *syntax) labelOf(stmt ast.Stmt) *ast.Ident {
	f := s.file(stmt.Pos())
	if f == nil {
		return nil
	}
	var label *ast.Ident
	ast.Inspect(f, func(n ast.Node) bool {
		if l, ok := n.(*ast.LabeledStmt); ok && l.Stmt == stmt {
			label = l.Label
		}
		return label == nil && (n == nil || n.Pos() <= stmt.Pos() && stmt.Pos() < n.End())
	})
	return label
}
