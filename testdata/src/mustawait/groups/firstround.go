package groups

import (
	"context"
	"errors"
	"sync"

	"golang.org/x/sync/errgroup"
)

// A return in a loop, on a condition that changes from round to round,
// can come after earlier rounds started their goroutines.
func addAllThenItemFails(items []int) error {
	var wg sync.WaitGroup
	wg.Add(len(items)) // want `wg.Add is not followed by wg.Wait on the path that returns at line 18; its goroutines outlive the function; waiting there would block forever`
	for _, it := range items {
		if it < 0 {
			return errors.New("negative item")
		}
		go func() { defer wg.Done() }()
	}
	wg.Wait()
	return nil
}

// The round's goroutine starts before the test: even in the first round
// it is running when the function returns.
func goThenInvariantReturn(ctx context.Context, keys []string, dryRun bool) error {
	var g errgroup.Group
	for _, k := range keys {
		g.Go(func() error { return fetch(ctx, k) }) // want `g.Go is not followed by g.Wait on the path that returns at line 33`
		if dryRun {
			return nil
		}
	}
	return g.Wait()
}

type pickCase struct {
	name string
	err  error
}

// Silent: tc.err is the same in every round, so the return can only be
// taken in the first round, before its goroutine starts; no goroutine is
// running then. (A Wait there would block forever: Add counted them all.)
func addAllThenCaseFails(cases []pickCase, pick func() error, run func(string, func())) {
	for _, tc := range cases {
		run(tc.name, func() {
			const total = 100
			var wg sync.WaitGroup
			wg.Add(total)
			for range total {
				if err := pick(); !errors.Is(err, tc.err) {
					panic(err)
				}
				if tc.err != nil {
					return
				}
				go func() { defer wg.Done() }()
			}
			wg.Wait()
		})
	}
}

// Silent: dryRun is a parameter, the same in every round, tested before
// the round's g.Go: a path from a g.Go can only go round again and take
// the same branch into the loop.
func invariantReturnThenGo(ctx context.Context, keys []string, dryRun bool) error {
	var g errgroup.Group
	for _, k := range keys {
		if dryRun {
			return nil
		}
		g.Go(func() error { return fetch(ctx, k) })
	}
	return g.Wait()
}
