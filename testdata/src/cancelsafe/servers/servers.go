// Starting a server and waiting briefly to see whether it fails: the
// goroutine that runs it sends its error. Bad shapes first, then their
// clean twins.
package servers

import (
	"errors"
	"net"
	"net/http"
	"time"
)

// The goroutine sends whatever Serve returns, ErrServerClosed included:
// once the caller closes the server, the send blocks forever.
func startAndReport(l net.Listener) (*http.Server, error) {
	s := &http.Server{}
	errCh := make(chan error)
	go func() {
		errCh <- s.Serve(l)
	}()
	select {
	case <-time.After(10 * time.Millisecond): // want `when the timeout fires first, the goroutine started at line 18 blocks forever sending on errCh; give errCh a buffer of 1`
		return s, nil
	case err := <-errCh:
		return nil, err
	}
}

// Silent: the goroutine sends only when Serve fails by itself; closing
// the server ends it without a send.
func startUnlessClosed(l net.Listener) (*http.Server, error) {
	s := &http.Server{}
	errCh := make(chan error)
	go func() {
		if err := s.Serve(l); err != http.ErrServerClosed {
			errCh <- err
		}
	}()
	select {
	case <-time.After(10 * time.Millisecond):
		return s, nil
	case err := <-errCh:
		return nil, err
	}
}

// Silent: the same with errors.Is, and a listener's net.ErrClosed.
func acceptUnlessClosed(l net.Listener, handle func(net.Conn)) error {
	errCh := make(chan error)
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				if !errors.Is(err, net.ErrClosed) {
					errCh <- err
				}
				return
			}
			handle(c)
		}
	}()
	select {
	case <-time.After(10 * time.Millisecond):
		return nil
	case err := <-errCh:
		return err
	}
}
