package stranded

// One closure started at two go statements: both goroutines send, and
// the first error returns before the other is received.
func dialBothWays(first, second func() error) error {
	errs := make(chan error)
	dial := func(try func() error) { errs <- try() }
	go dial(first)
	go dial(second)
	for range 2 {
		if err := <-errs; err != nil {
			return err // want `^this return leaves the loop receiving from errs early; the goroutines started at lines 8 and 9 that have not sent yet block forever sending on errs; give errs a buffer of 2$`
		}
	}
	return nil
}

// Twin: both answers are received before any return.
func dialBothWaysJoined(first, second func() error) error {
	errs := make(chan error)
	dial := func(try func() error) { errs <- try() }
	go dial(first)
	go dial(second)
	err1, err2 := <-errs, <-errs
	if err1 != nil {
		return err1
	}
	return err2
}
