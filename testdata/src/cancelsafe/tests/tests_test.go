package tests

import (
	"context"
	"testing"
	"time"
)

// The timeout path fails the test: a stranded goroutine there is the
// least of its problems.
func TestTimeoutFails(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	errc := make(chan error)
	go func() { errc <- Dial() }()
	select {
	case err := <-errc:
		if err != nil {
			t.Errorf("Dial: %v", err)
		}
	case <-ctx.Done():
		t.Errorf("timed out")
	}
}

func TestTimeoutFailsTB(t *testing.T) {
	check(t)
}

func check(tb testing.TB) {
	errc := make(chan error)
	go func() { errc <- Dial() }()
	select {
	case <-errc:
	case <-time.After(time.Second):
		tb.Error("timed out")
	}
}

// Here the timeout passes the test and leaves the goroutine behind.
func TestTimeoutPasses(t *testing.T) {
	errc := make(chan error)
	go func() { errc <- Dial() }()
	select {
	case err := <-errc:
		if err != nil {
			t.Errorf("Dial: %v", err)
		}
	case <-time.After(time.Second): // want `when the timeout fires first, the goroutine started at line 43 blocks forever sending on errc; give errc a buffer of 1`
		t.Log("slow dial; skipping the check")
	}
}
