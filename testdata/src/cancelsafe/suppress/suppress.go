// Directives silence findings.
package suppress

import "context"

func onTheLine(ctx context.Context) int {
	ch := make(chan int)
	go func() { ch <- 1 }()
	select {
	case n := <-ch:
		return n
	case <-ctx.Done(): //nolint:cancelsafe // the process exits right after
		return 0
	}
}

//nolint:cancelsafe // a one-shot CLI path
func onTheDecl(ctx context.Context) int {
	ch := make(chan int)
	go func() { ch <- 1 }()
	select {
	case n := <-ch:
		return n
	case <-ctx.Done():
		return 0
	}
}

func nothingToSuppress(ctx context.Context) int {
	ch := make(chan int, 1) //nolint:cancelsafe // want `//nolint:cancelsafe suppresses no cancelsafe finding here; remove it`
	go func() { ch <- 1 }()
	select {
	case n := <-ch:
		return n
	case <-ctx.Done():
		return 0
	}
}
