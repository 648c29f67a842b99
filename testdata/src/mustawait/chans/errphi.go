package chans

import "errors"

type report struct{ name string }

func prepare(ok bool) error {
	if !ok {
		return errors.New("bad setup")
	}
	return nil
}

// startRun fails before it starts its goroutine: on the error path there
// is neither a channel nor a goroutine.
func startRun(ok bool) (chan *report, error) {
	if err := prepare(ok); err != nil {
		return nil, err
	}
	ch := make(chan *report)
	go func() {
		ch <- &report{name: "run"}
		close(ch)
	}()
	return ch, nil
}

func startBench(ok bool) (chan *report, error) { return startRun(ok) }

// Silent: err holds the error of whichever call ran, and its failure
// branch returns: that call started nothing.
func countReports(bench, ok bool) (int, error) {
	var err error
	var ch chan *report
	if bench {
		ch, err = startBench(ok)
	} else {
		ch, err = startRun(ok)
	}
	if err != nil {
		return 1, err
	}
	n := 0
	for range ch {
		n++
	}
	return n, nil
}

// The return after the error test leaves either call's goroutine behind.
func countUnlessSkipped(bench, ok, skip bool) (int, error) {
	var err error
	var ch chan *report
	if bench {
		ch, err = startBench(ok) // want `result of startBench is not received on the path that returns at line 63`
	} else {
		ch, err = startRun(ok) // want `result of startRun is not received on the path that returns at line 63`
	}
	if err != nil {
		return 1, err
	}
	if skip {
		return 0, nil
	}
	n := 0
	for range ch {
		n++
	}
	return n, nil
}
