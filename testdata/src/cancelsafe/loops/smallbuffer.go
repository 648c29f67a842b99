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

// The same with a range over an integer: SSA tests "0 < 3" before the
// first round, a test that always holds.
func rangeThree(ctx context.Context) int {
	ch := make(chan int, 1)
	for range 3 {
		go func() { ch <- compute() }()
	}
	select {
	case v := <-ch:
		return v
	case <-ctx.Done(): // want `^when ctx is done first, the goroutines started at line 28 block forever sending on ch; give ch a buffer of 3$`
		return 0
	}
}

// startCompute starts one goroutine that sends on ch once.
func startCompute(ch chan<- int) {
	go func() { ch <- compute() }()
}

// A helper called three times starts three senders.
func helperThrice(ctx context.Context) int {
	ch := make(chan int, 1)
	for i := 0; i < 3; i++ {
		startCompute(ch)
	}
	select {
	case v := <-ch:
		return v
	case <-ctx.Done(): // want `^when ctx is done first, the goroutines started by startCompute block forever sending on ch; give ch a buffer for every sender, or let the sends give up: each needs a select on ctx.Done\(\)$`
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

func rangeThreeBuffered(ctx context.Context) int {
	ch := make(chan int, 3)
	for range 3 {
		go func() { ch <- compute() }()
	}
	select {
	case v := <-ch:
		return v
	case <-ctx.Done():
		return 0
	}
}

func helperThriceBuffered(ctx context.Context) int {
	ch := make(chan int, 3)
	for i := 0; i < 3; i++ {
		startCompute(ch)
	}
	select {
	case v := <-ch:
		return v
	case <-ctx.Done():
		return 0
	}
}

// The helper's goroutine selects on ctx.Done() around its send.
func startComputeCtx(ctx context.Context, ch chan<- int) {
	go func() {
		select {
		case ch <- compute():
		case <-ctx.Done():
		}
	}()
}

func helperThriceWatching(ctx context.Context) int {
	ch := make(chan int, 1)
	for i := 0; i < 3; i++ {
		startComputeCtx(ctx, ch)
	}
	select {
	case v := <-ch:
		return v
	case <-ctx.Done():
		return 0
	}
}
