package groups

import (
	"context"
	"sync"
)

type entry struct{ name string }

// list hands entries over in batches, as a directory walker does.
func list(ctx context.Context, each func([]entry)) {
	each(make([]entry, 200))
}

// consume returns early once ctx is done, leaving entries in ch.
func consume(ctx context.Context, ch chan entry) error {
	for e := range ch {
		if e.name == "" {
			return ctx.Err()
		}
	}
	return nil
}

// The lister's send has no way out: once consume gives up, it blocks on
// the full ch, and a Wait at the early return would block with it.
func listAndConsume(ctx context.Context) error {
	var (
		ch = make(chan entry, 100)
		wg sync.WaitGroup
	)
	wg.Go(func() { // want `wg.Go is not followed by wg.Wait on the path that returns at line 41; its goroutines outlive the function; a Wait there may block forever too, since the goroutine started at line 32 sends on ch with nothing to let it give up: let that send select on ctx.Done\(\) or a channel closed on return, or give ch room for every send, then wait$`
		list(ctx, func(es []entry) {
			for _, e := range es {
				ch <- e
			}
		})
		close(ch)
	})
	if err := consume(ctx, ch); err != nil {
		return err
	}
	wg.Wait()
	return nil
}

// Its twin: the lister's send selects on ctx.Done(), so it gives up, and
// a Wait at the early return would not block. Only the Wait is missing.
func listAndConsumeCancelable(ctx context.Context) error {
	ch := make(chan entry, 100)
	var wg sync.WaitGroup
	wg.Go(func() { // want `wg.Go is not followed by wg.Wait on the path that returns at line 65; its goroutines outlive the function$`
		list(ctx, func(es []entry) {
			for _, e := range es {
				select {
				case ch <- e:
				case <-ctx.Done():
					return
				}
			}
		})
		close(ch)
	})
	if err := consume(ctx, ch); err != nil {
		return err
	}
	wg.Wait()
	return nil
}

// times is bradfitz/iter's N: a slice to range over n times.
func times(n int) []struct{} { return make([]struct{}, n) }

func dial() error { return nil }

// Two dialers report on the unbuffered errs; the first error returns and
// the other dialer blocks on its send, so a Wait there would too. The
// return strands a goroutine, so the finding is cancelsafe's (one
// closure started at two go statements), and mustawait stays silent.
func dialPair(first, second func() error) error {
	errs := make(chan error)
	var wg sync.WaitGroup
	wg.Add(2)
	dialOne := func(dial func() error) {
		defer wg.Done()
		errs <- dial()
	}
	go dialOne(first)
	go dialOne(second)
	for range times(2) {
		if err := <-errs; err != nil {
			return err
		}
	}
	wg.Wait()
	return nil
}

func listNames(ctx context.Context, each func(string) error) error { return nil }

// The workers range over jobs until it is closed; the listing's error
// returns before the close, and a Wait there would wait for them forever.
func checkAll(ctx context.Context, check func(string) error) error {
	jobs := make(chan string, 8)
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() { // want `wg.Go is not followed by wg.Wait on the path that returns at line 117; its goroutines outlive the function; a Wait there would block too, since the goroutine started at line 107 waits on jobs until it is closed: close jobs first, then wait$`
			for name := range jobs {
				_ = check(name)
			}
		})
	}
	if err := listNames(ctx, func(name string) error {
		jobs <- name
		return nil
	}); err != nil {
		return err
	}
	close(jobs)
	wg.Wait()
	return nil
}

// Silent: every early return closes the workers' channel first, which
// tells them to stop; they end on their own.
func feedUntilError(blocks []string, errs <-chan error, check func(string) error) error {
	jobs := make(chan string)
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for b := range jobs {
				_ = check(b)
			}
		})
	}
	for _, b := range blocks {
		select {
		case err := <-errs:
			close(jobs)
			return err
		case jobs <- b:
		}
	}
	close(jobs)
	wg.Wait()
	return nil
}

// Twin: one of the early returns leaves without closing jobs, and the
// workers wait on it forever.
func feedUntilTimeout(blocks []string, errs <-chan error, timeout <-chan struct{}, check func(string) error) error {
	jobs := make(chan string)
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() { // want `^wg.Go is not followed by wg.Wait on the path that returns at line 167; its goroutines outlive the function; a Wait there would block too, since the goroutine started at line 155 waits on jobs until it is closed: close jobs first, then wait$`
			for b := range jobs {
				_ = check(b)
			}
		})
	}
	for _, b := range blocks {
		select {
		case err := <-errs:
			close(jobs)
			return err
		case <-timeout:
			return nil
		case jobs <- b:
		}
	}
	close(jobs)
	wg.Wait()
	return nil
}
