// Package arity calls functions with the wrong number or type of arguments.
package arity

import (
	"context"
	"os/exec"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
)

func withCancel() {
	ctx, cancel := context.WithCancel()
	defer cancel()
	go func() { <-ctx.Done() }()
}

func waitGroup() {
	var wg sync.WaitGroup
	wg.Add()
	go func() { defer wg.Done(1) }()
	wg.Wait(time.Second)
}

func group(ctx context.Context) error {
	g, ctx := errgroup.WithContext(ctx, 1)
	g.Go(func() {}) // wrong signature
	g.Go(func() error { return nil }, 2)
	return g.Wait(ctx)
}

func command() error {
	cmd := exec.Command()
	if err := cmd.Start(1); err != nil {
		return err
	}
	return nil
}

func fetch(ctx context.Context, url string) <-chan error {
	ch := make(chan error)
	go func() { ch <- nil }()
	return ch
}

func callers(ctx context.Context) {
	fetch(ctx)
	fetch(ctx, "a", "b")
	r := fetch()
	a, b := fetch(ctx, "u")
	_, _, _ = r, a, b
}

func sends() int {
	ch := make(chan int)
	go func() { ch <- "not an int" }()
	go func() { ch <- 1, 2 }()
	select {
	case v := <-ch:
		return v + "x"
	case <-time.After():
	}
	return 1, 2
}
