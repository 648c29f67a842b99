package summary

import (
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// chanKey names a channel as the spawner sees it: a value, or a field of
// one (b.quit), so that the spawner's loads and the goroutine's meet.
type chanKey struct {
	base  ssa.Value
	field int // -1 for the value itself
}

// ReleasedAt returns the spawner's instructions after which the goroutine
// of site is on its way out: calls of a cancel func that ends it
// (CancelCalls); when it writes into an io.Pipe and waits on no channel,
// the close of the pipe's reader, or the RoundTrip or Do of a request
// whose body the reader is, which closes it (pipeReleases); and, when each of its blocking operations can give up on
// one stop channel (a select case that leaves, on a channel it is handed)
// or is a send with room, the spawner's close of that channel, its plain
// receive from it, and the branch of its select where that receive won:
// the channel is closed then, since a stop channel is closed, not sent
// on. Nil when there is none.
func (r *Result) ReleasedAt(site SpawnSite) []ssa.Instruction {
	out := r.CancelCalls(site)
	if r.s == nil || site.Body == nil {
		return out
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	s := r.s
	out = append(out, s.pipeReleases(site)...)
	if len(site.Ops) == 0 {
		return out
	}
	var stops map[chanKey]bool // the channels every op can give up on
	var leaves map[*ssa.BasicBlock]bool
	for _, op := range site.Ops {
		if send, ok := op.Instr.(*ssa.Send); ok && s.hasRoom(site, send) {
			continue
		}
		sel, ok := op.Instr.(*ssa.Select)
		if !ok || op.Cancel < 0 {
			return out
		}
		if leaves == nil {
			leaves = s.leavingBlocks(site.Body)
		}
		cases, _ := Branches(sel)
		mine := map[chanKey]bool{}
		for i, st := range sel.States {
			if st.Dir != types.RecvOnly || cases == nil || !leaves[cases[i]] || !s.isCancelSource(site.Body, st.Chan) {
				continue
			}
			if k, ok := s.spawnerKey(site, st.Chan); ok && (stops == nil || stops[k]) {
				mine[k] = true
			}
		}
		stops = mine
		if len(stops) == 0 {
			return out
		}
	}
	fn := site.Instr.Parent()
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			switch instr := instr.(type) {
			case *ssa.Call:
				if bi, ok := instr.Call.Value.(*ssa.Builtin); ok && bi.Name() == "close" && stops[s.localKey(instr.Call.Args[0])] {
					out = append(out, instr)
				}
			case *ssa.UnOp:
				if instr.Op == token.ARROW && stops[s.localKey(instr.X)] {
					out = append(out, instr)
				}
			case *ssa.Select:
				cases, _ := Branches(instr)
				for i, st := range instr.States {
					if st.Dir == types.RecvOnly && cases != nil && stops[s.localKey(st.Chan)] && len(cases[i].Instrs) > 0 {
						out = append(out, cases[i].Instrs[0])
					}
				}
			}
		}
	}
	return out
}

// localKey names a channel value of the spawner.
func (s *state) localKey(v ssa.Value) chanKey {
	if load, ok := v.(*ssa.UnOp); ok && load.Op == token.MUL {
		if fa, ok := load.X.(*ssa.FieldAddr); ok {
			return chanKey{s.canonical(fa.X), fa.Field}
		}
	}
	return chanKey{s.canonical(v), -1}
}

// spawnerKey names ch, a channel of the goroutine's body, as its spawner
// does: a capture, or a field of one.
func (s *state) spawnerKey(site SpawnSite, ch ssa.Value) (chanKey, bool) {
	field := -1
	if load, ok := ch.(*ssa.UnOp); ok && load.Op == token.MUL {
		if fa, ok := load.X.(*ssa.FieldAddr); ok {
			ch, field = fa.X, fa.Field
		}
	}
	i := captureOf(site, ch)
	if i < 0 {
		return chanKey{}, false
	}
	v := valueAt(site.Captures[i], site.Instr)
	if v == nil {
		return chanKey{}, false
	}
	return chanKey{s.canonical(v), field}, true
}

// pipeReleases returns, for a goroutine that writes into the writer of an
// io.Pipe the spawner made and waits on no channel (only sends with room),
// the spawner's calls that close the pipe's reader: its Close, or the
// RoundTrip or Do of a request whose body it is (a RoundTripper must close
// the body, on errors too). A write then fails, and the writer ends.
func (s *state) pipeReleases(site SpawnSite) []ssa.Instruction {
	for _, op := range site.Ops {
		if send, ok := op.Instr.(*ssa.Send); !ok || !s.hasRoom(site, send) {
			return nil
		}
	}
	var out []ssa.Instruction
	for _, c := range site.Captures {
		ex, ok := valueAt(c, site.Instr).(*ssa.Extract)
		if !ok || ex.Index != 1 {
			continue
		}
		pipe, ok := ex.Tuple.(*ssa.Call)
		if !ok || !isFunc(pipe.Call.StaticCallee(), "io", "Pipe") {
			continue
		}
		if reader := extractOf(pipe, 0); reader != nil {
			out = append(out, s.readerClosers(site.Instr.Parent(), reader)...)
		}
	}
	return out
}

// readerClosers returns fn's calls that close reader, directly or as
// the body of a request they send.
func (s *state) readerClosers(fn *ssa.Function, reader ssa.Value) []ssa.Instruction {
	var out []ssa.Instruction
	var reqs []ssa.Value
	uses := []ssa.Value{reader}
	for i := 0; i < len(uses) && i < 8; i++ {
		for _, ref := range *uses[i].Referrers() {
			switch ref := ref.(type) {
			case *ssa.MakeInterface, *ssa.ChangeType:
				uses = append(uses, ref.(ssa.Value))
			case *ssa.Call:
				common := ref.Common()
				if common.IsInvoke() && (common.Method.Name() == "Close" || common.Method.Name() == "CloseWithError") && common.Value == uses[i] {
					out = append(out, ref)
					continue
				}
				callee := common.StaticCallee()
				if callee != nil && (callee.Name() == "Close" || callee.Name() == "CloseWithError") && len(common.Args) > 0 && common.Args[0] == uses[i] {
					out = append(out, ref)
				}
				if isFunc(callee, "net/http", "NewRequest") || isFunc(callee, "net/http", "NewRequestWithContext") {
					if req := extractOf(ref, 0); req != nil {
						reqs = append(reqs, req)
					}
				}
			case *ssa.Store:
				if fa, ok := ref.Addr.(*ssa.FieldAddr); ok && ref.Val == uses[i] && IsNamed(deref(fa.X.Type()), "net/http", "Request") {
					reqs = append(reqs, fa.X)
				}
			}
		}
	}
	if len(reqs) == 0 {
		return out
	}
	// A request in a captured variable is a load of its cell at each use.
	key := func(v ssa.Value) ssa.Value {
		if load, ok := v.(*ssa.UnOp); ok && load.Op == token.MUL {
			switch load.X.(type) {
			case *ssa.FreeVar, *ssa.Alloc:
				return load.X
			}
		}
		return s.canonical(v)
	}
	sent := map[ssa.Value]bool{}
	for _, req := range reqs {
		sent[key(req)] = true
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(*ssa.Call)
			if !ok {
				continue
			}
			name := ""
			if call.Common().IsInvoke() {
				name = call.Common().Method.Name()
			} else if callee := call.Common().StaticCallee(); callee != nil {
				name = callee.Name()
			}
			if name != "RoundTrip" && name != "Do" {
				continue
			}
			if slices.ContainsFunc(call.Common().Args, func(a ssa.Value) bool { return sent[key(a)] }) {
				out = append(out, call)
			}
		}
	}
	return out
}

// isFunc reports whether fn is the package-level function pkg.name.
func isFunc(fn *ssa.Function, pkg, name string) bool {
	return fn != nil && fn.Signature.Recv() == nil && fn.Name() == name && fn.Pkg != nil && fn.Pkg.Pkg.Path() == pkg
}

func deref(t types.Type) types.Type {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		return p.Elem()
	}
	return t
}
