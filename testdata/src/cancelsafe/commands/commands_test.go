package commands

import (
	"context"
	"testing"
)

// A test that calls syncAll many times does not make the program run it
// more often: syncAll stays silent.
func TestSyncAll(t *testing.T) {
	for range 3 {
		_ = syncAll(context.Background())
	}
}
