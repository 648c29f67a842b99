package summary

import "strings"

// Effect is what a function does with one of its parameters (receiver
// first) or, for a closure, with one of its free variables.
// A zero Effect means the value is used but neither awaited nor let go.
type Effect uint32

const (
	// Awaits: receives from it, ranges over it, calls it, or calls a
	// Wait-like method on it before returning.
	Awaits Effect = 1 << iota
	// Escapes: stores, returns or sends it, or hands it to code whose
	// effect is unknown.
	Escapes
	// Arms: makes it a pending future that someone must await
	// (errgroup Go, WaitGroup Add, Cmd Start).
	Arms
	// Sends: a plain blocking send on it.
	Sends
	// GuardedSends: sends on it only in a select that can take another case.
	GuardedSends
	// Closes: closes it.
	Closes
	// Calls: calls it (a func value) synchronously.
	Calls
	// SpawnsWith: hands it to a goroutine started by the call.
	SpawnsWith
	// AsyncAwaits, AsyncSends, AsyncGuardedSends, AsyncCloses and RunsAsync
	// are Awaits, Sends, GuardedSends, Closes and Calls done by a goroutine
	// that the call starts and does not join.
	AsyncAwaits
	AsyncSends
	AsyncGuardedSends
	AsyncCloses
	RunsAsync
	// Signals: marks it done (WaitGroup Done), which is how a goroutine
	// tells its joiner it has finished; AsyncSignals is Signals by a goroutine.
	Signals
	AsyncSignals
	// PlainAwaits: receives from it (or ranges over it) outside any
	// select that can take another case, so nothing but a send or a
	// close on it ends the wait; AsyncPlainAwaits is that by a goroutine.
	// Awaits is set with it.
	PlainAwaits
	AsyncPlainAwaits
)

// Handled reports whether the value is awaited or let go, so that whoever
// holds it is no longer the only one responsible for awaiting it.
func (e Effect) Handled() bool { return e&(Awaits|Escapes|AsyncAwaits) != 0 }

// async maps what a goroutine does with a value onto what its starter does.
func (e Effect) async() Effect {
	out := SpawnsWith | e&(Escapes|SpawnsWith|AsyncAwaits|AsyncSends|AsyncGuardedSends|AsyncCloses|RunsAsync|AsyncSignals|AsyncPlainAwaits)
	if e&Awaits != 0 {
		out |= AsyncAwaits
	}
	if e&Sends != 0 {
		out |= AsyncSends
	}
	if e&GuardedSends != 0 {
		out |= AsyncGuardedSends
	}
	if e&Closes != 0 {
		out |= AsyncCloses
	}
	if e&Calls != 0 {
		out |= RunsAsync
	}
	if e&Signals != 0 {
		out |= AsyncSignals
	}
	if e&PlainAwaits != 0 {
		out |= AsyncPlainAwaits
	}
	return out
}

var effectNames = [...]string{
	"awaits", "escapes", "arms", "sends", "guardedsends", "closes", "calls",
	"spawnswith", "asyncawaits", "asyncsends", "asyncguardedsends", "asynccloses", "runsasync",
	"signals", "asyncsignals", "plainawaits", "asyncplainawaits",
}

func (e Effect) String() string {
	if e == 0 {
		return "-"
	}
	var parts []string
	for i, name := range effectNames {
		if e&(1<<i) != 0 {
			parts = append(parts, name)
		}
	}
	return strings.Join(parts, "|")
}
