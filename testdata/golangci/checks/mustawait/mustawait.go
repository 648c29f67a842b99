// Package mustawait is the mustawait case of the golangci-lint fixture:
// each finding is listed in ../../expected.txt, the good twins stay silent.
package mustawait

import (
	"context"
	"os/exec"
	"sync"

	"example.com/golangci/lib/async"
)

func dropped(ctx context.Context) {
	async.Fetch(ctx, "a")
}

func waitSkipped(items []string) {
	var wg sync.WaitGroup
	for range items {
		wg.Add(1)
		go func() { defer wg.Done() }()
	}
	if len(items) > 2 {
		return
	}
	wg.Wait()
}

func zombie() error {
	return exec.Command("true").Start()
}

func suppressed(ctx context.Context) {
	async.Fetch(ctx, "b") //nolint:mustawait // the value is never needed; the goroutine is cheap
}

func received(ctx context.Context) string {
	return <-async.Fetch(ctx, "a")
}

func waited(items []string) {
	var wg sync.WaitGroup
	for range items {
		wg.Add(1)
		go func() { defer wg.Done() }()
	}
	wg.Wait()
}
