// Package lib defines futures that package client uses: their summaries
// cross the package boundary as facts.
package lib

import (
	"context"
	"sync"
)

func Fetch(ctx context.Context, key string) <-chan string { // want Fetch:`summary\(results=\[chan,unbuffered,unguarded\] params=\[- escapes\|spawnswith\] spawns always\)`
	ch := make(chan string)
	go func() { ch <- key }()
	return ch
}

func FetchAll(ctx context.Context, keys []string) (<-chan string, error) { // want FetchAll:`summary\(results=\[chan,unbuffered,unguarded -\] params=\[- escapes\|spawnswith\] spawns always\)`
	return Fetch(ctx, keys[0]), nil
}

type Worker struct{ wg sync.WaitGroup }

func Start() *Worker { // want Start:`summary\(results=\[join\] spawns always\)`
	w := &Worker{}
	w.wg.Add(1)
	go func() { defer w.wg.Done() }()
	return w
}

func (w *Worker) Wait() { w.wg.Wait() } // want Wait:`summary\(params=\[awaits\]\)`

// Drain awaits its argument.
func Drain(ch <-chan string) { // want Drain:`summary\(params=\[awaits\|plainawaits\]\)`
	for range ch {
	}
}

// Keep lets its argument escape. That is what a caller assumes of a
// function it has no fact for, so Keep gets none.
var kept []<-chan string

func Keep(ch <-chan string) { kept = append(kept, ch) }

// Watch observes its context.
func Watch(ctx context.Context) { <-ctx.Done() } // want Watch:`summary\(cancelaware\)`

//scopevet:mustawait
func Reserve() *int { return new(int) } // want Reserve:`summary\(results=\[marked\] marked fresh\)`

// NewQueue makes a channel for its caller: callers hold it as their own.
func NewQueue() (chan string, error) { return make(chan string, 2), nil } // want NewQueue:`summary\(chans=\[2 -\]\)`

// Count streams n values on a channel it closes when done.
func Count(n int) <-chan int { // want Count:`summary\(results=\[chan,unbuffered,unguarded,stream,closes\] params=\[spawnswith\] spawns always\)`
	ch := make(chan int)
	go func() {
		defer close(ch)
		for i := range n {
			ch <- i
		}
	}()
	return ch
}

// SendTwice sends two values on one path.
func SendTwice(ch chan<- int) { ch <- 1; ch <- 2 } // want SendTwice:`summary\(params=\[sends\] resends\)`

// Each starts one goroutine per value, each sending it.
func Each(vals []int) <-chan int { // want Each:`summary\(results=\[chan,unbuffered,unguarded,stream,fanout\] params=\[escapes\|spawnswith\] spawns\)`
	ch := make(chan int)
	for _, v := range vals {
		go func() { ch <- v }()
	}
	return ch
}

// MaybeStart starts its sender only when asked: not always.
func MaybeStart(on bool, ch chan<- int) { // want MaybeStart:`summary\(params=\[- spawnswith\|asyncsends\] spawns\)`
	if on {
		go func() { ch <- 1 }()
	}
}
