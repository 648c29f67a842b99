// Package pool is a stub of github.com/sourcegraph/conc/pool for fixtures.
package pool

import "sync"

type Pool struct{ wg sync.WaitGroup }

func New() *Pool { return &Pool{} }

func (p *Pool) WithMaxGoroutines(n int) *Pool { return p }

func (p *Pool) Go(f func()) {
	p.wg.Add(1)
	go func() { defer p.wg.Done(); f() }()
}

func (p *Pool) Wait() { p.wg.Wait() }

type ErrorPool struct{ p Pool }

func (p *Pool) WithErrors() *ErrorPool { return &ErrorPool{} }

func (p *ErrorPool) Go(f func() error) { p.p.Go(func() { _ = f() }) }

func (p *ErrorPool) Wait() error { p.p.Wait(); return nil }
