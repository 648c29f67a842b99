// A goroutine that, on one path, starts its own function again with the
// same channels: the new goroutine sends where the first would have.
// Bad shapes first, then their clean twins.
package recursive

import (
	"context"
	"errors"
)

type conn struct{ next int }

func (c *conn) read() (int, error) { return c.next, nil }

// awaitAck sends the ack or an error, or, on a challenge, answers it and
// waits again in a new goroutine with the same channels.
func (c *conn) awaitAck(acks chan<- int, errs chan<- error) {
	v, err := c.read()
	if err != nil {
		errs <- err
		return
	}
	switch v {
	case 0:
		acks <- v
	case 1:
		go c.awaitAck(acks, errs)
	default:
		errs <- errors.New("unexpected packet")
	}
}

func (c *conn) handshake(ctx context.Context) (int, error) {
	acks := make(chan int)
	errs := make(chan error)
	go c.awaitAck(acks, errs)
	select {
	case <-ctx.Done(): // want `when ctx is done first, the goroutine started at line 36 blocks forever sending on acks`
		return 0, ctx.Err()
	case err := <-errs:
		return 0, err
	case v := <-acks:
		return v, nil
	}
}

// handshakeBuffered gives each channel room for the one value a chain of
// awaitAck goroutines sends: nothing blocks.
func (c *conn) handshakeBuffered(ctx context.Context) (int, error) {
	acks := make(chan int, 1)
	errs := make(chan error, 1)
	go c.awaitAck(acks, errs)
	select {
	case <-ctx.Done():
		return 0, ctx.Err()
	case err := <-errs:
		return 0, err
	case v := <-acks:
		return v, nil
	}
}

// handshakeWaits takes whichever value comes: both cases receive, so no
// exit leaves a sender behind.
func (c *conn) handshakeWaits() (int, error) {
	acks := make(chan int)
	errs := make(chan error)
	go c.awaitAck(acks, errs)
	select {
	case err := <-errs:
		return 0, err
	case v := <-acks:
		return v, nil
	}
}

// swap starts itself with its channels in each other's places: what the
// new goroutine does with each is not what swap does, so it is unknown.
func swap(a, b chan int, n int) {
	if n > 0 {
		go swap(b, a, n-1)
		return
	}
	a <- n
}

func swapped(ctx context.Context) int {
	a := make(chan int)
	b := make(chan int)
	go swap(a, b, 3)
	select {
	case <-ctx.Done():
		return 0
	case v := <-a:
		return v
	case v := <-b:
		return v
	}
}
