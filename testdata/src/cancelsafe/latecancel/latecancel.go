// Package latecancel holds selects on the Done channel of a context that
// only deferred code cancels.
package latecancel

import (
	"context"
	"time"
)

func produce() int { return 1 }

// The goroutine cancels ctx itself, before its send: ctx.Done() may win,
// and the send then blocks forever.
func cancelsEarly() int {
	ctx, cancel := context.WithCancel(context.Background())
	out := make(chan int)
	go func() {
		cancel()
		out <- produce()
	}()
	select {
	case v := <-out:
		return v
	case <-ctx.Done(): // want `^when ctx is done first, the goroutine started at line 17 blocks forever sending on out; give out a buffer of 1$`
		return 0
	}
}

// A deadline fires by itself.
func deadline() int {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	out := make(chan int)
	go func() { out <- produce() }()
	select {
	case v := <-out:
		return v
	case <-ctx.Done(): // want `^when ctx is done first, the goroutine started at line 34 blocks forever sending on out; give out a buffer of 1$`
		return 0
	}
}

// --- clean twins: no diagnostics below ---

// Only the deferred func cancels ctx, and it then waits for the
// goroutine: the ctx.Done() case cannot win while the goroutine sends.
func deferredCancel() int {
	ctx, cancel := context.WithCancel(context.Background())
	out := make(chan int)
	done := make(chan struct{})
	go func() {
		defer close(done)
		out <- produce()
	}()
	defer func() {
		cancel()
		<-done
	}()
	select {
	case v := <-out:
		return v
	case <-ctx.Done():
		return 0
	}
}

// The goroutine cancels ctx in its own defer, after its send; the
// timeout case cancels too, but only after the select.
func ownDeferredCancel() int {
	ctx, cancel := context.WithCancel(context.Background())
	out := make(chan int, 0)
	go func() {
		defer cancel()
		out <- produce()
	}()
	select {
	case v := <-out:
		return v
	case <-time.After(time.Second):
		cancel()
		<-out
		return 0
	case <-ctx.Done():
		return 0
	}
}
