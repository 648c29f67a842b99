// Helpers that run a func argument in a goroutine: one always does, one
// only when a client is registered. Bad shapes first, then their clean
// twins.
package helperspawn

import (
	"sync"
	"time"
)

// runAsync always starts f.
func runAsync(f func()) { go f() }

func probeAsync() bool {
	ch := make(chan struct{})
	runAsync(func() { ch <- struct{}{} })
	select {
	case <-ch:
		return true
	case <-time.After(25 * time.Millisecond): // want `when the timeout fires first, the goroutine started at line 16 blocks forever sending on ch; give ch a buffer of 1`
		return false
	}
}

type client struct {
	mu        sync.Mutex
	heartbeat *time.Timer
}

type registry struct {
	mu      sync.RWMutex
	clients map[string]*client
}

// setHeartbeat schedules f only for a registered client, and keeps the
// timer so that the client's removal can stop it.
func (r *registry) setHeartbeat(id string, every time.Duration, f func()) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	c := r.clients[id]
	if c == nil {
		return
	}
	c.mu.Lock()
	if c.heartbeat == nil {
		c.heartbeat = time.AfterFunc(every, f)
	}
	c.mu.Unlock()
}

// Silent: setHeartbeat may start nothing (an unknown client), and its
// summary does not say it always starts the callback; nothing on this
// path shows that it did.
func probeHeartbeat(r *registry) bool {
	fired := make(chan struct{})
	r.setHeartbeat("me", time.Millisecond, func() { fired <- struct{}{} })
	select {
	case <-fired:
		return true
	case <-time.After(25 * time.Millisecond):
		return false
	}
}
