// Package client uses lib's futures; only facts tell it what they are.
package client

import (
	"context"

	"mustawait/lib"
)

func dropFetch(ctx context.Context) {
	lib.Fetch(ctx, "a") // want `result of lib.Fetch is discarded; its goroutine blocks forever`
}

func dropFetchAll(ctx context.Context) error {
	_, err := lib.FetchAll(ctx, []string{"a"}) // want `result of lib.FetchAll is discarded`
	return err
}

func dropWorker() {
	lib.Start() // want `result of lib.Start is discarded; its goroutines outlive the caller`
}

func dropReserve() {
	lib.Reserve() // want `result of lib.Reserve is discarded; the function is marked`
}

// --- correct idioms: no diagnostics below ---

func drained(ctx context.Context) {
	lib.Drain(lib.Fetch(ctx, "a"))
}

func kept(ctx context.Context) {
	lib.Keep(lib.Fetch(ctx, "a"))
}

func joined() {
	w := lib.Start()
	w.Wait()
}

func fetchAllChecked(ctx context.Context) (string, error) {
	ch, err := lib.FetchAll(ctx, []string{"a"})
	if err != nil {
		return "", err
	}
	return <-ch, nil
}
