// Shapes seen in real projects, retold: each finding is an early return
// that skips the join, next to the fixed version.
package realworld

import (
	"context"
	"errors"
	"io"
	"os/exec"
	"sync"

	"golang.org/x/sync/errgroup"
)

type limiter interface{ Acquire(ctx context.Context) error }

// A limiter that fails mid-loop leaves the handlers already started running.
func dispatch(ctx context.Context, lim limiter, jobs []string, handle func(context.Context, string) error) error {
	g, gctx := errgroup.WithContext(ctx)
	for _, j := range jobs {
		if err := lim.Acquire(ctx); err != nil {
			return err
		}
		g.Go(func() error { return handle(gctx, j) }) // want `g.Go is not followed by g.Wait on the path that returns at line 22`
	}
	return g.Wait()
}

func dispatchFixed(ctx context.Context, lim limiter, jobs []string, handle func(context.Context, string) error) error {
	g, gctx := errgroup.WithContext(ctx)
	for _, j := range jobs {
		if err := lim.Acquire(ctx); err != nil {
			_ = g.Wait()
			return err
		}
		g.Go(func() error { return handle(gctx, j) })
	}
	return g.Wait()
}

// A collector ranges over roots; the error path neither closes roots nor
// waits, so the collector blocks forever.
func collect(scan func(chan<- string) error) ([]string, error) {
	var (
		names []string
		wg    sync.WaitGroup
		roots = make(chan string)
	)
	wg.Go(func() { // want `wg.Go is not followed by wg.Wait on the path that returns at line 55`
		for n := range roots {
			names = append(names, n)
		}
	})
	if err := scan(roots); err != nil {
		return nil, err
	}
	close(roots)
	wg.Wait()
	return names, nil
}

func collectFixed(scan func(chan<- string) error) ([]string, error) {
	var (
		names []string
		wg    sync.WaitGroup
		roots = make(chan string)
	)
	wg.Go(func() {
		for n := range roots {
			names = append(names, n)
		}
	})
	err := scan(roots)
	close(roots)
	wg.Wait()
	return names, err
}

// Feeding a child's stdin can fail after Start; the child is never reaped.
func runFilter(input []byte) error {
	cmd := exec.Command("filter")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil { // want `cmd.Start is not followed by cmd.Wait on the path that returns at line 90`
		return err
	}
	if _, err := stdin.Write(input); err != nil {
		return err
	}
	_ = stdin.Close()
	return cmd.Wait()
}

func runFilterFixed(input []byte) error {
	cmd := exec.Command("filter")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	_, werr := stdin.Write(input)
	_ = stdin.Close()
	return errors.Join(werr, cmd.Wait())
}

var _ io.Writer
