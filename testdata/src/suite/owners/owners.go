// Bugs that more than one check can see: each must be reported once, by
// the check that docs/design.md ("Who reports a stranded goroutine")
// names in the owner line above the function. Functions with no owner
// line must stay silent.
package owners

import (
	"context"
	"sync"
	"time"
)

// owner: leakedspawn
// The goroutine's loop never ends: leakedspawn, not the early return.
func endlessSender(tick <-chan time.Time) int {
	ch := make(chan int)
	go func() {
		for {
			<-tick
			ch <- 1
		}
	}()
	n := 0
	for v := range ch {
		n += v
		if n > 3 {
			return n
		}
	}
	return n
}

// owner: cancelsafe
// The select's ctx case strands the sender.
func timeout(ctx context.Context) (int, error) {
	ch := make(chan int)
	go func() { ch <- 1 }()
	select {
	case v := <-ch:
		return v, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

func source() <-chan int {
	ch := make(chan int)
	go func() { ch <- 1 }()
	return ch
}

// owner: mustawait
// A future not received on one path.
func notAwaited(fail bool) int {
	ch := source()
	if fail {
		return 0
	}
	return <-ch
}

func stream(n int) <-chan int {
	ch := make(chan int)
	go func() {
		for i := range n {
			ch <- i
		}
		close(ch)
	}()
	return ch
}

// owner: cancelsafe
// A stream received once, then a return.
func firstOnly() int {
	s := stream(3)
	return <-s
}

// owner: mustawait
// A stream not received at all on one path.
func streamNotAwaited(fail bool) int {
	s := stream(3)
	if fail {
		return 0
	}
	n := 0
	for v := range s {
		n += v
	}
	return n
}

// owner: cancelsafe
// Channels kept in a slice, an early return out of the receiving loop.
func family(items []int) error {
	var chans []chan error
	for range items {
		ch := make(chan error)
		go func() { ch <- nil }()
		chans = append(chans, ch)
	}
	for _, ch := range chans {
		if err := <-ch; err != nil {
			return err
		}
	}
	return nil
}

// owner: leakedspawn
// A ctx.Done() case that goes back into the loop.
func spins(ctx context.Context, in <-chan int) {
	go func() {
		for {
			select {
			case <-ctx.Done():
			case <-in:
			}
		}
	}()
}

// Silent: a buffered result.
func buffered(ctx context.Context) (int, error) {
	ch := make(chan int, 1)
	go func() { ch <- 1 }()
	select {
	case v := <-ch:
		return v, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

func dialOne() error { return nil }

// owner: cancelsafe
// Both checks see the WaitGroup's senders stranded by the early return;
// the stranded sender is cancelsafe's (a buffer fixes it), and a Wait
// there would block on the send.
func dialBoth() error {
	errs := make(chan error)
	var wg sync.WaitGroup
	wg.Add(2)
	for i := 0; i < 2; i++ {
		go func() {
			defer wg.Done()
			errs <- dialOne()
		}()
	}
	for i := 0; i < 2; i++ {
		if err := <-errs; err != nil {
			return err
		}
	}
	wg.Wait()
	return nil
}
