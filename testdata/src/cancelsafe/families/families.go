// Channels kept in a slice: one made (or got from a callee) each round
// of a loop, each fed by its own goroutine, and received element by
// element later. An early exit from the receiving loop strands the
// goroutines whose channels it never reaches.
package families

import (
	"context"
	"errors"

	"cancelsafe/lib"
)

type reply struct {
	n   int
	err error
}

func compute(int) (int, error) { return 0, errors.New("no") }

// Results in order: the first error returns, and every later
// goroutine waits for a receive that never comes.
func inOrder(jobs []int) ([]int, error) {
	var pending []chan reply
	for _, j := range jobs {
		ch := make(chan reply)
		go func() {
			n, err := compute(j)
			ch <- reply{n, err}
		}()
		pending = append(pending, ch)
	}
	var out []int
	for _, ch := range pending {
		r := <-ch
		if r.err != nil {
			return nil, r.err // want `this return leaves the loop receiving from ch early; the goroutines started at line 27 whose channels are not received yet block forever sending on them; give each channel made at line 26 a buffer of 1`
		}
		out = append(out, r.n)
	}
	return out, nil
}

// The slice is made to size and filled by index; the wait is a select
// that gives up on ctx.
func byIndex(ctx context.Context, jobs []int) ([]int, error) {
	slots := make([]chan reply, len(jobs))
	for i, j := range jobs {
		ch := make(chan reply)
		slots[i] = ch
		go func() {
			n, err := compute(j)
			ch <- reply{n, err}
		}()
	}
	out := make([]int, 0, len(jobs))
	for i := range slots {
		select {
		case r := <-slots[i]:
			out = append(out, r.n)
		case <-ctx.Done(): // want `when ctx is done first, the goroutines started at line 51 whose channels are not received yet block forever sending on them; give each channel made at line 49 a buffer of 1`
			return nil, ctx.Err()
		}
	}
	return out, nil
}

// Futures from another package, kept in a slice.
func fetchAll(ctx context.Context, keys []string) ([]string, error) {
	var futs []<-chan string
	for _, k := range keys {
		futs = append(futs, lib.Fetch(ctx, k))
	}
	var out []string
	for _, f := range futs {
		v := <-f
		if v == "" {
			return nil, errors.New("empty") // want `this return leaves the loop receiving from f early; the goroutines started by lib.Fetch whose channels are not received yet block forever sending on them; receive from each of them before returning, or give the channel lib.Fetch returns a buffer for every send`
		}
		out = append(out, v)
	}
	return out, nil
}

// Negative twins.

// Each channel has room for its one reply.
func inOrderBuffered(jobs []int) ([]int, error) {
	var pending []chan reply
	for _, j := range jobs {
		ch := make(chan reply, 1)
		go func() {
			n, err := compute(j)
			ch <- reply{n, err}
		}()
		pending = append(pending, ch)
	}
	var out []int
	for _, ch := range pending {
		r := <-ch
		if r.err != nil {
			return nil, r.err
		}
		out = append(out, r.n)
	}
	return out, nil
}

// Every channel is received from: the first error is kept, not returned.
func inOrderDrained(jobs []int) ([]int, error) {
	var pending []chan reply
	for _, j := range jobs {
		ch := make(chan reply)
		go func() {
			n, err := compute(j)
			ch <- reply{n, err}
		}()
		pending = append(pending, ch)
	}
	var out []int
	var first error
	for _, ch := range pending {
		r := <-ch
		if r.err != nil && first == nil {
			first = r.err
		}
		out = append(out, r.n)
	}
	return out, first
}

// The senders give up when ctx is done.
func byIndexGuarded(ctx context.Context, jobs []int) ([]int, error) {
	slots := make([]chan reply, len(jobs))
	for i, j := range jobs {
		ch := make(chan reply)
		slots[i] = ch
		go func() {
			n, err := compute(j)
			select {
			case ch <- reply{n, err}:
			case <-ctx.Done():
			}
		}()
	}
	out := make([]int, 0, len(jobs))
	for i := range slots {
		select {
		case r := <-slots[i]:
			out = append(out, r.n)
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	return out, nil
}

// The slice is handed back: the caller receives the rest.
func started(jobs []int) []chan reply {
	var pending []chan reply
	for _, j := range jobs {
		ch := make(chan reply)
		go func() {
			n, err := compute(j)
			ch <- reply{n, err}
		}()
		pending = append(pending, ch)
	}
	if len(pending) > 0 {
		if r := <-pending[0]; r.err != nil {
			return pending[1:]
		}
	}
	return pending
}

// A deferred drain receives from every channel on every exit.
func inOrderDeferredDrain(jobs []int) ([]int, error) {
	var pending []chan reply
	for _, j := range jobs {
		ch := make(chan reply)
		go func() {
			n, err := compute(j)
			ch <- reply{n, err}
		}()
		pending = append(pending, ch)
	}
	defer func() {
		for _, ch := range pending {
			<-ch
		}
	}()
	var out []int
	for _, ch := range pending {
		r := <-ch
		if r.err != nil {
			return nil, r.err
		}
		out = append(out, r.n)
	}
	return out, nil
}

// Buffered futures from another package.
func fetchAllBuffered(ctx context.Context, keys []string) ([]string, error) {
	var futs []<-chan string
	for _, k := range keys {
		futs = append(futs, lib.FetchBuffered(ctx, k))
	}
	var out []string
	for _, f := range futs {
		v := <-f
		if v == "" {
			return nil, errors.New("empty")
		}
		out = append(out, v)
	}
	return out, nil
}

// The slice mixes in a channel that is not the family's: silent.
func mixed(jobs []int, extra chan reply) error {
	var pending []chan reply
	for _, j := range jobs {
		ch := make(chan reply)
		go func() {
			n, err := compute(j)
			ch <- reply{n, err}
		}()
		pending = append(pending, ch)
	}
	pending = append(pending, extra)
	for _, ch := range pending {
		if r := <-ch; r.err != nil {
			return r.err
		}
	}
	return nil
}
