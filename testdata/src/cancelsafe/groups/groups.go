// Goroutines run by errgroup and WaitGroup.Go.
package groups

import (
	"context"
	"sync"

	"golang.org/x/sync/errgroup"
)

func fetch(ctx context.Context, u string) (int, error) { return len(u), nil }

// The group's goroutines send without watching ctx: when ctx wins, they
// block, and Wait would never return.
func plainSends(ctx context.Context, urls []string) (int, error) {
	var g errgroup.Group
	ch := make(chan int)
	for _, u := range urls {
		g.Go(func() error {
			n, err := fetch(ctx, u)
			ch <- n
			return err
		})
	}
	total := 0
	for range urls {
		select {
		case n := <-ch:
			total += n
		case <-ctx.Done(): // want `when ctx is done first, the goroutines started at line 19 block forever sending on ch; give ch a buffer of len\(urls\)`
			return 0, ctx.Err()
		}
	}
	return total, g.Wait()
}

func waitGroupGo(ctx context.Context) (int, error) {
	var wg sync.WaitGroup
	ch := make(chan int)
	wg.Go(func() { ch <- 1 })
	select {
	case n := <-ch:
		wg.Wait()
		return n, nil
	case <-ctx.Done(): // want `when ctx is done first, the goroutine started at line 40 blocks forever sending on ch; give ch a buffer of 1`
		return 0, ctx.Err()
	}
}

// --- clean twins: no diagnostics below ---

// errgroup.WithContext, and every goroutine watches the group's ctx.
func watchesCtx(ctx context.Context, urls []string) (int, error) {
	g, ctx := errgroup.WithContext(ctx)
	ch := make(chan int)
	for _, u := range urls {
		g.Go(func() error {
			n, err := fetch(ctx, u)
			if err != nil {
				return err
			}
			select {
			case ch <- n:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
	}
	go func() {
		g.Wait()
		close(ch)
	}()
	total := 0
	for {
		select {
		case n, ok := <-ch:
			if !ok {
				return total, g.Wait()
			}
			total += n
		case <-ctx.Done():
			return 0, ctx.Err()
		}
	}
}

func waitGroupGoGuarded(ctx context.Context) (int, error) {
	var wg sync.WaitGroup
	ch := make(chan int)
	wg.Go(func() {
		select {
		case ch <- 1:
		case <-ctx.Done():
		}
	})
	defer wg.Wait()
	select {
	case n := <-ch:
		return n, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// The consumer is another goroutine of the group: the function itself
// abandons nothing.
func pipeline(ctx context.Context, urls []string) error {
	g, ctx := errgroup.WithContext(ctx)
	ch := make(chan int)
	g.Go(func() error {
		defer close(ch)
		for _, u := range urls {
			n, _ := fetch(ctx, u)
			select {
			case ch <- n:
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		return nil
	})
	g.Go(func() error {
		for range ch {
		}
		return nil
	})
	return g.Wait()
}
