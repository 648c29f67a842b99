// A select with a default that receives from the result channel takes a
// value only if the goroutine already sent it: on the default branch the
// goroutine is still waiting. Bad shapes first, then their clean twins.
package polls

import (
	"context"
	"errors"
)

func stop() error { return nil }

// When ctx wins, one last look at done: if the goroutine has not sent
// yet, the function returns and the goroutine blocks forever.
func stopWithDeadline(ctx context.Context) error {
	done := make(chan error)
	go func() { done <- stop() }()
	var err error
	select {
	case err = <-done:
	case <-ctx.Done(): // want `when ctx is done first, the goroutine started at line 17 blocks forever sending on done; give done a buffer of 1`
		select {
		case err = <-done:
		default:
			err = ctx.Err()
		}
	}
	return err
}

// A poll, then a return on the default branch.
func pollOnce() (int, error) {
	ch := make(chan int)
	go func() { ch <- 1 }()
	select {
	case v := <-ch:
		return v, nil
	default: // want `when the select takes its default case, the goroutine started at line 34 blocks forever sending on ch; give ch a buffer of 1`
		return 0, errors.New("not ready")
	}
}

// Silent: the buffer holds the value when nobody takes it.
func stopWithDeadlineBuffered(ctx context.Context) error {
	done := make(chan error, 1)
	go func() { done <- stop() }()
	var err error
	select {
	case err = <-done:
	case <-ctx.Done():
		select {
		case err = <-done:
		default:
			err = ctx.Err()
		}
	}
	return err
}

// Silent: the default branch waits for the value after all.
func pollThenWait() int {
	ch := make(chan int)
	go func() { ch <- 1 }()
	select {
	case v := <-ch:
		return v
	default:
		return <-ch
	}
}
