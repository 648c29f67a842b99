package futures

type event struct{ err error }

// listen reports each failed event on the channel it returns, and closes
// it once the events end.
func listen(events <-chan event) <-chan error {
	done := make(chan error)
	go func() {
		defer close(done)
		for e := range events {
			if e.err != nil {
				done <- e.err
			}
		}
	}()
	return done
}

// waitAll only waits for listen to finish or fail first: it drops the
// value, so the close and the first error are the same signal to it.
func waitAll(events <-chan event, failed func() error) error {
	done := listen(events)
	<-done
	if err := failed(); err != nil {
		return err
	}
	return nil
}

// The twin takes one error as the stream's value and returns with it,
// while later errors have nowhere to go.
func firstError(events <-chan event) error {
	errs := listen(events)
	err := <-errs
	return err // want `^this return comes after receiving once from its result channel; the goroutine started by listen blocks forever sending on its result channel`
}
