package groups

import (
	"context"

	"golang.org/x/sync/errgroup"
)

// startFetchers adds one goroutine per url to the caller's group.
func startFetchers(ctx context.Context, g *errgroup.Group, urls []string) {
	for _, u := range urls {
		g.Go(func() error { return fetch(ctx, u) })
	}
}

// A helper that adds to the caller's group leaves the Wait to the caller.
func fetchThroughHelper(ctx context.Context, urls []string) {
	var g errgroup.Group
	startFetchers(ctx, &g, urls) // want `^startFetchers is never followed by g.Wait; its goroutines outlive the function$`
}

func fetchThroughHelperWaited(ctx context.Context, urls []string) error {
	var g errgroup.Group
	startFetchers(ctx, &g, urls)
	return g.Wait()
}

type baseFetcher struct{ base string }

func (f *baseFetcher) start(ctx context.Context, g *errgroup.Group) {
	g.Go(func() error { return fetch(ctx, f.base) })
}

// The Wait the message names is the group's, not the receiver's.
func fetchBase(ctx context.Context) {
	var g errgroup.Group
	f := &baseFetcher{base: "a"}
	f.start(ctx, &g) // want `^f.start is never followed by g.Wait; its goroutines outlive the function$`
}

// packer runs its workers in a group of its own and flush joins them.
// start adds to the caller's group only a goroutine that waits for that
// inner group, so the caller's group holds no work of its own.
type packer struct {
	inner *errgroup.Group
	queue chan []byte
}

func (p *packer) start(ctx context.Context, g *errgroup.Group) {
	inner, ctx := errgroup.WithContext(ctx)
	p.inner = inner
	p.queue = make(chan []byte)
	inner.Go(func() error {
		for b := range p.queue {
			if err := fetch(ctx, string(b)); err != nil {
				return err
			}
		}
		return nil
	})
	g.Go(func() error { return inner.Wait() })
}

func (p *packer) flush() error {
	close(p.queue)
	return p.inner.Wait()
}

func packOnce(ctx context.Context) error {
	var g errgroup.Group
	p := &packer{}
	p.start(ctx, &g)
	p.queue <- []byte("x")
	return p.flush()
}

// poolStarter waits in the caller's group for an inner group that it
// keeps to itself: nobody else can join it, so the caller must.
type poolStarter struct{}

func (poolStarter) start(ctx context.Context, g *errgroup.Group) {
	var inner errgroup.Group
	inner.Go(func() error { return fetch(ctx, "a") })
	g.Go(func() error { return inner.Wait() })
}

func poolOnce(ctx context.Context) {
	var g errgroup.Group
	var s poolStarter
	s.start(ctx, &g) // want `^s.start is never followed by g.Wait; its goroutines outlive the function$`
}
