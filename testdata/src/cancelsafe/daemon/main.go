// Command daemon: when main returns, the program ends, and a goroutine
// left blocked costs nothing.
package main

import (
	"context"
	"time"
)

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	ch := make(chan int)
	go func() { ch <- 1 }()
	select {
	case <-ch:
	case <-ctx.Done():
		return
	}
	run := func() {
		ch := make(chan int)
		go func() { ch <- 1 }()
		select {
		case <-ch:
		case <-ctx.Done():
		}
	}
	run()
}

// serve is not main: its early exit strands the goroutine.
func serve(ctx context.Context) {
	ch := make(chan int)
	go func() { ch <- 1 }()
	select {
	case <-ch:
	case <-ctx.Done(): // want `when ctx is done first, the goroutine started at line 34 blocks forever sending on ch`
	}
}

func init() {
	ctx := context.Background()
	if err := realMain(ctx); err != nil {
		return
	}
	shared(ctx)
}

// realMain is main's body by another name: only init (or main) calls
// it, so what it leaves blocked ends with the process.
func realMain(ctx context.Context) error {
	step(ctx)
	ch := make(chan error)
	go func() { ch <- nil }()
	select {
	case err := <-ch:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// shared is called by init but also by serveAll, which is not main: it is
// an ordinary function.
func shared(ctx context.Context) {
	ch := make(chan int)
	go func() { ch <- 1 }()
	select {
	case <-ch:
	case <-ctx.Done(): // want `when ctx is done first, the goroutine started at line 67 blocks forever sending on ch`
	}
}

func serveAll(ctx context.Context) { shared(ctx) }

// step is called only by realMain, once: it runs once per run of the
// program, and what it leaves blocked ends with the process too.
func step(ctx context.Context) {
	ch := make(chan int)
	go func() { ch <- 1 }()
	select {
	case <-ch:
	case <-ctx.Done():
	}
	for range 3 {
		stepEach(ctx)
	}
	handle := func() { stepEach(ctx) }
	register(handle)
}

// stepEach runs in a loop (and as a value handed on): each run strands
// another goroutine.
func stepEach(ctx context.Context) {
	ch := make(chan int)
	go func() { ch <- 1 }()
	select {
	case <-ch:
	case <-ctx.Done(): // want `when ctx is done first, the goroutine started at line 96 blocks forever sending on ch`
	}
}

func register(func()) {}
