package loops

import (
	"errors"
	"time"
)

type request struct {
	kind    string
	payload []byte
}

var errTimeout = errors.New("timeout")

// A flag lets the forwarder send once, whatever the requests: the one
// send fits the buffer, so the timeout strands nobody.
func firstForward(reqs <-chan request, d time.Duration) (request, error) {
	got := make(chan request, 1)
	go func() {
		sent := false
		for r := range reqs {
			if r.kind == "forward" && !sent {
				if len(r.payload) == 0 {
					return
				}
				sent = true
				got <- r
			}
		}
	}()
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case r := <-got:
		return r, nil
	case <-t.C:
		return request{}, errTimeout
	}
}

// Its twin clears the flag again after the send: it may send on every
// forward, and the second blocks on the full buffer after the timeout.
func everyForward(reqs <-chan request, d time.Duration) (request, error) {
	got := make(chan request, 1)
	go func() {
		sent := false
		for r := range reqs {
			if r.kind == "forward" && !sent {
				sent = true
				got <- r
				sent = r.kind == "again"
			}
		}
	}()
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case r := <-got:
		return r, nil
	case <-t.C: // want `when t.C fires first, the goroutine started at line 45 blocks forever sending on got`
		return request{}, errTimeout
	}
}

// Another twin sets the flag on one branch only: a forward without a
// payload is sent and leaves the flag clear.
func someForwards(reqs <-chan request, d time.Duration) (request, error) {
	got := make(chan request, 1)
	go func() {
		sent := false
		for r := range reqs {
			if !sent {
				if len(r.payload) > 0 {
					sent = true
				}
				got <- r
			}
		}
	}()
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case r := <-got:
		return r, nil
	case <-t.C: // want `when t.C fires first, the goroutine started at line 69 blocks forever sending on got`
		return request{}, errTimeout
	}
}
