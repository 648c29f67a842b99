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

// applyCounted counts the results back in, one per goroutine it
// started: cap(errC) is len(items), and nothing leaves the loop early.
func applyCounted(items []int, fn func(int) error) error {
	errC := make(chan error, len(items))
	for _, it := range items {
		go func() { errC <- fn(it) }()
	}
	var first error
	for i := 0; i < cap(errC); i++ {
		if err := <-errC; err != nil && first == nil {
			first = err
		}
	}
	return first
}

func markCounted(marks []bool, items []int) error {
	return applyCounted(items, func(i int) error { marks[i] = true; return nil })
}

// applyEach starts n goroutines and receives n times.
func applyEach(n int, fn func(int)) {
	done := make(chan struct{})
	for i := range n {
		go func() {
			fn(i)
			done <- struct{}{}
		}()
	}
	for range n {
		<-done
	}
}

func markEach(marks []bool) {
	applyEach(len(marks), func(i int) { marks[i] = true })
}

// applyOne waits for its one goroutine's deferred close.
func applyOne(fn func()) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		fn()
	}()
	<-done
}

func markOne(marks []bool) {
	applyOne(func() { marks[0] = true })
}

// Twin: the first error returns while other goroutines may still be
// running fn.
func applyFirstError(items []int, fn func(int) error) error {
	errC := make(chan error, len(items))
	for _, it := range items {
		go func() { errC <- fn(it) }()
	}
	for range items {
		if err := <-errC; err != nil {
			return err
		}
	}
	return nil
}

func markFirstError(marks []bool, items []int) error {
	return applyFirstError(items, func(i int) error { marks[i] = true; return nil }) // want `goroutine writes into marks after markFirstError returns`
}

// Twin: one result fewer than goroutines.
func applyAllButOne(items []int, fn func(int) error) {
	errC := make(chan error, len(items))
	for _, it := range items {
		go func() { errC <- fn(it) }()
	}
	for i := 0; i < len(items)-1; i++ {
		<-errC
	}
}

func markAllButOne(marks []bool, items []int) {
	applyAllButOne(items, func(i int) error { marks[i] = true; return nil }) // want `goroutine writes into marks after markAllButOne returns`
}

// Twin: the goroutine signals before it runs fn.
func applySignalFirst(items []int, fn func(int)) {
	done := make(chan struct{}, len(items))
	for _, it := range items {
		go func() {
			done <- struct{}{}
			fn(it)
		}()
	}
	for range items {
		<-done
	}
}

func markSignalFirst(marks []bool, items []int) {
	applySignalFirst(items, func(i int) { marks[i] = true }) // want `goroutine writes into marks after markSignalFirst returns`
}

// Twin: one path returns before the receive.
func applyOneUnless(skip bool, fn func()) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		fn()
	}()
	if skip {
		return
	}
	<-done
}

func markOneUnless(marks []bool, skip bool) {
	applyOneUnless(skip, func() { marks[0] = true }) // want `goroutine writes into marks after markOneUnless returns`
}

// applyIndexed captures its loop's index, a fresh variable each round,
// and receives as many results as it started goroutines.
func applyIndexed(n int, fn func(int)) {
	done := make(chan struct{})
	for i := 0; i < n; i++ {
		go func() {
			fn(i)
			done <- struct{}{}
		}()
	}
	for i := 0; i < n; i++ {
		<-done
	}
}

func markIndexed(marks []bool) {
	applyIndexed(len(marks), func(i int) { marks[i] = true })
}

// Twin: the receive loop starts at 1, one round short of the goroutines.
func applyIndexedShort(n int, fn func(int)) {
	done := make(chan struct{}, n)
	for i := 0; i < n; i++ {
		go func() {
			fn(i)
			done <- struct{}{}
		}()
	}
	for i := 1; i < n; i++ {
		<-done
	}
}

func markIndexedShort(marks []bool) {
	applyIndexedShort(len(marks), func(i int) { marks[i] = true }) // want `goroutine writes into marks after markIndexedShort returns`
}
