// Command daemon: when main returns, the program ends, and a goroutine
// left blocked costs nothing.
package main

import (
	"context"
	"time"
)

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	ch := make(chan int)
	go func() { ch <- 1 }()
	select {
	case <-ch:
	case <-ctx.Done():
		return
	}
	run := func() {
		ch := make(chan int)
		go func() { ch <- 1 }()
		select {
		case <-ch:
		case <-ctx.Done():
		}
	}
	run()
}

// serve is not main: its early exit strands the goroutine.
func serve(ctx context.Context) {
	ch := make(chan int)
	go func() { ch <- 1 }()
	select {
	case <-ch:
	case <-ctx.Done(): // want `when ctx is done first, the goroutine started at line 34 blocks forever sending on ch`
	}
}
