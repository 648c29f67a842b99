// Spawn sites as the shared pass describes them: joins, cancellation,
// blocking operations.
package spawns

import (
	"context"
	"sync"

	"golang.org/x/sync/errgroup"
)

func joinedByWaitGroup(items []int) {
	var wg sync.WaitGroup
	for range items {
		wg.Add(1)
		go func() { defer wg.Done() }() // want `spawn joins=waitgroup cancel=false blocking=0`
	}
	wg.Wait()
}

func joinedByChannel() int {
	ch := make(chan int)
	go func() { ch <- 1 }() // want `spawn joins=channel cancel=false blocking=1`
	return <-ch
}

func joinedByGroup(ctx context.Context) error {
	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() error { <-ctx.Done(); return nil }) // want `spawn joins=group cancel=true blocking=1`
	return g.Wait()
}

func stopChannel(stop <-chan struct{}, work <-chan int) {
	go func() { // want `spawn joins=- cancel=true blocking=0`
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
	go named(ch) // want `spawn joins=channel cancel=false blocking=1`
	<-ch
}
