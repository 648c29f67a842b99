package deferred

import (
	"context"
	"fmt"
)

func compute() (int, error) { return 0, nil }

// A goroutine that reports its panic from a deferred recover still sends
// its normal result at the end; when ctx wins nobody takes it.
func guarded(ctx context.Context) (int, error) {
	var v int
	errs := make(chan error)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				errs <- fmt.Errorf("recovered: %v", r)
			}
		}()
		n, err := compute()
		v = n
		errs <- err
	}()
	select {
	case <-ctx.Done(): // want `when ctx is done first, the goroutine started at line 15 blocks forever sending on errs`
		return 0, ctx.Err()
	case err := <-errs:
		return v, err
	}
}

// The only send is deferred and always runs: the goroutine's last act.
func deferredOnly(ctx context.Context) error {
	done := make(chan error)
	go func() {
		var err error
		defer func() { done <- err }()
		_, err = compute()
	}()
	select {
	case <-ctx.Done(): // want `when ctx is done first, the goroutine started at line 36 blocks forever sending on done`
		return ctx.Err()
	case err := <-done:
		return err
	}
}

// Silent: the buffer takes either send, so the goroutine never blocks.
func buffered(ctx context.Context) error {
	errs := make(chan error, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				errs <- fmt.Errorf("recovered: %v", r)
			}
		}()
		_, err := compute()
		errs <- err
	}()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case err := <-errs:
		return err
	}
}

// Silent: the goroutine sends only after a recovered panic; when ctx
// wins on the normal path, it has nothing to send.
func onlyOnPanic(ctx context.Context) error {
	errs := make(chan error)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				errs <- fmt.Errorf("recovered: %v", r)
			}
		}()
		compute()
	}()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case err := <-errs:
		return err
	}
}

// Silent: the deferred send is in a select that also waits on ctx.
func deferredGuarded(ctx context.Context) error {
	done := make(chan error)
	go func() {
		var err error
		defer func() {
			select {
			case done <- err:
			case <-ctx.Done():
			}
		}()
		_, err = compute()
	}()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case err := <-done:
		return err
	}
}
