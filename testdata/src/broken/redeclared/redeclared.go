// Package redeclared declares functions, types and methods twice.
package redeclared

import "context"

func fetch(ctx context.Context) <-chan int {
	ch := make(chan int)
	go func() { ch <- 1 }()
	return ch
}

func fetch(ctx context.Context) <-chan string {
	ch := make(chan string)
	go func() { ch <- "" }()
	return ch
}

type S struct{ ch chan int }

type S struct{ done chan struct{} }

func (s *S) run() { go func() { s.ch <- 1 }() }

func (s *S) run() { go func() { close(s.done) }() }

func use(ctx context.Context) {
	fetch(ctx)
	var s S
	s.run()
}
