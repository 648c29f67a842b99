// Package clean holds the idioms leakedspawn must stay silent on.
package clean

import (
	"context"
	"net/http"
	"os"
	"os/signal"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
)

func work(int) int { return 0 }

func pool(ctx context.Context, jobs []int) []int {
	in := make(chan int)
	out := make(chan int)
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range in {
				out <- work(j)
			}
		}()
	}
	go func() {
		wg.Wait()
		close(out)
	}()
	go func() {
		defer close(in)
		for _, j := range jobs {
			select {
			case in <- j:
			case <-ctx.Done():
				return
			}
		}
	}()
	var res []int
	for r := range out {
		res = append(res, r)
	}
	return res
}

func group(ctx context.Context, jobs []int) error {
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(4)
	for _, j := range jobs {
		g.Go(func() error {
			work(j)
			return ctx.Err()
		})
	}
	return g.Wait()
}

type server struct{ srv *http.Server }

func (s *server) run() error {
	errc := make(chan error, 1)
	go func() { errc <- s.srv.ListenAndServe() }()
	time.Sleep(time.Millisecond)
	return s.srv.Shutdown(context.Background())
}

func notify() {
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt)
	go func() {
		for range sigs {
			os.Exit(1)
		}
	}()
}

type owner struct {
	quit chan struct{}
	wg   sync.WaitGroup
	jobs chan int
}

func newOwner() *owner {
	o := &owner{quit: make(chan struct{}), jobs: make(chan int)}
	o.wg.Add(1)
	go o.loop()
	return o
}

func (o *owner) loop() {
	defer o.wg.Done()
	for {
		select {
		case j := <-o.jobs:
			work(j)
		case <-o.quit:
			return
		}
	}
}

func (o *owner) Close() {
	close(o.quit)
	o.wg.Wait()
}

func afterFuncs(ctx context.Context) {
	time.AfterFunc(time.Second, func() { work(1) })
	stop := context.AfterFunc(ctx, func() { work(2) })
	defer stop()
}

func forwarder(ctx context.Context, in <-chan int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for v := range in {
			select {
			case out <- v:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out
}
