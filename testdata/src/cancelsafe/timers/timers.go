// Package timers: callbacks that time.AfterFunc and context.AfterFunc
// start, abandoned or cancelled on the way out.
package timers

import (
	"context"
	"errors"
	"time"
)

// The timer is dropped: nothing can stop its callback, which blocks
// forever once pollUntil has returned.
func pollUntil(done func() bool) error {
	timeout := make(chan error)
	time.AfterFunc(time.Second, func() {
		timeout <- errors.New("timed out")
	})
	for {
		select {
		case err := <-timeout:
			return err
		default: // want `when the select takes its default case, the goroutine started at line 15 blocks forever sending on timeout; give timeout a buffer of 1`
		}
		if done() {
			return nil
		}
	}
}

// The loop stops the timer on its way out: the callback never runs.
func pollThenStop(done func() bool) error {
	timeout := make(chan error)
	timer := time.AfterFunc(time.Second, func() {
		timeout <- errors.New("timed out")
	})
	for {
		select {
		case err := <-timeout:
			return err
		default:
		}
		if done() {
			timer.Stop()
			return nil
		}
	}
}

// context.AfterFunc's stop function cancels the callback the same way.
func watchThenStop(ctx context.Context, done func() bool) error {
	canceled := make(chan error)
	stop := context.AfterFunc(ctx, func() { canceled <- ctx.Err() })
	defer stop()
	for {
		select {
		case err := <-canceled:
			return err
		default:
		}
		if done() {
			return nil
		}
	}
}
