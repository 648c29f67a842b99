// Spawn sites as the shared pass describes them: joins, cancellation,
// and each operation that can wait, with whether a case of its select
// lets it give up on a cancellation source and leave ("cancels") or it
// waits for its partner alone ("waits").
package spawns

import (
	"context"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
)

func joinedByWaitGroup(items []int) {
	var wg sync.WaitGroup
	for range items {
		wg.Add(1)
		go func() { defer wg.Done() }() // want `spawn joins=waitgroup cancel=false ops=\[\]`
	}
	wg.Wait()
}

func joinedByChannel() int {
	ch := make(chan int)
	go func() { ch <- 1 }() // want `spawn joins=channel cancel=false ops=\[waits:26\]`
	return <-ch
}

func joinedByGroup(ctx context.Context) error {
	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() error { <-ctx.Done(); return nil }) // want `spawn joins=group cancel=true ops=\[waits:32\]`
	return g.Wait()
}

func stopChannel(stop <-chan struct{}, work <-chan int) {
	go func() { // want `spawn joins=- cancel=true ops=\[cancels:39\]`
		for {
			select {
			case <-stop:
				return
			case <-work:
			}
		}
	}()
}

func named(ch chan int) { ch <- 1 }

func namedWorker() {
	ch := make(chan int)
	go named(ch) // want `spawn joins=channel cancel=false ops=\[waits:48\]`
	<-ch
}

// Cancellation covers one operation, not the goroutine: the select
// gives up on ctx, the send after it does not.
func perOperation(ctx context.Context, in <-chan int, out chan<- int) {
	go func() { // want `spawn joins=channel cancel=true ops=\[cancels:62 waits:67\]`
		for {
			var v int
			select {
			case <-ctx.Done():
				return
			case v = <-in:
			}
			out <- v
		}
	}()
}

// Ranging over a data channel, or a comma-ok receive of data, observes
// no cancellation.
func dataOnly(in <-chan int, out chan<- int) {
	go func() { // want `spawn joins=channel cancel=false ops=\[waits:76 waits:77 waits:79\]`
		for v := range in {
			out <- v
		}
		if v, ok := <-in; ok {
			_ = v
		}
	}()
}

// A select whose ctx.Done() case goes back into the loop does not
// cancel, nor does a select on two data channels.
func ignored(ctx context.Context, a, b <-chan int) {
	go func() { // want `spawn joins=- cancel=false ops=\[waits:90\]`
		for {
			select {
			case <-ctx.Done():
			case <-a:
			case <-b:
			}
		}
	}()
}

// A stop channel from a method, and a timeout, are cancellation sources.
type stopper struct{ done chan struct{} }

func (s *stopper) Done() <-chan struct{} { return s.done }

func accessorAndTimer(s *stopper, in <-chan int) {
	go func() { // want `spawn joins=- cancel=true ops=\[cancels:106 cancels:111\]`
		select {
		case <-s.Done():
			return
		case <-in:
		}
		select {
		case <-time.After(time.Second):
			return
		case <-in:
		}
	}()
}

// shutdownFunc returns a channel and the func that sends on it; the
// goroutine that runs the func is joined through the channel.
func shutdownFunc(stop func() error) (<-chan error, func()) {
	done := make(chan error)
	return done, func() { done <- stop() }
}

func runShutdown(stop func() error) error {
	done, shutdown := shutdownFunc(stop)
	go shutdown() // want `spawn joins=channel cancel=false ops=\[waits:\d+\]`
	return <-done
}
