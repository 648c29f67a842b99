// Package gostmt has go and defer statements caught half-written, as an
// editor sees them while the user types.
package gostmt

import (
	"context"
	"sync"
)

func bare() {
	go
}

func notCalled(f func()) {
	go f
	go func() {}
	defer f
}

func unfinishedCall(ctx context.Context, wg *sync.WaitGroup) {
	wg.Add(1)
	go work(ctx,
}

func work(ctx context.Context) {}

func literalUnclosed(ch chan int) {
	go func() {
		ch <- 1
	for {
	}
}

func nonFunction() {
	x := 3
	go x()
	go 42
}
