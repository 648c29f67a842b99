// Goroutines the function has already joined before it leaves: they
// cannot still be waiting to send.
package joined

import (
	"context"
	"errors"
	"sync"
)

type record struct{ ok bool }

// The decoder closes out as it exits, and the function reads out to the
// end before it looks at errc: by then the decoder is gone.
func replay(records []record) error {
	out := make(chan record, 8)
	errc := make(chan error, 1)
	go func() {
		defer close(out)
		for _, r := range records {
			if !r.ok {
				errc <- errors.New("bad record")
			}
			out <- r
		}
	}()
	for range out {
	}
	select {
	case err := <-errc:
		return err
	default:
		return nil
	}
}

// The same with a WaitGroup whose Done is deferred.
func waited(ctx context.Context) error {
	errc := make(chan error)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		errc <- errors.New("x")
	}()
	wg.Wait() // deadlocks if nobody receives, but it is no abandoning exit
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// A done channel the goroutine closes as it exits.
func doneFirst(ctx context.Context) error {
	errc := make(chan error, 1)
	done := make(chan struct{})
	go func() {
		defer close(done)
		errc <- errors.New("x")
		errc <- errors.New("y")
	}()
	<-done
	select {
	case err := <-errc:
		return err
	default:
		return nil
	}
}

// --- still reported: the join comes after the exit ---

func joinedTooLate(ctx context.Context) error {
	errc := make(chan error)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		errc <- errors.New("x")
	}()
	select {
	case err := <-errc:
		wg.Wait()
		return err
	case <-ctx.Done(): // want `when ctx is done first, the goroutine started at line 79 blocks forever sending on errc`
		return ctx.Err()
	}
}
