package stranded

import (
	"context"
	"time"
)

func purge() {}

// Each tick starts a relay goroutine that hands the request back to the
// loop. When ctx is done first, the relays not yet received block, and
// no buffer size is known to hold them: they must give up on ctx.
func operate(ctx context.Context, tick <-chan time.Time) {
	requests := make(chan bool)
	for {
		select {
		case <-ctx.Done(): // want `^when ctx is done first, the goroutines started at line 20 block forever sending on requests; no buffer is known to hold all their sends: let them give up, with a select on ctx.Done\(\) at the send$`
			return
		case <-tick:
			go func() { requests <- true }()
		case <-requests:
			purge()
		}
	}
}

// Twin: the relay gives up on ctx.
func operateRelayGivesUp(ctx context.Context, tick <-chan time.Time) {
	requests := make(chan bool)
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick:
			go func() {
				select {
				case requests <- true:
				case <-ctx.Done():
				}
			}()
		case <-requests:
			purge()
		}
	}
}
