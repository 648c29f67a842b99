// Package lib starts goroutines that package futures waits on; only the
// shared pass's facts tell futures what they do.
package lib

import (
	"context"
	"errors"
)

// Fetch returns a future: its goroutine blocks until someone receives.
func Fetch(ctx context.Context, key string) <-chan string {
	ch := make(chan string)
	go func() { ch <- key }()
	return ch
}

// FetchBuffered's goroutine never blocks.
func FetchBuffered(ctx context.Context, key string) <-chan string {
	ch := make(chan string, 1)
	go func() { ch <- key }()
	return ch
}

// FetchGuarded's goroutine gives up when ctx is done.
func FetchGuarded(ctx context.Context, key string) <-chan string {
	ch := make(chan string)
	go func() {
		select {
		case ch <- key:
		case <-ctx.Done():
		}
	}()
	return ch
}

// Produce sends one value on ch, with no way out.
func Produce(ch chan<- string) { ch <- "v" }

// Hand lets ch go where nobody can see: whoever gets it may receive from
// it. Callers assume that of a function with no fact, so Hand has none.
var handed []chan string

func Hand(ch chan string) { handed = append(handed, ch) }

// Offer sends one value on ch unless ctx is done first.
func Offer(ctx context.Context, ch chan<- string) {
	select {
	case ch <- "v":
	case <-ctx.Done():
	}
}

// StartWorker starts a goroutine that sends its result on ch.
func StartWorker(ch chan<- string) {
	go func() { ch <- "done" }()
}

// NewReply makes an unbuffered channel for its caller.
func NewReply() chan error { return make(chan error) }

// NewReplyBuffered makes a channel with room for one reply.
func NewReplyBuffered() chan error { return make(chan error, 1) }

// OpenReply makes a channel, or fails.
func OpenReply(ok bool) (chan error, error) {
	if !ok {
		return nil, errors.New("closed")
	}
	ch := make(chan error)
	return ch, nil
}

// Lines streams values until the reader ends, then closes the channel.
func Lines(src []string) <-chan string {
	ch := make(chan string)
	go func() {
		defer close(ch)
		for _, l := range src {
			ch <- l
		}
	}()
	return ch
}

// LinesCtx gives up its send when ctx is done.
func LinesCtx(ctx context.Context, src []string) <-chan string {
	ch := make(chan string)
	go func() {
		defer close(ch)
		for _, l := range src {
			select {
			case ch <- l:
			case <-ctx.Done():
				return
			}
		}
	}()
	return ch
}

// FetchEach starts one goroutine per key, each sending its result.
func FetchEach(keys []string) <-chan error {
	ch := make(chan error)
	for _, k := range keys {
		go func() {
			if k == "" {
				ch <- errors.New("empty key")
				return
			}
			ch <- nil
		}()
	}
	return ch
}

// Report sends an error when the first step fails and then, having no
// return there, its result as well: two sends on one path.
func Report(ch chan<- error, first, second func() error) {
	if err := first(); err != nil {
		ch <- err
	}
	ch <- second()
}

// ReportOnce sends exactly one value.
func ReportOnce(ch chan<- error, first func() error) {
	ch <- first()
}

// Collector hands out a channel that its Stop closes; it starts nothing.
type Collector struct{ errs chan error }

func (c *Collector) Start() chan error {
	c.errs = make(chan error, 10)
	return c.errs
}

func (c *Collector) Stop() { close(c.errs) }

// Watch returns a channel its goroutine feeds and closes.
func Watch(n int) chan error {
	ch := make(chan error)
	go func() {
		for range n {
			ch <- errors.New("event")
		}
		close(ch)
	}()
	return ch
}
