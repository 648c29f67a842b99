package loops

import "errors"

func attempt() error { return nil }

// --- clean twins: no diagnostics below ---

// Fifteen senders, and two constant loops that receive ten and five:
// by the select, every sender has been received, whichever way SSA
// tests the loops' first round.
func drainedByLoops() error {
	const n, m = 10, 5
	errs := make(chan error)
	for range n + m {
		go func() { errs <- attempt() }()
	}
	for range n {
		<-errs
	}
	for range m {
		<-errs
	}
	select {
	case <-errs:
		return errors.New("one too many")
	default:
	}
	return nil
}

// start feeds the channel it returns from times goroutines.
func start(times int, try func() bool) <-chan bool {
	ch := make(chan bool)
	for range times {
		go func() { ch <- try() }()
	}
	return ch
}

// up's ten sends are all received before the select.
func drainedFuture(online, offline func() bool) bool {
	const n = 10
	up, down := start(n, online), start(1, offline)
	for range n {
		<-up
	}
	select {
	case <-up:
		<-down
		return false
	case ok := <-down:
		return !ok
	}
}
