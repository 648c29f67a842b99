package stops

import (
	"context"
	"time"
)

func doWork(ctx context.Context) error { return ctx.Err() }

// A watchdog that cancels the work when the timer fires. On success the
// function stops the timer, which then never fires: the watchdog waits
// for good, one goroutine per call.
func WithWatchdog(ctx context.Context, d time.Duration) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	t := time.NewTimer(d)
	go func() { // want `^goroutine waits on the timer's channel after the timer is stopped; a stopped timer never fires, so the goroutine never exits$`
		<-t.C
		cancel()
	}()
	err := doWork(ctx)
	t.Stop()
	return err
}

// The cancel a helper returns stops the timer the same way.
func AfterFunc(d time.Duration, f func()) (cancel func()) {
	t := time.NewTimer(d)
	go func() { // want `^goroutine waits on the timer's channel after the timer is stopped`
		<-t.C
		f()
	}()
	return func() { t.Stop() }
}

// The twin selects on a channel the cancel closes as well.
func AfterFuncClean(d time.Duration, f func()) (cancel func()) {
	t := time.NewTimer(d)
	stop := make(chan struct{})
	go func() {
		select {
		case <-t.C:
			f()
		case <-stop:
		}
	}()
	return func() {
		t.Stop()
		close(stop)
	}
}

// A timer that is stopped and reset is paused: the goroutine waits for
// the next deadline.
func Debounce(d time.Duration, f func()) (poke func()) {
	t := time.NewTimer(d)
	go func() {
		for {
			<-t.C
			f()
		}
	}()
	return func() {
		t.Stop()
		t.Reset(d)
	}
}

// The goroutine stops its own timer once it has fired: that Stop ends
// nothing it waits on.
func FireOnce(d time.Duration, f func()) {
	t := time.NewTimer(d)
	go func() {
		<-t.C
		t.Stop()
		f()
	}()
}
