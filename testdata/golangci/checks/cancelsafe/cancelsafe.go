// Package cancelsafe is the cancelsafe case of the golangci-lint fixture:
// each finding is listed in ../../expected.txt, and --fix must turn this
// file into cancelsafe.go.golden.
package cancelsafe

import (
	"context"

	"example.com/golangci/lib/async"
)

func onCtxDone(ctx context.Context) (string, error) {
	ch := make(chan string)
	go func() {
		ch <- <-async.Fetch(ctx, "a")
	}()
	select {
	case s := <-ch:
		return s, nil
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

func suppressed(ctx context.Context, stop <-chan struct{}) string {
	ch := make(chan string)
	go func() { ch <- "b" }()
	select {
	case s := <-ch:
		return s
	case <-stop: //nolint:cancelsafe // stop is closed only at process exit
		return ""
	}
}

func buffered(ctx context.Context) (string, error) {
	ch := make(chan string, 1)
	go func() { ch <- "c" }()
	select {
	case s := <-ch:
		return s, nil
	case <-ctx.Done():
		return "", ctx.Err()
	}
}
