package stops

import (
	"sync"
	"sync/atomic"
)

// A single goroutine that closes ready on one branch and waits on it on
// the other: nothing else wakes it.
func waitsOnItself(first bool) {
	ready := make(chan struct{})
	go func() { // want `goroutine receives from ready, which nobody sends on or closes; it blocks forever`
		if first {
			close(ready)
		} else {
			<-ready
		}
	}()
}

// --- clean twins: no diagnostics below ---

// eachAtOnce runs f once per element, each on its own goroutine, and
// waits for all.
func eachAtOnce(xs []int, f func(*int)) {
	var wg sync.WaitGroup
	for i := range xs {
		wg.Add(1)
		go func() { defer wg.Done(); f(&xs[i]) }()
	}
	wg.Wait()
}

// The last run to arrive closes ready, which the others wait on.
func lastCloses(n int) {
	ready := make(chan struct{})
	var arrived atomic.Int64
	eachAtOnce(make([]int, n), func(*int) {
		if arrived.Add(1) == int64(n) {
			close(ready)
		} else {
			<-ready
		}
	})
}
