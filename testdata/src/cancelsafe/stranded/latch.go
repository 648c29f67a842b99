package stranded

import (
	"context"
	"sync/atomic"
)

func probe(i int) bool { return i >= 0 }

// Every partition counts the latch down; only the last one to answer
// sends. When ctx is done first, that one goroutine blocks, and one
// slot is all the channel needs.
func allAnswered(ctx context.Context, primary, secondary int) error {
	complete := make(chan error)
	var waiting atomic.Int64
	waiting.Store(int64(primary + secondary))
	check := func(i int) {
		if !probe(i) {
			return
		}
		if waiting.Add(-1) == 0 {
			complete <- nil
		}
	}
	for i := range primary {
		go check(i)
	}
	for i := range secondary {
		go check(i)
	}
	select {
	case <-ctx.Done(): // want `^when ctx is done first, one of the goroutines started at lines 26 and 29 blocks forever sending on complete; give complete a buffer of 1$`
		return ctx.Err()
	case err := <-complete:
		return err
	}
}

// The same latch with the package function on an int32 field.
type tally struct{ left int32 }

func allDone(ctx context.Context, n int) bool {
	done := make(chan struct{})
	t := &tally{left: int32(n)}
	for i := range n {
		go func() {
			probe(i)
			if atomic.AddInt32(&t.left, -1) != 0 {
				return
			}
			done <- struct{}{}
		}()
	}
	select {
	case <-ctx.Done(): // want `^when ctx is done first, one of the goroutines started at line 46 blocks forever sending on done; give done a buffer of 1$`
		return false
	case <-done:
		return true
	}
}

// Twin: the buffer of 1 holds the latch's one send.
func allAnsweredBuffered(ctx context.Context, n int) error {
	complete := make(chan error, 1)
	var waiting atomic.Int64
	waiting.Store(int64(n))
	for i := range n {
		go func() {
			probe(i)
			if waiting.Add(-1) == 0 {
				complete <- nil
			}
		}()
	}
	select {
	case <-ctx.Done():
		return ctx.Err()
	case err := <-complete:
		return err
	}
}

// Twin for the count: a countdown that is not by one says nothing, and
// every goroutine may send.
func everyOneSends(ctx context.Context) error {
	complete := make(chan error)
	var waiting atomic.Int64
	for range 3 {
		go func() {
			if waiting.Add(1) > 0 {
				complete <- nil
			}
		}()
	}
	select {
	case <-ctx.Done(): // want `^when ctx is done first, the goroutines started at line 89 block forever sending on complete; give complete a buffer of 3$`
		return ctx.Err()
	case err := <-complete:
		return err
	}
}
