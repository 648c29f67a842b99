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
