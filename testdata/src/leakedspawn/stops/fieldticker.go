package stops

import (
	"sync"
	"time"
)

// Flusher flushes from a goroutine its first Write starts. Close stops
// the ticker as if that ended the goroutine, but Stop does not close C.
type Flusher struct {
	once   sync.Once
	ticker *time.Ticker
	mu     sync.Mutex
	n      int
}

func (f *Flusher) Write() {
	f.once.Do(f.start)
	f.mu.Lock()
	f.n++
	f.mu.Unlock()
}

func (f *Flusher) start() {
	f.ticker = time.NewTicker(time.Minute)
	go func() { // want `^goroutine waits on ticker.C, which Close stops; Stop does not close C, so the goroutine never exits$`
		for range f.ticker.C {
			f.mu.Lock()
			f.n = 0
			f.mu.Unlock()
		}
	}()
}

func (f *Flusher) Close() {
	if f.ticker != nil {
		f.ticker.Stop()
	}
}

// A method as the goroutine's body, with a plain receive in its loop.
type Poller struct {
	tick  *time.Ticker
	polls int
}

func NewPoller() *Poller {
	p := &Poller{tick: time.NewTicker(time.Second)}
	go p.loop() // want `^goroutine waits on tick.C, which Stop stops; Stop does not close C, so the goroutine never exits$`
	return p
}

func (p *Poller) loop() {
	for {
		<-p.tick.C
		p.polls++
	}
}

func (p *Poller) Stop() { p.tick.Stop() }

// The twin that ends: Close also closes done, which the loop selects on.
type CleanFlusher struct {
	ticker *time.Ticker
	done   chan struct{}
	n      int
}

func NewCleanFlusher() *CleanFlusher {
	f := &CleanFlusher{ticker: time.NewTicker(time.Minute), done: make(chan struct{})}
	go func() {
		for {
			select {
			case <-f.ticker.C:
				f.n++
			case <-f.done:
				return
			}
		}
	}()
	return f
}

func (f *CleanFlusher) Close() {
	f.ticker.Stop()
	close(f.done)
}

// A goroutine that stops its own ticker once its loop is over: nothing
// else stops it, so Stop is no promise that the range ends.
type Sampler struct {
	t    *time.Ticker
	seen int
}

func (s *Sampler) Run(limit int) {
	go func() {
		defer s.t.Stop()
		for range s.t.C {
			s.seen++
			if s.seen == limit {
				return
			}
		}
	}()
}

// A ticker nobody stops: a heartbeat meant to tick for the process's
// life, which only -strict judges.
type Heartbeat struct {
	t     *time.Ticker
	beats int
}

func (h *Heartbeat) Start() {
	h.t = time.NewTicker(time.Second)
	go func() {
		for range h.t.C {
			h.beats++
		}
	}()
}

// Pause stops the ticker and Resume resets it: the goroutine is meant to
// wait through the pause, not to end.
type Pausable struct {
	t     *time.Ticker
	ticks int
}

func NewPausable() *Pausable {
	p := &Pausable{t: time.NewTicker(time.Second)}
	go func() {
		for range p.t.C {
			p.ticks++
		}
	}()
	return p
}

func (p *Pausable) Pause()  { p.t.Stop() }
func (p *Pausable) Resume() { p.t.Reset(time.Second) }

// A goroutine that waits for its session's timer to expire: Cancel stops
// the timer, which then never fires, and the goroutine waits for good.
type Session struct {
	expiry  *time.Timer
	expired bool
}

func NewSession(ttl time.Duration) *Session {
	s := &Session{expiry: time.NewTimer(ttl)}
	go func() { // want `^goroutine waits on expiry.C, which Cancel stops; a stopped timer never fires, so the goroutine never exits$`
		<-s.expiry.C
		s.expired = true
	}()
	return s
}

func (s *Session) Cancel() { s.expiry.Stop() }

// The twin selects on a done channel that Cancel also closes.
type CleanSession struct {
	expiry *time.Timer
	done   chan struct{}
}

func NewCleanSession(ttl time.Duration) *CleanSession {
	s := &CleanSession{expiry: time.NewTimer(ttl), done: make(chan struct{})}
	go func() {
		select {
		case <-s.expiry.C:
		case <-s.done:
		}
	}()
	return s
}

func (s *CleanSession) Cancel() {
	s.expiry.Stop()
	close(s.done)
}

// The ticker is stopped only by shutdown, which the goroutine itself calls
// once its loop is over: that Stop ends nothing it waits on.
type Janitor struct {
	t      *time.Ticker
	sweeps int
}

func NewJanitor() *Janitor {
	j := &Janitor{t: time.NewTicker(time.Minute)}
	go j.run()
	return j
}

func (j *Janitor) run() {
	for range j.t.C {
		j.sweeps++
		if j.sweeps > 10 {
			j.shutdown()
			return
		}
	}
}

func (j *Janitor) shutdown() { j.t.Stop() }
