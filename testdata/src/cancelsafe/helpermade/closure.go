package helpermade

import (
	"context"
	"errors"
)

// stopper returns the channel it made together with the func that
// sends on it: a goroutine that runs the func is the channel's sender.
func stopper(stop func() error) (<-chan error, func()) {
	done := make(chan error)
	return done, func() { done <- stop() }
}

func shutdownOrDeadline(ctx context.Context, stop func() error) error {
	done, shutdown := stopper(stop)
	go shutdown()
	select {
	case err := <-done:
		return err
	case <-ctx.Done(): // want `when ctx is done first, the goroutine started at line 17 blocks forever sending on done`
		return ctx.Err()
	}
}

// The same helper, and an early return before the receive.
func shutdownUnlessClosed(closed bool, stop func() error) error {
	done, shutdown := stopper(stop)
	go shutdown()
	if closed {
		return errors.New("already closed") // want `this return comes before any receive from done; the goroutine started at line 29 blocks forever sending on done`
	}
	return <-done
}

// Silent: every path receives.
func shutdownAndWait(stop func() error) error {
	done, shutdown := stopper(stop)
	go shutdown()
	return <-done
}

// bufferedStopper gives the channel room for its one send.
func bufferedStopper(stop func() error) (<-chan error, func()) {
	done := make(chan error, 1)
	return done, func() { done <- stop() }
}

// Silent: the send never blocks.
func shutdownBuffered(ctx context.Context, stop func() error) error {
	done, shutdown := bufferedStopper(stop)
	go shutdown()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Silent: the func also runs somewhere this function cannot see, which
// may receive for it or send again.
func shutdownHandedOn(ctx context.Context, stop func() error, later func(func())) error {
	done, shutdown := stopper(stop)
	go shutdown()
	later(shutdown)
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}
