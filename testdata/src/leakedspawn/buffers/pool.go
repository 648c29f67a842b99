package buffers

import (
	"errors"
	"sync"
)

var errNegative = errors.New("negative item")

// applyAll runs fn for every item in its own goroutine and waits for
// them all: what fn does, applyAll has done by the time it returns.
func applyAll(items []int, fn func(int)) {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fn(it)
		}()
	}
	wg.Wait()
}

// The closure writes into marks, but applyAll joins it before returning.
func markAll(marks []bool, items []int) {
	applyAll(items, func(i int) { marks[i] = true })
}

// applyLater runs fn in goroutines it does not wait for.
func applyLater(items []int, fn func(int)) {
	for _, it := range items {
		go fn(it)
	}
}

// Twin: the writes can come after markLater returns.
func markLater(marks []bool, items []int) {
	applyLater(items, func(i int) { marks[i] = true }) // want `goroutine writes into marks after markLater returns; the caller owns marks again by then`
}

// applyUntilError waits only on the path without an early return: the
// goroutines it started before the error can still be running.
func applyUntilError(items []int, fn func(int)) error {
	var wg sync.WaitGroup
	for _, it := range items {
		if it < 0 {
			return errNegative
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			fn(it)
		}()
	}
	wg.Wait()
	return nil
}

func markUntilError(marks []bool, items []int) error {
	return applyUntilError(items, func(i int) { marks[i] = true }) // want `goroutine writes into marks after markUntilError returns`
}
