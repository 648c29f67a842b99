package straight

import "errors"

var errBadInput = errors.New("bad input")

// Three returns before the receive strand the same goroutine: one bug,
// reported once at the first, naming the other two.
func validateThenWait(a, b, c bool) (int, error) {
	ch := make(chan int)
	go func() { ch <- 42 }()
	if a {
		return 0, errBadInput // want `^this return comes before any receive from ch; the goroutine started at line 11 blocks forever sending on ch; give ch a buffer of 1 \(the same at lines 16 and 19\)$`
	}
	if b {
		return 0, errBadInput
	}
	if c {
		return 0, errBadInput
	}
	return <-ch, nil
}

// Twin: two goroutines on two channels, each stranded by its own return:
// two bugs, two findings.
func twoStages(a, b bool) (int, error) {
	first := make(chan int)
	go func() { first <- 1 }()
	if a {
		return 0, errBadInput // want `^this return comes before any receive from first; the goroutine started at line 28 blocks forever sending on first; give first a buffer of 1$`
	}
	x := <-first
	second := make(chan int)
	go func() { second <- 2 }()
	if b {
		return 0, errBadInput // want `^this return comes before any receive from second; the goroutine started at line 34 blocks forever sending on second; give second a buffer of 1$`
	}
	return x + <-second, nil
}
