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
