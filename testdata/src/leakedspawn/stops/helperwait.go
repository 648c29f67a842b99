package stops

import "time"

type waiter struct{ done chan struct{} }

// waitFor starts a goroutine that waits for a value on ch.
func waitFor(ch <-chan int) *waiter {
	w := &waiter{done: make(chan struct{})}
	go func() {
		<-ch
		close(w.done)
	}()
	return w
}

// Nobody sends on ch: the helper's goroutine waits forever.
func neverSent() *waiter {
	ch := make(chan int)
	return waitFor(ch) // want `goroutine started by waitFor receives from ch, which nobody sends on or closes; it blocks forever`
}

// --- clean twins: no diagnostics below ---

// waitOrTimeout's goroutine gives up when its timer fires.
func waitOrTimeout(ch <-chan int, d time.Duration) *waiter {
	w := &waiter{done: make(chan struct{})}
	go func() {
		t := time.NewTimer(d)
		defer t.Stop()
		select {
		case <-ch:
		case <-t.C:
		}
		close(w.done)
	}()
	return w
}

func timesOut() {
	ch := make(chan int)
	w := waitOrTimeout(ch, 0)
	<-w.done
}
