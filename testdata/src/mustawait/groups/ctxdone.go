package groups

import (
	"context"
	"sync"
)

type source struct {
	subscribe func(ctx context.Context, listener func(int))
}

// latestAll subscribes to every source and takes each one's first
// value. Its return on ctx.Done() skips the Wait, but the goroutines were
// handed that ctx: their subscriptions end with it.
func latestAll(ctx context.Context, sources []source) map[int]int {
	var wg sync.WaitGroup
	latest := make(chan int, len(sources))
	for _, src := range sources {
		wg.Go(func() {
			src.subscribe(ctx, func(v int) {
				select {
				case latest <- v:
				default:
				}
			})
		})
	}
	out := map[int]int{}
	for i := range sources {
		select {
		case v := <-latest:
			out[i] = v
		case <-ctx.Done():
			return nil
		}
	}
	wg.Wait()
	return out
}

// Twin: its return on another signal leaves them running.
func latestUntil(ctx context.Context, sources []source, stop <-chan struct{}) map[int]int {
	var wg sync.WaitGroup
	latest := make(chan int, len(sources))
	for _, src := range sources {
		wg.Go(func() { // want `wg.Go is not followed by wg.Wait on the path that returns at line 61`
			src.subscribe(ctx, func(v int) {
				select {
				case latest <- v:
				default:
				}
			})
		})
	}
	out := map[int]int{}
	for i := range sources {
		select {
		case v := <-latest:
			out[i] = v
		case <-stop:
			return nil
		}
	}
	wg.Wait()
	return out
}

// firstUpdate returns on ctx.Done() without waiting: every wait of the
// forwarders gives up on that ctx and returns, so they end with it.
func firstUpdate(ctx context.Context, feeds []chan int) int {
	var wg sync.WaitGroup
	updates := make(chan int, len(feeds))
	for _, feed := range feeds {
		wg.Go(func() {
			for {
				select {
				case <-ctx.Done():
					return
				case v := <-feed:
					select {
					case updates <- v:
					case <-ctx.Done():
						return
					}
				}
			}
		})
	}
	select {
	case <-ctx.Done():
		return 0
	case v := <-updates:
		wg.Wait()
		return v
	}
}

// Twin: the forwarders wait on their feeds alone, whatever ctx does.
func firstUpdatePlain(ctx context.Context, feeds []chan int) int {
	var wg sync.WaitGroup
	updates := make(chan int, len(feeds))
	for _, feed := range feeds {
		wg.Go(func() { // want `wg.Go is not followed by wg.Wait on the path that returns at line 114`
			for v := range feed {
				select {
				case updates <- v:
				default:
				}
			}
		})
	}
	select {
	case <-ctx.Done():
		return 0
	case v := <-updates:
		wg.Wait()
		return v
	}
}
