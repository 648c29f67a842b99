// Package useslib is well-formed but imports a package with a type error.
package useslib

import (
	"context"

	"broken/lib"
)

func drop(ctx context.Context) {
	lib.Fetch(ctx)
	lib.Start(ctx)
}

func wait(ctx context.Context) int {
	select {
	case v := <-lib.Fetch(ctx):
		return v
	case <-ctx.Done():
		return 0
	}
}
