package chans

import (
	"context"
	"errors"
)

// serveRequests hands back a func that asks its goroutine for one answer,
// and the cancel that ends the goroutine: calling cancel is how the
// caller releases it.
func serveRequests(ctx context.Context) (func(string) string, context.CancelFunc) {
	ctx, cancel := context.WithCancel(ctx)
	reqs := make(chan string)
	resps := make(chan string)
	go func() {
		for {
			select {
			case r := <-reqs:
				resps <- r
			case <-ctx.Done():
				return
			}
		}
	}()
	ask := func(r string) string {
		reqs <- r
		return <-resps
	}
	return ask, cancel
}

func prepareMounts() error { return errors.New("prepare failed") }

// The deferred cancel releases the goroutine on every path.
func mountAll(ctx context.Context) error {
	ask, cancel := serveRequests(ctx)
	defer cancel()
	if err := prepareMounts(); err != nil {
		return err
	}
	ask("a")
	return nil
}

// A cancel on the early path releases it there too.
func mountSome(ctx context.Context) error {
	ask, cancel := serveRequests(ctx)
	if err := prepareMounts(); err != nil {
		cancel()
		return err
	}
	ask("a")
	cancel()
	return nil
}

// Twin: the early return neither asks nor cancels.
func mountLeaky(ctx context.Context) error {
	ask, cancel := serveRequests(ctx) // want `^result of serveRequests is not called on the path that returns at line 61; neither is the cancel it returns, so its goroutine stays until that cancel is called$`
	if err := prepareMounts(); err != nil {
		return err
	}
	ask("a")
	cancel()
	return nil
}
