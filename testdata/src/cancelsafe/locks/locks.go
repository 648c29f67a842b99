// A stranded goroutine that holds a lock: everything else that needs
// the lock deadlocks.
package locks

import (
	"context"
	"sync"
)

type cache struct {
	mu   sync.Mutex
	data map[string]int
}

func (c *cache) refresh(ctx context.Context) (int, error) {
	ch := make(chan int)
	go func() {
		c.mu.Lock()
		defer c.mu.Unlock()
		ch <- len(c.data)
	}()
	select {
	case n := <-ch:
		return n, nil
	case <-ctx.Done(): // want `when ctx is done first, the goroutine started at line 17 blocks forever sending on ch while holding c.mu; give ch a buffer of 1`
		return 0, ctx.Err()
	}
}

func (c *cache) readLocked(ctx context.Context, mu *sync.RWMutex) (int, error) {
	ch := make(chan int)
	go func() {
		mu.RLock()
		ch <- len(c.data)
		mu.RUnlock()
	}()
	select {
	case n := <-ch:
		return n, nil
	case <-ctx.Done(): // want `sending on ch while holding mu; give ch a buffer of 1`
		return 0, ctx.Err()
	}
}

// The lock is released before the send: only the goroutine is stranded.
func (c *cache) unlockedFirst(ctx context.Context) (int, error) {
	ch := make(chan int)
	go func() {
		c.mu.Lock()
		n := len(c.data)
		c.mu.Unlock()
		ch <- n
	}()
	select {
	case n := <-ch:
		return n, nil
	case <-ctx.Done(): // want `when ctx is done first, the goroutine started at line 48 blocks forever sending on ch; give ch a buffer of 1`
		return 0, ctx.Err()
	}
}

// --- clean twins: no diagnostics below ---

func (c *cache) bufferedLocked(ctx context.Context) (int, error) {
	ch := make(chan int, 1)
	go func() {
		c.mu.Lock()
		defer c.mu.Unlock()
		ch <- len(c.data)
	}()
	select {
	case n := <-ch:
		return n, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}
