package groups

import (
	"errors"
	"sync"
	"testing"
)

func TestFatalEndsThePath(t *testing.T) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done() }()
	if testing.Short() {
		t.Fatal("t.Fatal never returns, so it is not a return that skips Wait")
	}
	wg.Wait()
}

// Silent: the return that skips Wait comes after t.Errorf: the test has
// already failed on that path.
func TestErrorThenReturn(t *testing.T) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done() }()
	if testing.Short() {
		t.Errorf("short mode is not supported")
		return
	}
	wg.Wait()
}

func TestSkippedWait(t *testing.T) {
	var wg sync.WaitGroup
	wg.Add(1) // want `wg.Add is not followed by wg.Wait`
	go func() { defer wg.Done() }()
	if testing.Short() {
		return
	}
	wg.Wait()
}

// Two groups, a loop of goroutines and a branch after the first Wait:
// both are waited for on every path.
func TestTwoGroups(t *testing.T) {
	var entered, done sync.WaitGroup
	release := make(chan struct{})
	entered.Add(3)
	done.Add(3)
	for i := 0; i < 3; i++ {
		go func() {
			defer done.Done()
			entered.Done()
			<-release
		}()
	}
	entered.Wait()
	if testing.Verbose() {
		t.Log("all entered")
	}
	close(release)
	done.Wait()
}

// startServer is a test helper that hands its future back to the test.
func startServer(t *testing.T) <-chan error {
	t.Helper()
	errc := make(chan error)
	go func() { errc <- nil }()
	return errc
}

func TestHelperFutureAwaited(t *testing.T) {
	errc := startServer(t)
	if err := <-errc; err != nil {
		t.Fatal(err)
	}
}

func TestHelperFutureDropped(t *testing.T) {
	startServer(t) // want `result of startServer is discarded; its goroutine blocks forever`
}

type stream struct{}

func (stream) Write(p []byte) (int, error) { return len(p), nil }

func openStream(i int) (stream, error) { return stream{}, nil }

// Silent: the peer returns its error early, skipping Wait, and the test
// that gets it fails; the writers left running are the least of its
// problems.
func TestPeerFailsTheTest(t *testing.T) {
	runPeer := func(n int) error {
		var wg sync.WaitGroup
		for i := 0; i < n; i++ {
			s, err := openStream(i)
			if err != nil {
				return err
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				s.Write(make([]byte, i))
			}()
		}
		wg.Wait()
		return nil
	}
	if err := runPeer(3); err != nil {
		t.Fatal(err)
	}
}

// Its twin returns early without an error: the test passes, with the
// writers still running.
func TestPeerSkipsWait(t *testing.T) {
	runPeer := func(n int) error {
		var wg sync.WaitGroup
		for i := 0; i < n; i++ {
			s, err := openStream(i)
			if err != nil {
				return nil
			}
			wg.Add(1) // want `wg.Add is not followed by wg.Wait on the path that returns at line 122; its goroutines outlive the function$`
			go func() {
				defer wg.Done()
				s.Write(make([]byte, i))
			}()
		}
		wg.Wait()
		return nil
	}
	if err := runPeer(3); err != nil {
		t.Fatal(err)
	}
}

func writeBoth(a, b stream, p []byte) error {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		b.Write(p)
	}()
	if _, err := a.Write(p); err != nil {
		return err
	}
	wg.Wait()
	return nil
}

// Silent: every caller fails the test on writeBoth's error.
func TestWriteBoth(t *testing.T) {
	if err := writeBoth(stream{}, stream{}, nil); err != nil {
		t.Fatal(err)
	}
}

func writeBothRetried(a, b stream, p []byte) error {
	var wg sync.WaitGroup
	wg.Add(1) // want `wg.Add is not followed by wg.Wait on the path that returns at line 167; its goroutines outlive the function$`
	go func() {
		defer wg.Done()
		b.Write(p)
	}()
	if _, err := a.Write(p); err != nil {
		return err
	}
	wg.Wait()
	return nil
}

// Its twin's caller retries on an error, so the test goes on, with a
// writer left behind per failed try.
func TestWriteBothRetried(t *testing.T) {
	for i := 0; i < 3; i++ {
		if err := writeBothRetried(stream{}, stream{}, nil); err == nil {
			return
		}
	}
	t.Fatal("no try succeeded")
}

var errNotAuthoritative = errors.New("not authoritative")

// transfer starts its producer only when it returns no error.
func transfer(zone string) (<-chan string, error) {
	if zone != "example.org" {
		return nil, errNotAuthoritative
	}
	ch := make(chan string)
	go func() { ch <- zone }()
	return ch, nil
}

// Silent: the test expects the error; on the path where transfer
// succeeds and starts its producer, the test fails.
func TestTransferNotAuthoritative(t *testing.T) {
	_, err := transfer("example.com")
	if err != errNotAuthoritative {
		t.Error(err)
	}
}

// Silent too with the nil test.
func TestTransferFails(t *testing.T) {
	_, err := transfer("example.com")
	if err == nil {
		t.Fatal("expected an error")
	}
}

// Its twin drops the stream on success, with the producer blocked.
func TestTransferDropped(t *testing.T) {
	_, err := transfer("example.org") // want `results 1 of transfer is discarded|result of transfer is discarded`
	if err != nil {
		t.Fatal(err)
	}
}
