// Package generic misuses type parameters around goroutines.
package generic

import "context"

func Produce[T any](ctx context.Context) <-chan T {
	ch := make(chan T)
	go func() { ch <- 1 }() // 1 is not a T
	return ch
}

func Join[T any, U comparable](chs ...chan T) U {
	var zero U
	for _, ch := range chs {
		go func() { <-ch }()
	}
	return zero
}

func callers(ctx context.Context) {
	Produce(ctx)                    // cannot infer T
	Produce[int, string](ctx)       // too many type arguments
	_ = Join[int](make(chan string)) // cannot infer U, wrong element type
	var g Group[int]
	g.Go()
}

type Group[T Undefined] struct{ ch chan T }

func (g *Group[T]) Go() { go func() { g.ch <- *new(T) }() }
