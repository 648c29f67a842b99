// Package spawnlib has helpers that run their argument in a goroutine.
package spawnlib

import "log"

// Go runs f in a goroutine that recovers panics.
func Go(f func()) {
	go func() {
		defer func() {
			if r := recover(); r != nil {
				log.Print(r)
			}
		}()
		f()
	}()
}

// OnDone runs cleanup in a goroutine once done is closed.
func OnDone(done chan struct{}, cleanup func()) {
	go func() {
		<-done
		cleanup()
	}()
}

// Produce sends one value on out from a goroutine.
func Produce(out chan int) {
	go func() { out <- 1 }()
}

// Wait blocks until done is closed.
func Wait(done chan struct{}) { <-done }
