// Package fields holds channels kept in a field of a struct that the
// function allocates and hands only to the goroutines it starts.
package fields

import (
	"context"
	"errors"
)

func work() error { return errors.New("failed") }

func check() error { return nil }

type call struct {
	name string
	done chan error
}

// The goroutine answers through the struct's field; ctx winning leaves
// it blocked.
func viaClosure(ctx context.Context) error {
	c := &call{name: "lookup", done: make(chan error)}
	go func() { c.done <- work() }()
	select {
	case err := <-c.done:
		return err
	case <-ctx.Done(): // want `^when ctx is done first, the goroutine started at line 23 blocks forever sending on c.done; give c.done a buffer of 1$`
		return ctx.Err()
	}
}

func run(c *call) {
	if c.name == "" {
		c.done <- errors.New("no name")
		return
	}
	c.done <- work()
}

// The same through a named function that reads other fields too.
func viaFunction(ctx context.Context) error {
	c := &call{name: "lookup", done: make(chan error)}
	go run(c)
	select {
	case err := <-c.done:
		return err
	case <-ctx.Done(): // want `^when ctx is done first, the goroutine started at line 43 blocks forever sending on c.done; give c.done a buffer of 1$`
		return ctx.Err()
	}
}

// An early return before the receive.
func earlyReturn() error {
	var c call
	c.done = make(chan error)
	go run(&c)
	if err := check(); err != nil {
		return err // want `^this return comes before any receive from c.done; the goroutine started at line 56 blocks forever sending on c.done; give c.done a buffer of 1$`
	}
	return <-c.done
}

// --- clean twins: no diagnostics below ---

func buffered(ctx context.Context) error {
	c := &call{name: "lookup", done: make(chan error, 1)}
	go run(c)
	select {
	case err := <-c.done:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

func watchesCtx(ctx context.Context) error {
	c := &call{name: "lookup", done: make(chan error)}
	go func() {
		select {
		case c.done <- work():
		case <-ctx.Done():
		}
	}()
	select {
	case err := <-c.done:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

var queue = make(chan *call)

// The struct goes to another goroutine's queue: whoever serves it may
// still receive.
func queued(ctx context.Context) error {
	c := &call{name: "lookup", done: make(chan error)}
	go run(c)
	queue <- c
	select {
	case err := <-c.done:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (c *call) register() {}

// A method of the struct may hand it on.
func method(ctx context.Context) error {
	c := &call{name: "lookup", done: make(chan error)}
	c.register()
	go run(c)
	select {
	case err := <-c.done:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// The struct is returned: the caller may receive later.
func returned(ctx context.Context) (*call, error) {
	c := &call{name: "lookup", done: make(chan error)}
	go run(c)
	select {
	case err := <-c.done:
		return nil, err
	case <-ctx.Done():
		return c, ctx.Err()
	}
}

// The goroutine swaps in another channel.
func replaced(ctx context.Context) error {
	c := &call{name: "lookup", done: make(chan error)}
	go func() {
		c.done = make(chan error, 1)
		c.done <- work()
	}()
	select {
	case err := <-c.done:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

func receivesAll() error {
	c := &call{name: "lookup", done: make(chan error)}
	go run(c)
	if err := check(); err != nil {
		<-c.done
		return err
	}
	return <-c.done
}
