package groups

import (
	"context"

	"golang.org/x/sync/errgroup"
)

type appServer interface {
	Start(context.Context) error
	Stop(context.Context) error
}

// Each server has a stopper that waits for the group's context; an error
// after the start returns without Wait, and a Wait added there would wait
// for that context, which nothing cancels until a server fails.
func runServers(ctx context.Context, servers []appServer, register func(context.Context) error) error {
	eg, gctx := errgroup.WithContext(ctx)
	for _, srv := range servers {
		eg.Go(func() error { // want `eg.Go is not followed by eg.Wait on the path that returns at line 27; its goroutines outlive the function; a bare Wait there blocks until one of them fails or the group's parent context is canceled, since the goroutine started at line 20 waits for the group's context: cancel the parent first, then wait`
			<-gctx.Done()
			return srv.Stop(context.Background())
		})
		eg.Go(func() error { return srv.Start(gctx) })
	}
	if err := register(gctx); err != nil {
		return err
	}
	return eg.Wait()
}

// The goroutines do not wait for the group's context: a Wait at the
// early return would end, so the message says no more.
func runJobs(ctx context.Context, jobs []func(context.Context) error, check func() error) error {
	eg, gctx := errgroup.WithContext(ctx)
	for _, job := range jobs {
		eg.Go(func() error { return job(gctx) }) // want `eg.Go is not followed by eg.Wait on the path that returns at line 40; its goroutines outlive the function$`
	}
	if err := check(); err != nil {
		return err
	}
	return eg.Wait()
}

// Silent: the function cancels the group's parent and waits on every path.
func runServersStoppable(ctx context.Context, servers []appServer, register func(context.Context) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	eg, gctx := errgroup.WithContext(ctx)
	for _, srv := range servers {
		eg.Go(func() error {
			<-gctx.Done()
			return srv.Stop(context.Background())
		})
		eg.Go(func() error { return srv.Start(gctx) })
	}
	if err := register(gctx); err != nil {
		cancel()
		_ = eg.Wait()
		return err
	}
	return eg.Wait()
}

type announcer struct{ peers chan string }

// consumeAnnounce gives up once ctx is done.
func consumeAnnounce(ctx context.Context, a announcer) error {
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-a.peers:
		}
	}
}

func openAnnounce(ih string) (announcer, error) { return announcer{make(chan string)}, nil }

// Silent: the early return cancels the group's parent first, and every
// consumer gives up on the group's context; the rest joins in a goroutine.
func announceAll(ihs []string) (stop func(), err error) {
	ctx, stop := context.WithCancel(context.Background())
	eg, ctx := errgroup.WithContext(ctx)
	for _, ih := range ihs {
		var a announcer
		a, err = openAnnounce(ih)
		if err != nil {
			stop()
			return
		}
		eg.Go(func() error { return consumeAnnounce(ctx, a) })
	}
	go func() {
		defer stop()
		eg.Wait()
	}()
	return
}

// Its twin forgets the cancel on the early return: the consumers started
// so far run on until someone calls the stop func it does not return.
func announceAllLeaky(ihs []string) (stop func(), err error) {
	ctx, stop := context.WithCancel(context.Background())
	eg, ctx := errgroup.WithContext(ctx)
	for _, ih := range ihs {
		var a announcer
		a, err = openAnnounce(ih)
		if err != nil {
			return nil, err
		}
		eg.Go(func() error { return consumeAnnounce(ctx, a) }) // want `eg.Go is not followed by eg.Wait on the path that returns at line 110; its goroutines outlive the function$`
	}
	go func() {
		defer stop()
		eg.Wait()
	}()
	return
}

// Another twin: the cancel comes first, but the consumer does not watch
// the context, so it is not on its way out.
func announceDeaf(ihs []string) (stop func(), err error) {
	ctx, stop := context.WithCancel(context.Background())
	eg, ctx := errgroup.WithContext(ctx)
	for _, ih := range ihs {
		var a announcer
		a, err = openAnnounce(ih)
		if err != nil {
			stop()
			return
		}
		eg.Go(func() error { // want `eg.Go is not followed by eg.Wait on the path that returns at line 131; its goroutines outlive the function$`
			for range a.peers {
			}
			return nil
		})
	}
	go func() {
		defer stop()
		eg.Wait()
	}()
	return
}
