package stranded

import (
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
	case <-time.After(time.Second): // want `when the timeout fires first, the goroutine started at line 15 blocks forever sending on vals or errs; give vals a buffer of 1; give errs a buffer of 1`
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
	case <-time.After(time.Second): // want `when the timeout fires first, the goroutine started at line 37 blocks forever sending on vals; give vals a buffer of 1`
		return 0, errors.New("timeout")
	case v := <-vals:
		return v, nil
	}
}
