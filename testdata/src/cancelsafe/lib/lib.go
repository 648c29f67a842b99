// Package lib starts goroutines that package futures waits on; only the
// shared pass's facts tell futures what they do.
package lib

import "context"

// Fetch returns a future: its goroutine blocks until someone receives.
func Fetch(ctx context.Context, key string) <-chan string {
	ch := make(chan string)
	go func() { ch <- key }()
	return ch
}

// FetchBuffered's goroutine never blocks.
func FetchBuffered(ctx context.Context, key string) <-chan string {
	ch := make(chan string, 1)
	go func() { ch <- key }()
	return ch
}

// FetchGuarded's goroutine gives up when ctx is done.
func FetchGuarded(ctx context.Context, key string) <-chan string {
	ch := make(chan string)
	go func() {
		select {
		case ch <- key:
		case <-ctx.Done():
		}
	}()
	return ch
}

// Produce sends one value on ch, with no way out.
func Produce(ch chan<- string) { ch <- "v" }

// Offer sends one value on ch unless ctx is done first.
func Offer(ctx context.Context, ch chan<- string) {
	select {
	case ch <- "v":
	case <-ctx.Done():
	}
}

// StartWorker starts a goroutine that sends its result on ch.
func StartWorker(ch chan<- string) {
	go func() { ch <- "done" }()
}
