package stops

import "context"

// ctxFromStop makes a context that ends when stop is closed, or when the
// returned cancel is called: its goroutine leaves on either.
func ctxFromStop(stop <-chan struct{}) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		select {
		case <-stop:
			cancel()
		case <-ctx.Done():
		}
	}()
	return ctx, cancel
}

// lookup hands stop two calls down and cancels on return.
func lookup(stop <-chan struct{}, key string) string {
	ctx, cancel := ctxFromStop(stop)
	defer cancel()
	return fetchKey(ctx, key)
}

func fetchKey(ctx context.Context, key string) string { return key }

// Nobody closes stop, but lookup's deferred cancel ends the goroutine.
func lookupNoStop() string {
	return lookup(make(chan struct{}), "k")
}

// waitStop's goroutine waits for stop alone, one call further down.
func waitStop(stop <-chan struct{}) {
	go func() {
		<-stop
	}()
}

func watchStop(stop <-chan struct{}) { waitStop(stop) }

// Twin: two calls down, the goroutine has no other way out.
func watchNoStop() {
	stop := make(chan struct{})
	watchStop(stop) // want `goroutine started by watchStop receives from stop, which nobody sends on or closes; it blocks forever`
}
