package buffers

import (
	"fmt"
	"io"
	"time"
)

type slowReader struct {
	io.Reader
	timeout time.Duration
}

// Silent: a test's reader that times out returns an error, and the test
// reading from it fails; the late write into p is the least of its
// problems.
func (r *slowReader) Read(p []byte) (n int, err error) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		n, err = r.Reader.Read(p)
	}()
	select {
	case <-done:
		return n, err
	case <-time.After(r.timeout):
		return 0, fmt.Errorf("read timed out after %s", r.timeout)
	}
}

type quietReader struct {
	io.Reader
	timeout time.Duration
}

// Its twin reports the timeout as the end of the data: the test reading
// from it goes on, and the goroutine writes into a p it no longer owns.
func (r *quietReader) Read(p []byte) (n int, err error) {
	done := make(chan struct{})
	go func() { // want `goroutine writes into p after Read returns; the caller owns p again by then \(on the path that returns at line 48\)`
		defer close(done)
		n, err = r.Reader.Read(p)
	}()
	select {
	case <-done:
		return n, err
	case <-time.After(r.timeout):
		return 0, io.EOF
	}
}
