package groups

import (
	"context"
	"errors"
	"sync"
	"time"
)

func kill()               {}
func query() (int, error) { return 1, nil }
func killedErr() error    { return errors.New("killed") }
func checkKilled() error  { return nil }

// The kill runs only if ctx is canceled during the query. When stop
// returns true it never runs, so nothing is left to wait for; when it
// returns false it has started, and the Wait joins it.
func execWithKill(ctx context.Context) (int, error) {
	var wg sync.WaitGroup
	wg.Add(1)
	stop := context.AfterFunc(ctx, func() {
		defer wg.Done()
		kill()
	})
	n, err := query()
	if !stop() {
		wg.Wait()
		return 0, killedErr()
	}
	if err := checkKilled(); err != nil {
		return 0, err
	}
	return n, err
}

// The same with a timer: Stop returning true means the func never runs.
func execWithTimer() (int, error) {
	var wg sync.WaitGroup
	wg.Add(1)
	t := time.AfterFunc(time.Second, func() {
		defer wg.Done()
		kill()
	})
	n, err := query()
	if t.Stop() {
		return n, err
	}
	wg.Wait()
	return 0, killedErr()
}

// Twin: stop's answer is ignored, so the kill may be running when the
// function returns.
func execIgnoringStop(ctx context.Context) (int, error) {
	var wg sync.WaitGroup
	wg.Add(1) // want `wg.Add is not followed by wg.Wait on the path that returns at line 64; its goroutines outlive the function$`
	stop := context.AfterFunc(ctx, func() {
		defer wg.Done()
		kill()
	})
	n, err := query()
	stop()
	if err != nil {
		return 0, err
	}
	wg.Wait()
	return n, nil
}
