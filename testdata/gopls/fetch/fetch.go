// Package fetch returns a future: the summary of Async travels to the
// handler package as a fact, as it does between packages in an editor.
package fetch

import "context"

// Async starts a lookup and returns the channel its result arrives on.
func Async(ctx context.Context, key string) <-chan string {
	ch := make(chan string)
	go func() { ch <- key }()
	return ch
}
