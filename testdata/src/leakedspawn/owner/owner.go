package owner

import (
	"context"
	"sync"
)

type request struct {
	key   string
	reply chan string
}

// A cache served by one loop goroutine, which leaves when Close closes
// done. A Get after that blocks forever on its send.
type Cache struct {
	reqs chan request
	done chan struct{}
}

func NewCache() *Cache {
	c := &Cache{reqs: make(chan request), done: make(chan struct{})}
	go c.run()
	return c
}

func (c *Cache) run() {
	m := map[string]string{}
	for {
		select {
		case r := <-c.reqs:
			r.reply <- m[r.key]
		case <-c.done:
			return
		}
	}
}

func (c *Cache) Close() { close(c.done) }

func (c *Cache) Get(key string) string {
	r := request{key, make(chan string, 1)}
	c.reqs <- r // want `^send on c.reqs blocks forever once the loop in Cache.run has left on <-c.done; select on <-c.done here as well$`
	return <-r.reply
}

// The twin selects on done around its send.
func (c *Cache) Lookup(key string) (string, bool) {
	r := request{key, make(chan string, 1)}
	select {
	case c.reqs <- r:
	case <-c.done:
		return "", false
	}
	return <-r.reply, true
}

// A loop that leaves when its context is done, kept in a field.
type Queue struct {
	ctx  context.Context
	jobs chan func()
}

func NewQueue(ctx context.Context) *Queue {
	q := &Queue{ctx: ctx, jobs: make(chan func())}
	go func() {
		for {
			select {
			case j := <-q.jobs:
				j()
			case <-q.ctx.Done():
				return
			}
		}
	}()
	return q
}

func (q *Queue) Push(j func()) {
	q.jobs <- j // want `^send on q.jobs blocks forever once the loop started at line 65 has left on <-q.ctx.Done\(\); select on <-q.ctx.Done\(\) here as well$`
}

// The twin's loop only ends when the channel is closed, and Stop closes
// it: the send is never stranded by an exit.
type Pool struct{ work chan func() }

func NewPool() *Pool {
	p := &Pool{work: make(chan func())}
	go func() {
		for w := range p.work {
			w()
		}
	}()
	return p
}

func (p *Pool) Submit(w func()) { p.work <- w }

// A stop case that does not leave the loop serves on: the send is fine.
type Ticker struct {
	in    chan int
	pause chan struct{}
}

func NewTicker() *Ticker {
	t := &Ticker{in: make(chan int), pause: make(chan struct{})}
	go t.loop()
	return t
}

func (t *Ticker) loop() {
	paused := false
	for {
		select {
		case v := <-t.in:
			if !paused {
				_ = v
			}
		case <-t.pause:
			paused = !paused
		}
	}
}

func (t *Ticker) Add(v int) { t.in <- v }

// A sender that checks a closed flag under the lock Close takes.
type Guarded struct {
	mu     sync.Mutex
	closed bool
	in     chan int
	done   chan struct{}
}

func NewGuarded() *Guarded {
	g := &Guarded{in: make(chan int), done: make(chan struct{})}
	go func() {
		for {
			select {
			case <-g.in:
			case <-g.done:
				return
			}
		}
	}()
	return g
}

func (g *Guarded) Put(v int) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.closed {
		return
	}
	g.in <- v
}

func (g *Guarded) Close() {
	g.mu.Lock()
	g.closed = true
	close(g.done)
	g.mu.Unlock()
}

// A buffered request channel: silent (a send after the exit blocks
// only once the buffer is full).
type Buffered struct {
	in   chan int
	done chan struct{}
}

func NewBuffered() *Buffered {
	b := &Buffered{in: make(chan int, 16), done: make(chan struct{})}
	go func() {
		for {
			select {
			case <-b.in:
			case <-b.done:
				return
			}
		}
	}()
	return b
}

func (b *Buffered) Put(v int) { b.in <- v }

// A stop channel nobody closes: the loop never leaves, and the send is
// always served.
type Forever struct {
	in   chan int
	stop chan struct{}
}

func NewForever() *Forever {
	f := &Forever{in: make(chan int), stop: make(chan struct{})}
	go func() {
		for {
			select {
			case <-f.in:
			case <-f.stop:
				return
			}
		}
	}()
	return f
}

func (f *Forever) Put(v int) { f.in <- v }

// Stop sends the stop rather than closing it: a sender that selected on
// it could take it from the loop, so the advice is a done channel.
type Sent struct {
	in   chan int
	stop chan struct{}
}

func NewSent() *Sent {
	s := &Sent{in: make(chan int), stop: make(chan struct{})}
	go s.loop()
	return s
}

func (s *Sent) loop() {
	for {
		select {
		case <-s.in:
		case <-s.stop:
			return
		}
	}
}

func (s *Sent) Stop() { s.stop <- struct{}{} }

func (s *Sent) Put(v int) {
	s.in <- v // want `^send on s.in blocks forever once the loop in Sent.loop has left on its stop signal; have the loop close a done channel as it leaves, and select on that here as well$`
}

// An unexported helper runs while the loop serves, as its callers know.
func (s *Sent) put(v int) { s.in <- v }

var _ = (*Sent).put

// A task loop whose Run gives up only on the caller's context: after
// Close, a Run with a background context waits for good.
type TaskLoop struct {
	tasks chan func()
	done  chan struct{}
}

func NewTaskLoop() *TaskLoop {
	l := &TaskLoop{tasks: make(chan func()), done: make(chan struct{})}
	go func() {
		for {
			select {
			case t := <-l.tasks:
				t()
			case <-l.done:
				return
			}
		}
	}()
	return l
}

func (l *TaskLoop) Close() { close(l.done) }

func (l *TaskLoop) Run(ctx context.Context, t func()) error {
	select {
	case l.tasks <- t: // want `^send on l.tasks waits until ctx is done once the loop started at line 253 has left on <-l.done, forever if nobody cancels it; add case <-l.done to this select$`
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// The twin also gives up when the loop has left.
func (l *TaskLoop) TryRun(ctx context.Context, t func()) error {
	select {
	case l.tasks <- t:
		return nil
	case <-l.done:
		return context.Canceled
	case <-ctx.Done():
		return ctx.Err()
	}
}

// An unexported type behind an exported interface: its exported method
// is API all the same.
type Node interface{ Status() int }

type node struct {
	status chan chan int
	stop   chan struct{}
}

func StartNode() Node {
	n := &node{status: make(chan chan int), stop: make(chan struct{})}
	go n.run()
	return n
}

func (n *node) run() {
	for {
		select {
		case c := <-n.status:
			c <- 0
		case <-n.stop:
			return
		}
	}
}

func (n *node) Stop() { close(n.stop) }

func (n *node) Status() int {
	c := make(chan int, 1)
	n.status <- c // want `^send on n.status blocks forever once the loop in node.run has left on <-n.stop; select on <-n.stop here as well$`
	return <-c
}

// A receiver that a literal shares is named as written.
func (c *Cache) GetAll(keys []string) []string {
	var out []string
	for _, k := range keys {
		r := request{k, make(chan string, 1)}
		c.reqs <- r // want `^send on c.reqs blocks forever`
		out = append(out, <-r.reply)
	}
	defer func() { _ = c }()
	return out
}
