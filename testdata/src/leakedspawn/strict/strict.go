package strict

import (
	"context"
	"fmt"
	"time"
)

func watch(ctx context.Context) {
	go func() { // want `goroutine is not joined before watch returns; it outlives its scope`
		<-ctx.Done()
	}()
}

func joined(ctx context.Context) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		<-ctx.Done()
	}()
	<-done
}

func janitor() {
	go func() { // want `goroutine loops forever and observes no cancellation; each call of janitor leaks one more`
		for {
			time.Sleep(time.Minute)
			fmt.Println("sweep")
		}
	}()
}

type poller struct{ ctx context.Context }

func (p *poller) poll() { <-p.ctx.Done() }

// The message names the method the goroutine runs.
func startPoller(ctx context.Context) *poller {
	p := &poller{ctx: ctx}
	go p.poll() // want `^goroutine running p.poll is not joined before startPoller returns; it outlives its scope$`
	return p
}

// A helper that starts a goroutine is reported at its go statement
// above, not again at each call.
func usePoller(ctx context.Context) {
	startPoller(ctx)
	startPoller(ctx)
}

// A helper that runs its argument in a goroutine is reported once, at
// its go statement, not at each call.
func runAsync(f func()) {
	go f() // want `^goroutine running f is not joined before runAsync returns; it outlives its scope$`
}

func useRunAsync(ctx context.Context) {
	runAsync(func() { <-ctx.Done() })
}
