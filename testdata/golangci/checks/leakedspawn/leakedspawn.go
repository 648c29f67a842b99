// Package leakedspawn is the leakedspawn case of the golangci-lint
// fixture: each finding is listed in ../../expected.txt, the good twins
// stay silent.
package leakedspawn

import (
	"context"
	"os"
	"os/signal"
	"time"
)

func drain(items []int) {
	ch := make(chan int)
	go func() {
		for v := range ch {
			_ = v
		}
	}()
	for _, it := range items {
		ch <- it
	}
}

func ticks() {
	t := time.NewTicker(time.Second)
	go func() {
		for range t.C {
		}
	}()
	t.Stop()
}

func ticksSuppressed() {
	t := time.NewTicker(time.Second)
	go func() { //nolint:leakedspawn // the process exits right after
		for range t.C {
		}
	}()
	t.Stop()
}

func drainClosed(items []int) {
	ch := make(chan int)
	go func() {
		for v := range ch {
			_ = v
		}
	}()
	for _, it := range items {
		ch <- it
	}
	close(ch)
}

func watch(ctx context.Context, t *time.Ticker) {
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
		}
	}()
}

func relay(forward func(os.Signal), wait func() error) error {
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt)
	defer signal.Stop(sigs)
	go func() {
		for s := range sigs {
			forward(s)
		}
	}()
	return wait()
}
