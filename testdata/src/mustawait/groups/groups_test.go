package groups

import (
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

func TestSkippedWait(t *testing.T) {
	var wg sync.WaitGroup
	wg.Add(1) // want `wg.Add is not followed by wg.Wait`
	go func() { defer wg.Done() }()
	if testing.Short() {
		return
	}
	wg.Wait()
}
