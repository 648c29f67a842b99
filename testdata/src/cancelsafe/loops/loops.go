// Goroutines started in a loop, and loops that receive their results:
// early exits first, then the clean twins.
package loops

import (
	"context"
	"sync"
)

type result struct {
	n   int
	err error
}

func fetch(u string) result { return result{n: len(u)} }

func firstError(urls []string) error {
	ch := make(chan result)
	for _, u := range urls {
		go func() { ch <- fetch(u) }()
	}
	for range urls {
		r := <-ch
		if r.err != nil {
			return r.err // want `this return leaves the loop receiving from ch early; the goroutines started at line 20 that have not sent yet block forever sending on ch; give ch a buffer of len\(urls\)`
		}
	}
	return nil
}

func constantBound() error {
	ch := make(chan error)
	for i := 0; i < 3; i++ {
		go func() { ch <- fetch("x").err }()
	}
	for i := 0; i < 3; i++ {
		if err := <-ch; err != nil {
			return err // want `this return leaves the loop receiving from ch early; the goroutines started at line 34 that have not sent yet block forever sending on ch; give ch a buffer of 3`
		}
	}
	return nil
}

func rangeInt(n int) error {
	ch := make(chan error)
	for range n {
		go func() { ch <- nil }()
	}
	for range n {
		if err := <-ch; err != nil {
			return err // want `give ch a buffer of n`
		}
	}
	return nil
}

const workers = 4

// A named constant bound is kept by name.
func namedBound() error {
	ch := make(chan error)
	for i := 0; i < workers; i++ {
		go func() { ch <- nil }()
	}
	for i := 0; i < workers; i++ {
		if err := <-ch; err != nil {
			return err // want `give ch a buffer of workers`
		}
	}
	return nil
}

// An unsigned bound cannot be negative, so the fix is offered; a signed
// one (rangeInt above) only gets the advice, since make would panic on a
// negative size where the loop just runs no times.
func unsignedBound(n uint) error {
	ch := make(chan error)
	for range n {
		go func() { ch <- nil }()
	}
	for range n {
		if err := <-ch; err != nil {
			return err // want `give ch a buffer of n`
		}
	}
	return nil
}

func withCancel(ctx context.Context, urls []string) (int, error) {
	ch := make(chan result)
	for _, u := range urls {
		go func() { ch <- fetch(u) }()
	}
	total := 0
	for range urls {
		select {
		case r := <-ch:
			total += r.n
		case <-ctx.Done(): // want `when ctx is done first, the goroutines started at line 92 block forever sending on ch; give ch a buffer of len\(urls\)`
			return 0, ctx.Err()
		}
	}
	return total, nil
}

func breakOut(urls []string) int {
	ch := make(chan result)
	for _, u := range urls {
		go func() { ch <- fetch(u) }()
	}
	n := 0
	for range urls {
		r := <-ch
		if r.err != nil {
			break // want `this break leaves the loop receiving from ch early`
		}
		n += r.n
	}
	return n
}

// A producer that sends many values, and a consumer that stops early.
func producer(items []int) bool {
	ch := make(chan int)
	go func() {
		for _, it := range items {
			ch <- it
		}
		close(ch)
	}()
	for v := range ch {
		if v < 0 {
			return true // want `this return leaves the loop receiving from ch early; the goroutine started at line 125 blocks forever sending on ch; receive from ch on every path out`
		}
	}
	return false
}

// The first result wins; the others are never received.
func firstWins(mirrors []string) result {
	ch := make(chan result)
	for _, m := range mirrors {
		go func() { ch <- fetch(m) }()
	}
	return <-ch // want `this return comes after receiving once from ch; the goroutines started at line 143 that have not sent yet block forever sending on ch; give ch a buffer of len\(mirrors\)`
}

// --- clean twins: no diagnostics below ---

func bufferedForAll(urls []string) error {
	ch := make(chan result, len(urls))
	for _, u := range urls {
		go func() { ch <- fetch(u) }()
	}
	for range urls {
		if r := <-ch; r.err != nil {
			return r.err
		}
	}
	return nil
}

func constBufferForAll() error {
	ch := make(chan error, 3)
	for i := 0; i < 3; i++ {
		go func() { ch <- nil }()
	}
	for i := 0; i < 3; i++ {
		if err := <-ch; err != nil {
			return err
		}
	}
	return nil
}

func receivesAll(urls []string) error {
	ch := make(chan result)
	for _, u := range urls {
		go func() { ch <- fetch(u) }()
	}
	var first error
	for range urls {
		if r := <-ch; r.err != nil && first == nil {
			first = r.err
		}
	}
	return first
}

func drainsAfterBreak(urls []string) error {
	ch := make(chan result)
	for _, u := range urls {
		go func() { ch <- fetch(u) }()
	}
	var err error
	i := 0
	for ; i < len(urls); i++ {
		if r := <-ch; r.err != nil {
			err = r.err
			break
		}
	}
	for i++; i < len(urls); i++ {
		<-ch
	}
	return err
}

// One goroutine per round, received in the same round.
func perRound(urls []string) error {
	for _, u := range urls {
		ch := make(chan result)
		go func() { ch <- fetch(u) }()
		if r := <-ch; r.err != nil {
			return r.err
		}
	}
	return nil
}

// The fan-in closer: producers, a goroutine that closes the output when
// they are done, and a consumer that reads it to the end.
func fanIn(ins []<-chan int) int {
	out := make(chan int)
	var wg sync.WaitGroup
	for _, in := range ins {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for v := range in {
				out <- v
			}
		}()
	}
	go func() {
		wg.Wait()
		close(out)
	}()
	sum := 0
	for v := range out {
		sum += v
	}
	return sum
}

// An infinite loop that counts its receives: its exits cannot be told
// apart from the normal end.
func counted(urls []string) error {
	ch := make(chan result)
	for _, u := range urls {
		go func() { ch <- fetch(u) }()
	}
	got := 0
	for {
		r := <-ch
		got++
		if got == len(urls) {
			return r.err
		}
	}
}

// A producer that sends once and closes: after the one receive nothing waits.
func singleValue() int {
	ch := make(chan int)
	go func() {
		ch <- 1
		close(ch)
	}()
	for v := range ch {
		return v
	}
	return 0
}
