package tests

import (
	"sync"
	"testing"
	"time"
)

func TestLogsLater(t *testing.T) {
	go func() { // want `goroutine uses t after TestLogsLater returns and nothing joins it; t.Log or t.Error after the test completes panics`
		for {
			time.Sleep(10 * time.Millisecond)
			t.Log("still publishing")
		}
	}()
}

func startServer(t *testing.T) {
	go func() { // want `goroutine uses t after startServer returns and nothing joins it`
		for {
			if err := serve(); err != nil {
				t.Error(err)
			}
		}
	}()
}

func TestWithHelper(t *testing.T) {
	startServer(t)
}

func BenchmarkReports(b *testing.B) {
	go check(b) // want `goroutine uses b after BenchmarkReports returns`
}

func check(tb testing.TB) {
	tb.Helper()
	for {
		tb.Log("checked")
	}
}

// Clean twins.

func TestJoined(t *testing.T) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t.Log("done")
	}()
	wg.Wait()
}

func TestJoinedInCleanup(t *testing.T) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t.Log("done")
	}()
	t.Cleanup(wg.Wait)
}

func TestResultChannel(t *testing.T) {
	errc := make(chan error, 1)
	go func() { errc <- serve() }()
	if err := <-errc; err != nil {
		t.Fatal(err)
	}
}

func TestJoinedOrFatal(t *testing.T) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		t.Log("working")
	}()
	select {
	case <-done:
	case <-time.After(time.Second):
		t.Fatal("timeout")
	}
}

func TestNameOnly(t *testing.T) {
	name := t.Name()
	go func() { _ = name }()
}

// A goroutine that finishes is usually waited for through its effect,
// which the CFG cannot see: only -strict reports these.
func TestCountedPublisher(t *testing.T) {
	go func() {
		for i := 0; i < 100; i++ {
			time.Sleep(10 * time.Millisecond)
			t.Log("published", i)
		}
	}()
}

// A single late use races with the end of the test, which usually waits
// for the goroutine's effect: only -strict reports it.
func TestSingleLateUse(t *testing.T) {
	go func() {
		time.Sleep(time.Millisecond)
		if err := serve(); err != nil {
			t.Error(err)
		}
	}()
}

func TestStopsWithTheTest(t *testing.T) {
	ctx := t.Context()
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case <-time.After(time.Millisecond):
				t.Log("tick")
			}
		}
	}()
}

// watchDone's goroutine waits for done to be closed.
func watchDone(done chan struct{}) {
	go func() { <-done }()
}

func TestHelperNeverStopped(t *testing.T) {
	done := make(chan struct{})
	watchDone(done) // want `goroutine started by watchDone receives from done, which nobody sends on or closes; it blocks forever`
}

// Code after t.Skip does not run: nothing there is a finding.
func TestSkipped(t *testing.T) {
	t.Skip("needs adjusting")
	done := make(chan struct{})
	watchDone(done)
}

func TestFatalFirst(t *testing.T) {
	t.Fatalf("not ported")
	go func() {
		for {
			t.Log("tick")
		}
	}()
}
