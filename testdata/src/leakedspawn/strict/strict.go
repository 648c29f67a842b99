package strict

import "context"

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
