package stranded

import (
	"context"
	"errors"
	"time"
)

type updates interface{ Recv() (int, error) }

// One goroutine sends on either the value channel or the error channel;
// the timeout strands it on whichever it takes, so both need a buffer.
func receiveOne(s updates) (int, error) {
	vals := make(chan int)
	errs := make(chan error)
	go func() {
		v, err := s.Recv()
		if err != nil {
			errs <- err
			return
		}
		vals <- v
	}()
	select {
	case <-time.After(time.Second): // want `when the timeout fires first, the goroutine started at line 16 blocks forever sending on vals or errs; give vals a buffer of 1 and errs a buffer of 1$`
		return 0, errors.New("timeout")
	case err := <-errs:
		return 0, err
	case v := <-vals:
		return v, nil
	}
}

// Here the error channel is the caller's, which receives from it as it
// likes: only vals is this function's to fix.
func receiveOneShared(s updates, errs chan error) (int, error) {
	vals := make(chan int)
	go func() {
		v, err := s.Recv()
		if err != nil {
			errs <- err
			return
		}
		vals <- v
	}()
	select {
	case <-time.After(time.Second): // want `when the timeout fires first, the goroutine started at line 38 blocks forever sending on vals; give vals a buffer of 1`
		return 0, errors.New("timeout")
	case v := <-vals:
		return v, nil
	}
}

// A poller that reports progress and errors on every tick: no buffer
// holds a loop's sends, so each send must be able to give up.
func awaitStarted(ctx context.Context, poll func() (int, error)) error {
	errs := make(chan error)
	progress := make(chan int)
	timed, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	go func() {
		tick := time.NewTicker(time.Second)
		defer tick.Stop()
		for {
			select {
			case <-timed.Done():
				return
			case <-tick.C:
				n, err := poll()
				if err != nil {
					errs <- err
					return
				}
				progress <- n
			}
		}
	}()
	for {
		select {
		case n := <-progress:
			if n == 0 {
				return nil
			}
		case <-timed.Done(): // want `^when timed is done first, the goroutine started at line 61 blocks forever sending on errs or progress; let those sends give up: each needs a select on timed.Done\(\)$`
			return errors.New("timed out")
		case err := <-errs:
			return err
		}
	}
}
