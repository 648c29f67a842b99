package helpermade

import (
	"context"

	"cancelsafe/lib"
)

func work() error { return nil }

// newDone makes the channel here; the caller holds it as if it made it.
func newDone() chan error {
	done := make(chan error)
	return done
}

func local(ctx context.Context) error {
	done := newDone()
	go func() { done <- work() }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done(): // want `when ctx is done first, the goroutine started at line 19 blocks forever sending on done; give done a buffer for every sender, or let the sends give up`
		return ctx.Err()
	}
}

// The channel comes from another package.
func imported(ctx context.Context) error {
	reply := lib.NewReply()
	go func() { reply <- work() }()
	select {
	case err := <-reply:
		return err
	case <-ctx.Done(): // want `when ctx is done first, the goroutine started at line 31 blocks forever sending on reply`
		return ctx.Err()
	}
}

// One result of several: the error path returns no channel.
func opened(ctx context.Context, ok bool) error {
	reply, err := lib.OpenReply(ok)
	if err != nil {
		return err
	}
	go func() { reply <- work() }()
	if err := work(); err != nil {
		return err // want `this return comes before any receive from reply; the goroutine started at line 46 blocks forever sending on reply`
	}
	return <-reply
}

// Silent: the helper gives the channel room for the one send.
func buffered(ctx context.Context) error {
	reply := lib.NewReplyBuffered()
	go func() { reply <- work() }()
	select {
	case err := <-reply:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// keep hands the channel to someone else, so it is no fresh channel.
var kept []chan error

func keep() chan error {
	ch := make(chan error)
	kept = append(kept, ch)
	return ch
}

// Silent: the helper keeps the channel, and others may receive from it.
func shared(ctx context.Context) error {
	ch := keep()
	go func() { ch <- work() }()
	select {
	case err := <-ch:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Silent: the sender also waits for ctx.
func guarded(ctx context.Context) error {
	reply := lib.NewReply()
	go func() {
		select {
		case reply <- work():
		case <-ctx.Done():
		}
	}()
	select {
	case err := <-reply:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}
