package straight

import (
	"context"
	"errors"
	"fmt"
)

func work() int       { return 1 }
func validate() error { return errors.New("invalid") }

// The textbook leak: the error return comes before the only receive.
func earlyReturn() error {
	ch := make(chan int)
	go func() { ch <- work() }()
	if err := validate(); err != nil {
		return err // want `^this return comes before any receive from ch; the goroutine started at line 15 blocks forever sending on ch; give ch a buffer of 1$`
	}
	fmt.Println(<-ch)
	return nil
}

// Falling off the end without the receive is the same exit.
func maybeWait(wait bool) {
	ch := make(chan int)
	go func() { ch <- work() }()
	if wait {
		fmt.Println(<-ch)
	}
} // want `^the function ends here without receiving from ch; the goroutine started at line 26 blocks forever sending on ch; give ch a buffer of 1$`

// Two goroutines, and an error return before either is received.
func bothPending() (int, error) {
	ch := make(chan int)
	go func() { ch <- work() }()
	go func() { ch <- work() }()
	if err := validate(); err != nil {
		return 0, err // want `the goroutines started at lines 35 and 36 block forever sending on ch; give ch a buffer of 2`
	}
	return <-ch + <-ch, nil
}

// An error return between the loop that starts the goroutines and the
// loop that receives their results.
func earlyReturnBeforeLoop(items []int) error {
	ch := make(chan int)
	for _, it := range items {
		go func() { ch <- it }()
	}
	if err := validate(); err != nil {
		return err // want `this return comes before any receive from ch; the goroutines started at line 48 block forever sending on ch; give ch a buffer of len\(items\)`
	}
	for range items {
		fmt.Println(<-ch)
	}
	return nil
}

// --- clean twins: no diagnostics below ---

// Three goroutines started one by one, and a loop that receives three
// times: the path past the loop's guard is the one where it runs no
// times, which never happens here.
func threeThenLoop() {
	errc := make(chan error)
	go func() { errc <- validate() }()
	go func() { errc <- validate() }()
	go func() { errc <- validate() }()
	var first error
	for range 3 {
		if err := <-errc; err != nil && first == nil {
			first = err
		}
	}
	if first != nil {
		panic(first)
	}
}

func loopThenLoop(items []int) {
	ch := make(chan int)
	for _, it := range items {
		go func() { ch <- it }()
	}
	for range items {
		fmt.Println(<-ch)
	}
}

func earlyReturnBuffered() error {
	ch := make(chan int, 1)
	go func() { ch <- work() }()
	if err := validate(); err != nil {
		return err
	}
	fmt.Println(<-ch)
	return nil
}

func earlyReturnBeforeStart() error {
	if err := validate(); err != nil {
		return err
	}
	ch := make(chan int)
	go func() { ch <- work() }()
	fmt.Println(<-ch)
	return nil
}

func earlyReturnSenderWatchesCtx(ctx context.Context) error {
	ch := make(chan int)
	go func() {
		select {
		case ch <- work():
		case <-ctx.Done():
		}
	}()
	if err := validate(); err != nil {
		return err
	}
	fmt.Println(<-ch)
	return nil
}

func earlyReturnAfterDone() error {
	ch := make(chan int)
	done := make(chan struct{})
	defer close(done)
	go func() {
		select {
		case ch <- work():
		case <-done:
		}
	}()
	if err := validate(); err != nil {
		return err
	}
	fmt.Println(<-ch)
	return nil
}

func alwaysWaits(wait bool) {
	ch := make(chan int)
	go func() { ch <- work() }()
	if wait {
		fmt.Println("waiting")
	}
	fmt.Println(<-ch)
}

func drainsInDefer() error {
	ch := make(chan int)
	go func() { ch <- work() }()
	defer func() { <-ch }()
	if err := validate(); err != nil {
		return err
	}
	return nil
}
