package testonly

import (
	"context"
	"testing"
)

func TestFetch(t *testing.T) {
	ctx := context.Background()
	Fetch(ctx)
	go func() {
		t.Fatal(undefined)
	}()
	select {
	case v := <-Fetch(ctx):
		t.Log(v)
	case <-time.After(time.Second):
	}
}
