// Package handler holds the files that testdata/gopls/run.sh checks with
// gopls-scopevet: expected.txt names a finding or a quick fix in each.
package handler

import (
	"context"

	"example.com/goplsfixture/fetch"
)

// Dropped discards the future: mustawait reports it.
func Dropped(ctx context.Context) {
	fetch.Async(ctx, "a")
}

// Received awaits it: nothing to report.
func Received(ctx context.Context) string {
	return <-fetch.Async(ctx, "b")
}
