package groups

import (
	"context"
	"sync"
)

// The collector watches a ctx that only the success path cancels: the
// error return leaves it running until the caller's ctx ends.
func collectUncanceled(ctx context.Context, in <-chan int, urls []string) (int, error) {
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	total := 0
	wg.Add(1) // want `wg.Add is not followed by wg.Wait on the path that returns at line 27; its goroutines outlive the function$`
	go func() {
		defer wg.Done()
		for {
			select {
			case <-ctx.Done():
				return
			case v := <-in:
				total += v
			}
		}
	}()
	if err := validate(urls); err != nil {
		return 0, err
	}
	cancel()
	wg.Wait()
	return total, nil
}

// --- clean twins: no diagnostics below ---

// The function's own defer cancels the ctx the collector gives up on, so
// the error return ends it too.
func collectDeferredCancel(ctx context.Context, in <-chan int, urls []string) (int, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	total := 0
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-ctx.Done():
				return
			case v := <-in:
				total += v
			}
		}
	}()
	if err := validate(urls); err != nil {
		return 0, err
	}
	cancel()
	wg.Wait()
	return total, nil
}
