// Package clientstrict holds what leakedspawn reports of helpers only
// with -strict.
package clientstrict

import "leakedspawn/spawnlib"

func produceUnread() {
	out := make(chan int)
	spawnlib.Produce(out) // want `goroutine started by spawnlib.Produce sends on out, which nobody receives from; it blocks forever`
}

func produceRead() int {
	out := make(chan int)
	spawnlib.Produce(out)
	return <-out
}

// A package is summarized when it starts goroutines itself (or calls an
// API that does): a caller of Produce alone is not read at all.
func forwarded() int {
	out, done := make(chan int), make(chan int)
	spawnlib.Produce(out)
	go func() { done <- <-out }()
	return <-done
}
