package summary

import "fmt"

// FutureKind says why a function result is work in flight.
type FutureKind uint8

const (
	NotFuture FutureKind = iota
	// ChanFuture: a channel that a goroutine started by the function
	// sends on or closes.
	ChanFuture
	// FuncFuture: a returned closure that receives from such a channel.
	FuncFuture
	// JoinFuture: a value whose Wait-like method joins goroutines the
	// function started.
	JoinFuture
	// APIFuture: a known API result, such as singleflight's DoChan channel.
	APIFuture
	// MarkedFuture: the function carries a //scopevet:mustawait directive.
	MarkedFuture
)

var kindNames = [...]string{"none", "chan", "func", "join", "api", "marked"}

func (k FutureKind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("kind%d", k)
}

// Future describes one function result that the caller must await.
type Future struct {
	Kind FutureKind
	// Unbuffered: the channel behind it has no buffer.
	Unbuffered bool
	// UnguardedSend: the goroutine behind it sends without a select
	// that could take another case, so it blocks until someone receives.
	UnguardedSend bool
	// Stream: the goroutine sends on it in a loop, more than one value,
	// so a receiver that stops early strands it.
	Stream bool
	// FanOut: it is a stream because goroutines started in a loop each
	// send on it.
	FanOut bool
	// Closes: the goroutine closes it too (as its end, typically in a
	// defer): a receive that gets the zero value knows it is done.
	Closes bool
}

// IsFuture reports whether the result is a future at all.
func (f Future) IsFuture() bool { return f.Kind != NotFuture }

// Blocks reports whether the goroutine behind the future blocks forever
// when nobody receives: an unguarded send on an unbuffered channel.
func (f Future) Blocks() bool {
	return (f.Kind == ChanFuture || f.Kind == FuncFuture) && f.Unbuffered && f.UnguardedSend
}

// Reportable reports whether dropping the future is a bug worth a
// diagnostic. Channel futures whose goroutine cannot block are
// fire-and-forget by design.
func (f Future) Reportable() bool {
	switch f.Kind {
	case ChanFuture, FuncFuture:
		return f.Blocks()
	case JoinFuture, APIFuture, MarkedFuture:
		return true
	}
	return false
}

func (f Future) String() string {
	if !f.IsFuture() {
		return "-"
	}
	s := f.Kind.String()
	if f.Unbuffered {
		s += ",unbuffered"
	}
	if f.UnguardedSend {
		s += ",unguarded"
	}
	if f.Stream {
		s += ",stream"
	}
	if f.FanOut {
		s += ",fanout"
	}
	if f.Closes {
		s += ",closes"
	}
	return s
}
