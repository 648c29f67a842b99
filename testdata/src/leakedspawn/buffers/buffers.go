package buffers

import (
	"errors"
	"io"
	"sync"
	"time"
)

var errTimeout = errors.New("timeout")

type conn struct{ r io.Reader }

// Read gives up after a timeout, but its reader goes on filling p.
func (c *conn) Read(p []byte) (int, error) {
	type result struct {
		n   int
		err error
	}
	done := make(chan result, 1)
	go func() { // want `goroutine writes into p after Read returns; the caller owns p again by then \(on the path that returns at line 29\)`
		n, err := c.r.Read(p)
		done <- result{n, err}
	}()
	select {
	case r := <-done:
		return r.n, r.err
	case <-time.After(time.Second):
		return 0, errTimeout
	}
}

func fill(dst []int) {
	go func() { // want `goroutine writes into dst after fill returns`
		for i := range dst {
			dst[i] = i
		}
	}()
}

var pool = sync.Pool{New: func() any { return make([]byte, 512) }}

func readPooled(r io.Reader) {
	buf := pool.Get().([]byte)
	go func() { // want `goroutine writes into a buffer that is put back into its sync.Pool`
		io.ReadFull(r, buf)
	}()
	pool.Put(buf)
}

// Clean twins.

func (c *conn) readJoined(p []byte) (int, error) {
	type result struct {
		n   int
		err error
	}
	done := make(chan result)
	go func() {
		n, err := c.r.Read(p)
		done <- result{n, err}
	}()
	r := <-done
	return r.n, r.err
}

func fillCopy(dst []int) {
	mine := make([]int, len(dst))
	go func() {
		for i := range mine {
			mine[i] = i
		}
	}()
}

func readsOnly(src []int) {
	go func() {
		sum := 0
		for _, v := range src {
			sum += v
		}
		_ = sum
	}()
}

func readPooledJoined(r io.Reader) {
	buf := pool.Get().([]byte)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		io.ReadFull(r, buf)
	}()
	wg.Wait()
	pool.Put(buf)
}
