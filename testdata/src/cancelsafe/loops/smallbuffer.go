package loops

import "context"

func compute() int { return 1 }

// Three goroutines from a constant loop and a buffer of one: when ctx
// wins, two of them block forever. The loop does not dominate the
// select, but every path to it ran all three rounds.
func smallBuffer(ctx context.Context) int {
	ch := make(chan int, 1)
	for i := 0; i < 3; i++ {
		go func() { ch <- compute() }()
	}
	select {
	case v := <-ch:
		return v
	case <-ctx.Done(): // want `^when ctx is done first, the goroutines started at line 13 block forever sending on ch; give ch a buffer of 3$`
		return 0
	}
}

// --- clean twins: no diagnostics below ---

func bufferForAll(ctx context.Context) int {
	ch := make(chan int, 3)
	for i := 0; i < 3; i++ {
		go func() { ch <- compute() }()
	}
	select {
	case v := <-ch:
		return v
	case <-ctx.Done():
		return 0
	}
}

func oneRound(ctx context.Context) int {
	ch := make(chan int, 1)
	for i := 0; i < 1; i++ {
		go func() { ch <- compute() }()
	}
	select {
	case v := <-ch:
		return v
	case <-ctx.Done():
		return 0
	}
}
