// Package lib is a dependency with a type error: its importers are
// ill-typed too, and get no facts from it.
package lib

import "context"

// Fetch returns a future: a channel a goroutine sends on.
func Fetch(ctx context.Context) <-chan int {
	ch := make(chan int)
	go func() { ch <- undefined }()
	return ch
}

// Start is well-typed.
func Start(ctx context.Context) <-chan error {
	ch := make(chan error)
	go func() { ch <- ctx.Err() }()
	return ch
}
