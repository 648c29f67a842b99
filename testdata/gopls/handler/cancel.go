package handler

import "context"

// FirstOrCancel returns early when ctx is done, and the goroutine's send
// then blocks forever: a buffer of 1 lets it finish (cancelsafe's fix).
func FirstOrCancel(ctx context.Context, compute func() int) (int, error) {
	ch := make(chan int)
	go func() { ch <- compute() }()
	select {
	case v := <-ch:
		return v, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}
