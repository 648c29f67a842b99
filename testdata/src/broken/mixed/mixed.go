// Package mixed is well-formed except for one type error far from the
// concurrency code, so the analyzers see complete SSA-worthy functions.
package mixed

import (
	"context"
	"os/exec"
	"sync"
)

var broken int = "not an int"

func leakSender(ctx context.Context) int {
	ch := make(chan int)
	go func() { ch <- 1 }()
	select {
	case v := <-ch:
		return v
	case <-ctx.Done():
		return 0
	}
}

func future(ctx context.Context) <-chan int {
	ch := make(chan int, 1)
	go func() { ch <- 1 }()
	return ch
}

func dropFuture(ctx context.Context) {
	future(ctx)
}

func neverWaited() {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done() }()
}

func notWaited() error {
	return exec.Command("true").Start()
}

func rangeForever() {
	ch := make(chan int)
	go func() {
		for range ch {
		}
	}()
	ch <- 1
}

type T struct{ ch chan int }

func (t *T) undefinedField() {
	go func() { t.missing <- 1 }()
	<-t.ch
}
