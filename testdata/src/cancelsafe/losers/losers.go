package losers

import "errors"

func serveA() error { return errors.New("a stopped") }
func serveB() error { return errors.New("b stopped") }

// Two servers race; whichever stops first wins and the other's goroutine
// is left blocked on its unbuffered channel.
func serveBoth() error {
	aErr := make(chan error)
	bErr := make(chan error)
	go func() {
		aErr <- serveA()
	}()
	go func() {
		bErr <- serveB()
	}()
	select {
	case err := <-aErr: // want `when aErr is ready first, the goroutine started at line 16 blocks forever sending on bErr`
		return err
	case err := <-bErr: // want `when bErr is ready first, the goroutine started at line 13 blocks forever sending on aErr`
		return err
	}
}

// A done channel closed by one worker races another worker's result.
func doneOrErr() error {
	done := make(chan struct{})
	errs := make(chan error)
	go func() {
		defer close(done)
		serveA()
	}()
	go func() { errs <- serveB() }()
	select {
	case <-done: // want `when done is ready first, the goroutine started at line 35 blocks forever sending on errs`
		return nil
	case err := <-errs:
		return err
	}
}

// Two futures raced: the loser's goroutine blocks.
func start(f func() error) <-chan error {
	ch := make(chan error)
	go func() { ch <- f() }()
	return ch
}

func firstFuture() error {
	a := start(serveA)
	b := start(serveB)
	select {
	case err := <-a: // want `when a is ready first, the goroutine started by start blocks forever sending on its result channel`
		return err
	case err := <-b: // want `when b is ready first, the goroutine started by start blocks forever sending on its result channel`
		return err
	}
}

// Silent: one goroutine feeds both channels and sends on only one.
func oneFeedsBoth() error {
	res := make(chan int)
	errs := make(chan error)
	go func() {
		if err := serveA(); err != nil {
			errs <- err
			return
		}
		res <- 1
	}()
	select {
	case <-res:
		return nil
	case err := <-errs:
		return err
	}
}

// Silent: the loop takes both results before it returns.
func both() error {
	aErr := make(chan error)
	bErr := make(chan error)
	go func() { aErr <- serveA() }()
	go func() { bErr <- serveB() }()
	var first error
	for range 2 {
		select {
		case err := <-aErr:
			first = errors.Join(first, err)
		case err := <-bErr:
			first = errors.Join(first, err)
		}
	}
	return first
}

// Silent: each channel has room for its one send.
func buffered() error {
	aErr := make(chan error, 1)
	bErr := make(chan error, 1)
	go func() { aErr <- serveA() }()
	go func() { bErr <- serveB() }()
	select {
	case err := <-aErr:
		return err
	case err := <-bErr:
		return err
	}
}

// Silent: the winner's case waits for the loser too.
func drainLoser() error {
	aErr := make(chan error)
	bErr := make(chan error)
	go func() { aErr <- serveA() }()
	go func() { bErr <- serveB() }()
	select {
	case err := <-aErr:
		<-bErr
		return err
	case err := <-bErr:
		<-aErr
		return err
	}
}
