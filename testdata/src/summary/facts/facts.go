// Package facts has functions another package can call by name, which get
// facts, and functions it cannot, which get none.
package facts

// Recv is exported: it gets a fact.
func Recv(ch chan int) { recv(ch) } // want Recv:`summary\(params=\[awaits\|plainawaits\]\)`

// recv is not: nobody else can call it.
func recv(ch chan int) { <-ch }

// exposed is unexported, but New hands one out, so its exported methods
// can be called from another package.
type exposed struct{ ch chan int }

func New() *exposed { return &exposed{ch: make(chan int)} } // want New:`summary\(fresh\)`

func (e *exposed) Wait() { <-e.ch } // want Wait:`summary\(params=\[awaits\|plainawaits\]\)`

func (e *exposed) wait() { <-e.ch }

// hidden is reached only through an interface.
type hidden struct{ ch chan int }

func (h *hidden) Wait() { <-h.ch }

type Waiter interface{ Wait() }

func Hidden() Waiter { return &hidden{ch: make(chan int)} }

// Box exposes its field's type, so inner's methods are callable.
type Box struct{ in inner }

type inner struct{}

func (inner) Close(ch chan int) { close(ch) } // want Close:`summary\(params=\[- closes\]\)`

// ping and pong call each other; Ping starts the cycle.
func Ping(ch chan int, n int) { // want Ping:`summary\(params=\[escapes -\]\)`
	if n > 0 {
		pong(ch, n-1)
	}
}

func pong(ch chan int, n int) {
	<-ch
	Ping(ch, n)
}

// early is declared before Loop and reaches Loop's cycle through loopB,
// so the walk enters the cycle at loopB and Loop's summary sees what loopB
// does. A pass for facts only keeps early's body for that reason alone.
func early(ch chan int) { loopB(ch, 1) }

// Loop and loopB call each other.
func Loop(ch chan int, n int) { // want Loop:`summary\(params=\[awaits\|escapes\|plainawaits -\]\)`
	if n > 0 {
		loopB(ch, n-1)
	}
}

func loopB(ch chan int, n int) {
	<-ch
	Loop(ch, n)
}

// helper is named by Self, which calls only itself, and by late, which
// nothing importable names: a pass for facts only leaves late's body out.
func helper(ch chan int) { <-ch }

func Self(ch chan int, n int) { // want Self:`summary\(params=\[awaits\|plainawaits -\]\)`
	helper(ch)
	if n > 0 {
		Self(ch, n-1)
	}
}

func late(ch chan int) { helper(ch) }

// unused names Recv but nothing importable names it.
func unused(ch chan int) { Recv(ch) }

func spawn() { go func() {}() }

// Again sends on out, or starts itself again with out in the same place:
// the recursion adds the same send, by a goroutine, not an escape.
func Again(out chan int, n int) { // want Again:`summary\(params=\[sends\|spawnswith\|asyncsends escapes\] spawns\)`
	if n > 0 {
		go Again(out, n-1)
		return
	}
	out <- n
}

// Twice sends, then calls itself with out: it may send more than once.
func Twice(out chan int, n int) { // want Twice:`summary\(params=\[sends escapes\] resends\)`
	out <- n
	if n > 0 {
		Twice(out, n-1)
	}
}

// Stopper returns a channel it made, and the func that sends on it: the
// caller holds both, so the channel counts as made for the caller.
func Stopper(stop func() error) (<-chan error, func()) { // want Stopper:`summary\(params=\[escapes\] chans=\[0 -\]\)`
	done := make(chan error)
	return done, func() { done <- stop() }
}
