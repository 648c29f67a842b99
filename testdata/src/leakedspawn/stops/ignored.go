package stops

import (
	"context"
	"log"
	"time"
)

// The ctx.Done() case logs and falls back into the loop: once ctx is
// done, the select takes it every round and the worker never stops.
func startLogger(ctx context.Context, lines <-chan string) {
	go func() { // want `goroutine never stops: its select takes ctx.Done\(\) at line 15 and goes back into the loop`
		for {
			select {
			case <-ctx.Done():
				log.Print("logger: context canceled")
			case l := <-lines:
				log.Print(l)
			}
		}
	}()
}

// A bare break leaves the select, not the loop.
func (w *jobRunner) run(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			break
		case job := <-w.jobs:
			job()
		}
	}
}

type jobRunner struct{ jobs chan func() }

// The same body started twice is one finding.
func startWorkers(ctx context.Context, w *jobRunner) {
	go w.run(ctx) // want `goroutine never stops: its select takes ctx.Done\(\) at line 28`
	go w.run(ctx)
}

// Silent: the case returns.
func startReturning(ctx context.Context, lines <-chan string) {
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case l := <-lines:
				log.Print(l)
			}
		}
	}()
}

// Silent: a labelled break leaves the loop.
func startLabelled(ctx context.Context, lines <-chan string) {
	go func() {
	loop:
		for {
			select {
			case <-ctx.Done():
				break loop
			case l := <-lines:
				log.Print(l)
			}
		}
		log.Print("stopped")
	}()
}

// Silent: the case marks the loop as stopping, and the loop ends once the
// queue is empty.
func startDraining(ctx context.Context, lines <-chan string) {
	go func() {
		stopping := false
		var queue []string
		for {
			select {
			case <-ctx.Done():
				stopping = true
			case l := <-lines:
				queue = append(queue, l)
			case <-time.After(time.Second):
				queue = queue[:0]
			}
			if stopping && len(queue) == 0 {
				return
			}
		}
	}()
}

// Silent: each round waits on a new ctx, whose Done is not closed yet.
func startRetrying(parent context.Context, try func(context.Context) error) {
	go func() {
		for {
			ctx, cancel := context.WithTimeout(parent, time.Second)
			errc := make(chan error, 1)
			go func() { errc <- try(ctx) }()
			select {
			case <-ctx.Done():
				log.Print("attempt timed out")
			case err := <-errc:
				if err == nil {
					cancel()
					return
				}
			}
			cancel()
		}
	}()
}

// Silent: the case stops the process.
func startFatal(ctx context.Context, lines <-chan string) {
	go func() {
		for {
			select {
			case <-ctx.Done():
				log.Fatal("canceled")
			case l := <-lines:
				log.Print(l)
			}
		}
	}()
}

// A poll whose cases are all empty: SSA drops the dispatch, and the
// break leaves only the select.
func startPolling(ctx context.Context, work func()) {
	go func() { // want `goroutine never stops: its select takes ctx.Done\(\) at line \d+ and goes back into the loop`
		for {
			work()
			select {
			case <-ctx.Done():
				break
			default:
			}
		}
	}()
}

// Silent: the same poll, with a labelled break out of the loop.
func startPollingStops(ctx context.Context, work func()) {
	go func() {
	loop:
		for {
			work()
			select {
			case <-ctx.Done():
				break loop
			default:
			}
		}
	}()
}
