package stranded

import (
	"context"
	"errors"
	"time"
)

func countStreams() (int, []string) { return 1, nil }

// The poller reports problems on problems and then, in the same round,
// progress on progress. The case that takes the problems and returns
// leaves it blocked on its next progress send.
func waitForStreams(ctx context.Context) error {
	progress := make(chan int)
	problems := make(chan []string)
	go func() {
		tick := time.NewTicker(time.Second)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
				n, errs := countStreams()
				if len(errs) > 0 {
					problems <- errs
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
		case <-problems: // want `^when problems is ready first, the goroutine started at line 17 blocks forever sending on progress; let the goroutine started at line 17 stop: its send needs a select on ctx.Done\(\) or on a channel this function closes$`
			return errors.New("stream problems")
		}
	}
}

// Twin: after reporting a problem the poller returns, so nothing waits
// on progress once the problem is taken.
func waitForStreamsStopOnProblem(ctx context.Context) error {
	progress := make(chan int)
	problems := make(chan []string)
	go func() {
		tick := time.NewTicker(time.Second)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
				n, errs := countStreams()
				if len(errs) > 0 {
					problems <- errs
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
		case <-problems:
			return errors.New("stream problems")
		}
	}
}
