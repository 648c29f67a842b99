// errgroup, sync.WaitGroup and conc groups: armed by Go or Add, awaited by Wait.
package groups

import (
	"context"
	"errors"
	"sync"

	"github.com/sourcegraph/conc"
	"github.com/sourcegraph/conc/pool"
	"golang.org/x/sync/errgroup"
)

func fetch(ctx context.Context, u string) error { return nil }

func validate(urls []string) error {
	if len(urls) == 0 {
		return errors.New("no urls")
	}
	return nil
}

// The classic: an early return skips g.Wait.
func errgroupEarlyReturn(ctx context.Context, urls []string) error {
	g, ctx := errgroup.WithContext(ctx)
	for _, u := range urls {
		g.Go(func() error { return fetch(ctx, u) }) // want `g.Go is not followed by g.Wait on the path that returns at line 30; its goroutines outlive the function`
	}
	if err := validate(urls); err != nil {
		return err
	}
	return g.Wait()
}

func errgroupNeverWaited(ctx context.Context) {
	var g errgroup.Group
	g.Go(func() error { return fetch(ctx, "a") }) // want `g.Go is never followed by g.Wait`
}

func errgroupTryGo(ctx context.Context, bad bool) error {
	var g errgroup.Group
	if !g.TryGo(func() error { return fetch(ctx, "a") }) { // want `g.TryGo is not followed by g.Wait`
		return nil
	}
	return g.Wait()
}

func waitGroupEarlyReturn(items []int) error {
	var wg sync.WaitGroup
	wg.Add(len(items)) // want `wg.Add is not followed by wg.Wait on the path that returns at line 55; its goroutines outlive the function$`
	for range items {
		go func() { defer wg.Done() }()
	}
	if len(items) > 10 {
		return errors.New("too many")
	}
	wg.Wait()
	return nil
}

// A sync.WaitGroup never waited for is left over, not a join forgotten
// on one path: leakedspawn judges its goroutines.
func waitGroupGo() {
	var wg sync.WaitGroup
	wg.Go(func() {})
}

func waitGroupGoSkipped(fail bool) error {
	var wg sync.WaitGroup
	wg.Go(func() {}) // want `wg.Go is not followed by wg.Wait on the path that returns at line \d+`
	if fail {
		return errors.New("failed")
	}
	wg.Wait()
	return nil
}

func concNeverWaited() {
	var wg conc.WaitGroup
	wg.Go(func() {}) // want `wg.Go is never followed by wg.Wait`
}

func concPoolNeverWaited() {
	p := pool.New().WithMaxGoroutines(4)
	p.Go(func() {}) // want `p.Go is never followed by p.Wait`
}

// --- correct idioms: no diagnostics below ---

func errgroupJoined(ctx context.Context, urls []string) error {
	if err := validate(urls); err != nil {
		return err
	}
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(4)
	for _, u := range urls {
		g.Go(func() error { return fetch(ctx, u) })
	}
	return g.Wait()
}

func errgroupWaitOnError(ctx context.Context, urls []string) error {
	var g errgroup.Group
	g.Go(func() error { return fetch(ctx, urls[0]) })
	if err := validate(urls); err != nil {
		_ = g.Wait()
		return err
	}
	return g.Wait()
}

func workerPool(jobs <-chan int, results chan<- int) {
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				results <- j * 2
			}
		}()
	}
	wg.Wait()
}

func fanIn(inputs []<-chan int) <-chan int {
	out := make(chan int)
	var wg sync.WaitGroup
	for _, in := range inputs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for v := range in {
				out <- v
			}
		}()
	}
	go func() {
		wg.Wait()
		close(out)
	}()
	return out
}

func deferredWait(items []int) error {
	var wg sync.WaitGroup
	defer wg.Wait()
	for range items {
		wg.Add(1)
		go func() { defer wg.Done() }()
	}
	if len(items) > 10 {
		return errors.New("too many")
	}
	return nil
}

func waitAll(wg *sync.WaitGroup) { wg.Wait() }

func waitedByHelper() {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done() }()
	waitAll(&wg)
}

func startWorkers(ctx context.Context, g *errgroup.Group) {
	g.Go(func() error { return fetch(ctx, "a") })
}

func armedByHelperAndWaited(ctx context.Context) error {
	var g errgroup.Group
	startWorkers(ctx, &g)
	return g.Wait()
}

type server struct {
	wg sync.WaitGroup
}

// A WaitGroup in a field belongs to its owner, whose Close waits.
func (s *server) start() {
	s.wg.Add(1)
	go func() { defer s.wg.Done() }()
}

func (s *server) Close() { s.wg.Wait() }

func concJoined() {
	var wg conc.WaitGroup
	wg.Go(func() {})
	wg.Wait()
}

func concPoolJoined() error {
	p := pool.New().WithErrors()
	p.Go(func() error { return nil })
	return p.Wait()
}

func fatalPath(ctx context.Context, bad bool) error {
	var g errgroup.Group
	g.Go(func() error { return fetch(ctx, "a") })
	if bad {
		panic("bad")
	}
	return g.Wait()
}

// The second Wait mirrors the first one's condition: every path waits,
// though the CFG alone cannot tell.
func correlatedWait(records []int) error {
	var wg sync.WaitGroup
	work := make(chan int)
	wg.Add(1)
	go func() {
		defer wg.Done()
		for range work {
		}
	}()
	waited := false
	for _, r := range records {
		if r < 0 && !waited {
			close(work)
			wg.Wait()
			waited = true
			continue
		}
		if !waited {
			work <- r
		}
	}
	if !waited {
		close(work)
		wg.Wait()
	}
	if len(records) > 100 {
		return errors.New("too many")
	}
	return nil
}

// started is a start barrier, not a join: the copier runs on by design,
// and Wait only makes sure it has begun.
func startCopier(src <-chan []byte, dst chan<- []byte, bad bool) error {
	var started sync.WaitGroup
	started.Add(1)
	go func() {
		started.Done()
		for b := range src {
			dst <- b
		}
	}()
	if bad {
		return errors.New("bad")
	}
	started.Wait()
	return nil
}

// A WaitGroup that is never waited for, while its goroutines are joined
// through the results the function receives: the WaitGroup is left over.
func leftOverWaitGroup(closers []func() error) int {
	var wg sync.WaitGroup
	errs := make(chan error, 2)
	f := func() {
		defer wg.Done()
		errs <- closers[0]()
	}
	wg.Add(2)
	go f()
	go f()
	n := 0
	for i := 0; i < 2; i++ {
		if <-errs != nil {
			n++
		}
	}
	return n
}

// Without the receives nothing joins them, but nothing waits on the
// WaitGroup either: leakedspawn reads what the goroutines do.
func addNeverWaited() {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done() }()
}

// Add(1) counts the goroutine before the error return that skips it: a
// Wait at that return would deadlock, so the advice says so.
func waitGroupAddBeforeError(items []int, check func(int) error) error {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1) // want `wg.Add is not followed by wg.Wait on the path that returns at line \d+; its goroutines outlive the function; waiting there would block forever, since wg.Add counted a goroutine that path never starts: call Add\(1\) just before each go statement, then wait before returning`
		if err := check(it); err != nil {
			return err
		}
		go func() { defer wg.Done() }()
	}
	wg.Wait()
	return nil
}

// Silent: the errgroup only limits how many tasks run at once; the
// WaitGroup that each task marks done joins them.
func limiterWithWaitGroup(ctx context.Context, keys []string) {
	var g errgroup.Group
	g.SetLimit(4)
	var wg sync.WaitGroup
	for _, k := range keys {
		wg.Add(1)
		g.Go(func() error {
			defer wg.Done()
			return fetch(ctx, k)
		})
	}
	wg.Wait()
}

// The WaitGroup joins only some of the tasks: the group's are left.
func limiterHalfJoined(ctx context.Context, keys []string) {
	var g errgroup.Group
	g.SetLimit(4)
	var wg sync.WaitGroup
	wg.Add(1)
	g.Go(func() error { // want `g.Go is never followed by g.Wait`
		defer wg.Done()
		return fetch(ctx, "a")
	})
	g.Go(func() error { return fetch(ctx, "b") })
	wg.Wait()
}

// wg.Add counts every item up front; an error in the loop returns before
// that round's goroutine starts, so a Wait there would never end.
func waitGroupAddAllThenFail(srcs []func() (<-chan int, error), out chan<- int) error {
	var wg sync.WaitGroup
	wg.Add(len(srcs)) // want `wg.Add is not followed by wg.Wait on the path that returns at line \d+; its goroutines outlive the function; waiting there would block forever, since wg.Add counted a goroutine that path never starts: call Add\(1\) just before each go statement, then wait before returning`
	for _, src := range srcs {
		ch, err := src()
		if err != nil {
			return err
		}
		go func() {
			defer wg.Done()
			for v := range ch {
				out <- v
			}
		}()
	}
	wg.Wait()
	return nil
}

type listener struct {
	ready chan struct{}
	addr  string
}

func (l *listener) serve() error { return nil }

func logf(format string, args ...any) {}

// Silent: each goroutine marks the WaitGroup done once its listener is
// announced, then serves for good; the WaitGroup only says "started", so
// the error return leaves nothing a Wait would join.
func startListeners(ls []*listener, export func() error) error {
	var wg sync.WaitGroup
	for _, l := range ls {
		wg.Add(1)
		go func(l *listener) {
			logf("listening on %s", l.addr)
			close(l.ready)
			wg.Done()
			_ = l.serve()
		}(l)
	}
	if err := export(); err != nil {
		return err
	}
	wg.Wait()
	return nil
}

// Its twin computes a result before Done: the WaitGroup joins that work,
// and the error return skips it.
func startAndMeasure(ls []*listener, sizes []int, export func() error) error {
	var wg sync.WaitGroup
	for i, l := range ls {
		wg.Add(1) // want `wg.Add is not followed by wg.Wait on the path that returns at line 399; its goroutines outlive the function$`
		go func() {
			sizes[i] = len(l.addr)
			wg.Done()
			_ = l.serve()
		}()
	}
	if err := export(); err != nil {
		return err
	}
	wg.Wait()
	return nil
}

type bench struct{ clients int }

// runClient marks started done first, then waits for the trigger and works.
func (b *bench) runClient(started, done *sync.WaitGroup, trigger <-chan struct{}, work func()) {
	started.Done()
	<-trigger
	work()
	done.Done()
}

// started is a start barrier handed to a method: skipping its Wait joins
// nothing. done joins the clients, and the early return skips it.
func (b *bench) run(connect func() error, work func()) error {
	started, done := &sync.WaitGroup{}, &sync.WaitGroup{}
	trigger := make(chan struct{})
	for range b.clients {
		if err := connect(); err != nil {
			return err
		}
		started.Add(1)
		done.Add(1) // want `done.Add is not followed by done.Wait on the path that returns at line 422; its goroutines outlive the function; a Wait there would block too, since the goroutine started at line 426 waits on trigger until it is closed: close trigger first, then wait$`
		go b.runClient(started, done, trigger, work)
	}
	started.Wait()
	close(trigger)
	done.Wait()
	return nil
}

func subscribe(results []int) {}

// runSubscriber subscribes (with what it was handed) before it marks
// started done, so started is no start barrier; done is its join.
func (b *bench) runSubscriber(results []int, started, done *sync.WaitGroup, ch <-chan int) {
	subscribe(results)
	started.Done()
	results[0] = <-ch
	done.Done()
}

// Two groups over the same goroutines, skipped by one return: one bug,
// reported once, on the group the goroutines mark done last.
func (b *bench) subscribeAll(connect func() error, results []int, ch <-chan int) error {
	started, done := &sync.WaitGroup{}, &sync.WaitGroup{}
	for range b.clients {
		if err := connect(); err != nil {
			return err
		}
		started.Add(1)
		done.Add(1) // want `^done.Add is not followed by done.Wait on the path that returns at line 451; its goroutines outlive the function$`
		go b.runSubscriber(results, started, done, ch)
	}
	started.Wait()
	done.Wait()
	return nil
}
