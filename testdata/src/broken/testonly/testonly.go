// Package testonly is well-typed; its test file is not.
package testonly

import "context"

// Fetch returns a future.
func Fetch(ctx context.Context) <-chan int {
	ch := make(chan int)
	go func() { ch <- 1 }()
	return ch
}
