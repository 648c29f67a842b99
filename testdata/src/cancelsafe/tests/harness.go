package tests

import (
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// harness is an integration-test driver that wraps a testing.T.
type harness struct{ require.TestingT }

type updates interface{ Recv() (int, error) }

// Silent: the timeout fails the test through testify, as t.Fatal would.
func (h *harness) receiveUpdate(s updates) int {
	got := make(chan int)
	go func() {
		v, _ := s.Recv()
		got <- v
	}()
	select {
	case <-time.After(time.Second):
		require.Fail(h, "timeout receiving an update")
		return 0
	case v := <-got:
		return v
	}
}

// Silent as well with assert.Fail, which marks the test failed.
func (h *harness) receiveUpdateAssert(s updates) int {
	got := make(chan int)
	go func() {
		v, _ := s.Recv()
		got <- v
	}()
	select {
	case <-time.After(time.Second):
		assert.Fail(h, "timeout receiving an update")
		return 0
	case v := <-got:
		return v
	}
}

// Its twin only logs the timeout: the test goes on, with the receiver
// stranded.
func (h *harness) receiveUpdateOrZero(s updates) int {
	got := make(chan int)
	go func() {
		v, _ := s.Recv()
		got <- v
	}()
	select {
	case <-time.After(time.Second): // want `when the timeout fires first, the goroutine started at line 51 blocks forever sending on got; give got a buffer of 1`
		return 0
	case v := <-got:
		return v
	}
}
