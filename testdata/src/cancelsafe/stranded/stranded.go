// One goroutine, one result, and a select that can leave first: bad
// shapes first, then their clean twins.
package stranded

import (
	"context"
	"errors"
	"time"
)

type result struct {
	n   int
	err error
}

func work() result { return result{n: 1} }

func onCtxDone(ctx context.Context) (int, error) {
	ch := make(chan result)
	go func() {
		ch <- work()
	}()
	select {
	case r := <-ch:
		return r.n, r.err
	case <-ctx.Done(): // want `when ctx is done first, the goroutine started at line 20 blocks forever sending on ch; give ch a buffer of 1`
		return 0, ctx.Err()
	}
}

func onTimeout() (int, error) {
	ch := make(chan int)
	go func() { ch <- work().n }()
	select {
	case n := <-ch:
		return n, nil
	case <-time.After(time.Second): // want `when the timeout fires first, the goroutine started at line 33 blocks forever sending on ch; give ch a buffer of 1`
		return 0, errors.New("timeout")
	}
}

func onTimer(t *time.Timer) int {
	ch := make(chan int)
	go func() { ch <- 1 }()
	select {
	case n := <-ch:
		return n
	case <-t.C: // want `when t.C fires first, the goroutine started at line 44 blocks forever sending on ch`
		return 0
	}
}

func onStop(stop <-chan struct{}) int {
	ch := make(chan int)
	go func() { ch <- 1 }()
	select {
	case n := <-ch:
		return n
	case <-stop: // want `when stop is ready first, the goroutine started at line 55 blocks forever sending on ch`
		return 0
	}
}

func onDefault() int {
	ch := make(chan int)
	go func() { ch <- 1 }()
	select {
	case n := <-ch:
		return n
	default: // want `when the select takes its default case, the goroutine started at line 66 blocks forever sending on ch`
		return 0
	}
}

func breakThenReturn(ctx context.Context) int {
	ch := make(chan int)
	go func() { ch <- 1 }()
	n := 0
	select {
	case n = <-ch:
	case <-ctx.Done(): // want `when ctx is done first, the goroutine started at line 77 blocks forever`
	}
	return n
}

// The send is not the goroutine's last act: a buffer would change when
// it goes on, so there is no fix, only the advice.
func workAfterSend(ctx context.Context, log func(string)) int {
	ch := make(chan int)
	go func() {
		ch <- 1
		log("sent")
	}()
	select {
	case n := <-ch:
		return n
	case <-ctx.Done(): // want `blocks forever sending on ch; give ch a buffer for every sender, or let the sends give up: each needs a select on ctx.Done\(\)$`
		return 0
	}
}

// Named goroutine functions are followed through their parameters.
func produce(ch chan<- int) { ch <- 1 }

func namedSender(ctx context.Context) int {
	ch := make(chan int)
	go produce(ch)
	select {
	case n := <-ch:
		return n
	case <-ctx.Done(): // want `the goroutine started at line 107 blocks forever sending on ch`
		return 0
	}
}

// A variable captured by reference still names one channel.
func capturedVar(ctx context.Context) int {
	var ch chan int
	ch = make(chan int)
	go func() { ch <- 1 }()
	select {
	case n := <-ch:
		return n
	case <-ctx.Done(): // want `the goroutine started at line 120 blocks forever sending on ch`
		return 0
	}
}

type server struct{ quit chan struct{} }

// A stop channel held in a field.
func (s *server) fieldStop() int {
	ch := make(chan int)
	go func() { ch <- 1 }()
	select {
	case n := <-ch:
		return n
	case <-s.quit: // want `when s.quit is ready first, the goroutine started at line 134 blocks forever sending on ch`
		return 0
	}
}

// The goroutine checks ctx between steps, but its sends are plain: once
// the caller has gone, the send it reaches blocks. Each run sends once,
// so a buffer of 1 is enough.
func checksCtxThenSends(ctx context.Context, steps []func() error) error {
	done := make(chan error)
	go func() {
		for _, step := range steps {
			select {
			case <-ctx.Done():
				return
			default:
			}
			if err := step(); err != nil {
				done <- err
				return
			}
		}
		done <- nil
	}()
	select {
	case err := <-done:
		return err
	case <-ctx.Done(): // want `when ctx is done first, the goroutine started at line 148 blocks forever sending on done; give done a buffer of 1`
		return ctx.Err()
	}
}

// --- clean twins: no diagnostics below ---

func buffered(ctx context.Context) (int, error) {
	ch := make(chan result, 1)
	go func() { ch <- work() }()
	select {
	case r := <-ch:
		return r.n, r.err
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

func senderSelects(ctx context.Context) (int, error) {
	ch := make(chan result)
	go func() {
		select {
		case ch <- work():
		case <-ctx.Done():
		}
	}()
	select {
	case r := <-ch:
		return r.n, r.err
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

func drainedOnExit(ctx context.Context) (int, error) {
	ch := make(chan result)
	go func() { ch <- work() }()
	select {
	case r := <-ch:
		return r.n, r.err
	case <-ctx.Done():
		<-ch
		return 0, ctx.Err()
	}
}

// Closing with a sender still pending is another bug (the sender
// panics); this check leaves it alone.
func closedOnExit(ctx context.Context) (int, error) {
	ch := make(chan result)
	go func() { ch <- work() }()
	select {
	case r := <-ch:
		return r.n, r.err
	case <-ctx.Done():
		close(ch)
		return 0, ctx.Err()
	}
}

func deferredDrain(ctx context.Context) (int, error) {
	ch := make(chan result)
	go func() { ch <- work() }()
	defer func() { go func() { <-ch }() }()
	select {
	case r := <-ch:
		return r.n, r.err
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

func noGoroutine(ctx context.Context, ch chan int) int {
	select {
	case n := <-ch:
		return n
	case <-ctx.Done():
		return 0
	}
}

func timeoutNoWork(ctx context.Context) error {
	select {
	case <-time.After(time.Second):
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// The timeout only logs; the loop goes back to waiting.
func waitsAgain(ctx context.Context, tick <-chan time.Time, log func()) int {
	ch := make(chan int)
	go func() { ch <- 1 }()
	for {
		select {
		case n := <-ch:
			return n
		case <-tick:
			log()
		}
	}
}

// The result was already received before the select.
func receivedBefore(ctx context.Context) int {
	ch := make(chan int)
	go func() { ch <- 1 }()
	n := <-ch
	select {
	case m := <-ch:
		return n + m
	case <-ctx.Done():
		return n
	}
}

// The goroutine sends on exactly one of resc and errc: when errc wins,
// nothing waits on resc.
func eitherChannel(ctx context.Context) (int, error) {
	resc := make(chan int)
	errc := make(chan error)
	go func() {
		r := work()
		if r.err != nil {
			errc <- r.err
			return
		}
		resc <- r.n
	}()
	select {
	case n := <-resc:
		return n, nil
	case err := <-errc:
		return 0, err
	}
}

// The channel escapes: whoever gets it may still receive.
func escapes(ctx context.Context, keep func(chan int)) int {
	ch := make(chan int)
	go func() { ch <- 1 }()
	keep(ch)
	select {
	case n := <-ch:
		return n
	case <-ctx.Done():
		return 0
	}
}

// Panicking paths are not exits that leak quietly.
func panics(ctx context.Context) int {
	ch := make(chan int)
	go func() { ch <- 1 }()
	select {
	case n := <-ch:
		return n
	case <-ctx.Done():
		panic("cancelled")
	}
}

// Ping-pong: the goroutine also receives, so the channel is a handshake.
func handshake(ctx context.Context) int {
	ch := make(chan int)
	go func() {
		ch <- 1
		<-ch
	}()
	select {
	case n := <-ch:
		ch <- n
		return n
	case <-ctx.Done():
		return 0
	}
}

// Whichever worker ends first stops the service; the others are drained
// afterwards, except on an unrelated error path. Racing workers is not a
// cancellation.
func firstWorkerToEnd(serve, watch func() error, shutdown func() error) error {
	serveErr := make(chan error)
	watchErr := make(chan error)
	go func() { serveErr <- serve() }()
	go func() { watchErr <- watch() }()
	var err error
	select {
	case err = <-serveErr:
	case err = <-watchErr:
	}
	if e := shutdown(); e != nil {
		return e
	}
	<-serveErr
	<-watchErr
	return err
}

// The loop consumes a stream until it ends; the goroutine reports only
// failures. A stream ending is not a cancellation.
func streamEnds(msgs <-chan string, work func() error) {
	errc := make(chan error)
	go func() {
		if err := work(); err != nil {
			errc <- err
		}
	}()
	for {
		select {
		case _, ok := <-msgs:
			if !ok {
				return
			}
		case err := <-errc:
			panic(err)
		}
	}
}
