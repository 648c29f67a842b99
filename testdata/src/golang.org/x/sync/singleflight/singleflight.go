// Package singleflight is a stub of golang.org/x/sync/singleflight for fixtures.
package singleflight

type Result struct {
	Val    any
	Err    error
	Shared bool
}

type Group struct{}

func (g *Group) Do(key string, fn func() (any, error)) (any, error, bool) {
	v, err := fn()
	return v, err, false
}

func (g *Group) DoChan(key string, fn func() (any, error)) <-chan Result {
	ch := make(chan Result, 1)
	go func() {
		v, err := fn()
		ch <- Result{Val: v, Err: err}
	}()
	return ch
}

func (g *Group) Forget(key string) {}
