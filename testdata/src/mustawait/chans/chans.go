// Promise channels and closure awaiters: bad uses first, then the
// correct idioms, which must stay silent.
package chans

import (
	"context"
	"errors"
	"time"
)

type result struct {
	n   int
	err error
}

// fetchAsync returns a promise: its goroutine blocks until someone receives.
func fetchAsync(ctx context.Context, url string) <-chan result {
	ch := make(chan result)
	go func() {
		ch <- result{n: len(url)}
	}()
	return ch
}

// Async is the generic promise helper.
func Async[T any](f func() T) <-chan T {
	ch := make(chan T)
	go func() { ch <- f() }()
	return ch
}

// startAwaiter returns a closure that waits for the result.
func startAwaiter(x int) func() int {
	ch := make(chan int)
	go func() { ch <- x * 2 }()
	return func() int { return <-ch }
}

func discarded(ctx context.Context) {
	fetchAsync(ctx, "a") // want `result of fetchAsync is discarded; its goroutine blocks forever sending on an unbuffered channel`
}

func blankAssigned(ctx context.Context) {
	_ = fetchAsync(ctx, "a") // want `result of fetchAsync is discarded`
}

func genericDiscarded() {
	Async(func() int { return 1 }) // want `result of Async is discarded`
}

func closureDiscarded() {
	startAwaiter(2) // want `result of startAwaiter is discarded`
}

func earlyReturn(ctx context.Context, urls []string) (int, error) {
	ch := fetchAsync(ctx, urls[0]) // want `^result of fetchAsync is not received on the path that returns at line 58; its goroutine blocks forever sending on an unbuffered channel; receive from it there, or, if that path must not wait, give the channel a buffer for every send in fetchAsync$`
	if len(urls) > 1 {
		return 0, errors.New("one at a time")
	}
	r := <-ch
	return r.n, r.err
}

func neverReceived(ctx context.Context) int {
	ch := fetchAsync(ctx, "a") // want `result of fetchAsync is never received`
	_ = len(ch)
	return 0
}

func closureNotCalledOnError(bad bool) (int, error) {
	wait := startAwaiter(1) // want `result of startAwaiter is not called on the path that returns at line 73`
	if bad {
		return 0, errors.New("bad")
	}
	return wait(), nil
}

// --- correct idioms: no diagnostics below ---

func received(ctx context.Context) int {
	return (<-fetchAsync(ctx, "a")).n
}

func genericReceived() int {
	return <-Async(func() int { return 1 })
}

func awaitedInSelect(ctx context.Context) (int, error) {
	select {
	case r := <-fetchAsync(ctx, "a"):
		return r.n, r.err
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

func handedBack(ctx context.Context) <-chan result {
	return fetchAsync(ctx, "a")
}

type holder struct{ pending <-chan result }

func stored(ctx context.Context, h *holder) {
	h.pending = fetchAsync(ctx, "a")
}

func consume(ch <-chan result) int { return (<-ch).n }

func passedToAwaiter(ctx context.Context) int {
	return consume(fetchAsync(ctx, "a"))
}

func sentOn(ctx context.Context, out chan<- (<-chan result)) {
	out <- fetchAsync(ctx, "a")
}

func deferredReceive(ctx context.Context, bad bool) error {
	ch := fetchAsync(ctx, "a")
	defer func() { <-ch }()
	if bad {
		return errors.New("bad")
	}
	return nil
}

func receivedOnEveryPath(ctx context.Context, bad bool) error {
	ch := fetchAsync(ctx, "a")
	if bad {
		<-ch
		return errors.New("bad")
	}
	return (<-ch).err
}

func closureCalled() int {
	wait := startAwaiter(3)
	return wait()
}

func ranged(ctx context.Context) int {
	n := 0
	for r := range fetchAsync(ctx, "a") {
		n += r.n
	}
	return n
}

func fatalPath(ctx context.Context, bad bool) int {
	ch := fetchAsync(ctx, "a")
	if bad {
		panic("bad")
	}
	return (<-ch).n
}

// bufferedAsync is fire-and-forget by design: the send never blocks.
func bufferedAsync(x int) <-chan int {
	ch := make(chan int, 1)
	go func() { ch <- x }()
	return ch
}

// guardedAsync's goroutine gives up when ctx is done.
func guardedAsync(ctx context.Context, x int) <-chan int {
	ch := make(chan int)
	go func() {
		select {
		case ch <- x:
		case <-ctx.Done():
		}
	}()
	return ch
}

// doneChan is closed, never sent on: dropping it blocks nobody.
func doneChan(f func()) <-chan struct{} {
	done := make(chan struct{})
	go func() { defer close(done); f() }()
	return done
}

func notFutures(ctx context.Context) {
	bufferedAsync(1)
	guardedAsync(ctx, 1)
	doneChan(func() {})
	time.After(time.Second)
	_, cancel := context.WithCancel(ctx)
	cancel()
}

// events returns a channel owned by someone else: not a future.
type bus struct{ ch chan int }

func (b *bus) events() <-chan int { return b.ch }

func notOwned(b *bus) {
	b.events()
}

// three returns three promises; a caller that drops the call drops all
// of them, and hears of it once.
func three() (a, b, c <-chan int) {
	ca, cb, cc := make(chan int), make(chan int), make(chan int)
	go func() { ca <- 1 }()
	go func() { cb <- 2 }()
	go func() { cc <- 3 }()
	return ca, cb, cc
}

func threeDiscarded() {
	three() // want `^results a, b and c of three are discarded; its goroutine blocks forever sending on an unbuffered channel$`
}

func twoOfThreeDiscarded() int {
	a, _, _ := three() // want `^results b and c of three are discarded`
	return <-a
}

func threeReceived() int {
	a, b, c := three()
	return <-a + <-b + <-c
}
