package strict

import (
	"testing"
	"time"
)

func TestCountedPublisher(t *testing.T) {
	go func() { // want `goroutine uses t after TestCountedPublisher returns and nothing joins it`
		for i := 0; i < 100; i++ {
			time.Sleep(10 * time.Millisecond)
			t.Log("published", i)
		}
	}()
}
