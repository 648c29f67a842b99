package straight

import (
	"errors"

	"cancelsafe/lib"
)

// collector hands out a channel that its stop closes, as a build's
// error collector does.
type collector struct{ errs chan error }

func (c *collector) start() chan error {
	c.errs = make(chan error, 10)
	return c.errs
}

func (c *collector) stop() { close(c.errs) }

func step() error { return errors.New("step failed") }

func join(errs []error) error { return errors.Join(errs...) }

// The early return skips stop: the goroutine is still ranging over
// from, and a buffer on out would not free it.
func buildSkipsStop(c *collector) error {
	from := c.start()
	out := make(chan error)
	go func() {
		var all []error
		for err := range from {
			all = append(all, err)
		}
		out <- join(all)
	}()
	if err := step(); err != nil {
		return err // want `^this return comes before any receive from out; the goroutine started at line 29 blocks forever sending on out, or before that ranging over from, which this function does not close; see that from is closed on this path too, then give out a buffer of 1$`
	}
	c.stop()
	return <-out
}

// Twin: stop on every path and room for the result; nothing is left.
func buildStopsFirst(c *collector) error {
	from := c.start()
	out := make(chan error, 1)
	go func() {
		var all []error
		for err := range from {
			all = append(all, err)
		}
		out <- join(all)
	}()
	if err := step(); err != nil {
		c.stop()
		return err
	}
	c.stop()
	return <-out
}

// Twin: the function closes the channel the goroutine ranges over
// before it can return early, so only the result send is left, and a
// buffer is the fix.
func sumThenCheck(items []int) (int, error) {
	in := make(chan int)
	out := make(chan int)
	go func() {
		total := 0
		for v := range in {
			total += v
		}
		out <- total
	}()
	for _, it := range items {
		in <- it
	}
	close(in)
	if err := step(); err != nil {
		return 0, err // want `^this return comes before any receive from out; the goroutine started at line 68 blocks forever sending on out; give out a buffer of 1$`
	}
	return <-out, nil
}

// A goroutine that takes one value from a helper's channel before it
// answers.
func (c *collector) next() chan error { return c.errs }

func firstOf(c *collector) error {
	first := c.next()
	out := make(chan error)
	go func(in chan error) {
		out <- <-in
	}(first)
	if err := step(); err != nil {
		return err // want `or before that receiving from first, which this function neither sends on nor closes; see that first is sent on or closed on this path too, then give out a buffer of 1$`
	}
	return <-out
}

// The same, with the collector of another package: only its missing
// summary says that Start starts nothing.
func buildWithLib(c *lib.Collector) error {
	from := c.Start()
	out := make(chan error)
	go func() {
		var all []error
		for err := range from {
			all = append(all, err)
		}
		out <- join(all)
	}()
	if err := step(); err != nil {
		return err // want `or before that ranging over from, which this function does not close; see that from is closed on this path too, then give out a buffer of 1$`
	}
	c.Stop()
	return <-out
}

// Twin: a channel that lib.Watch's goroutine closes by itself; the
// buffer is the whole fix.
func watchThenCheck() error {
	events := lib.Watch(3)
	out := make(chan error)
	go func() {
		var all []error
		for err := range events {
			all = append(all, err)
		}
		out <- join(all)
	}()
	if err := step(); err != nil {
		return err // want `^this return comes before any receive from out; the goroutine started at line 125 blocks forever sending on out; give out a buffer of 1$`
	}
	return <-out
}
