// Several goroutines and straight-line receives.
package straight

import "errors"

func a() error { return nil }
func b() error { return errors.New("b") }

func firstError() error {
	errc := make(chan error)
	go func() { errc <- a() }()
	go func() { errc <- b() }()
	if err := <-errc; err != nil {
		return err // want `this return comes after receiving once from errc; one of the goroutines started at lines 11 and 12 blocks forever sending on errc; give errc a buffer of 2`
	}
	return <-errc
}

// The proxy shape: two copies, and a return after the first ends.
func proxy(copyUp, copyDown func() error) error {
	errc := make(chan error)
	go func() { errc <- copyUp() }()
	go func() { errc <- copyDown() }()
	return <-errc // want `one of the goroutines started at lines 22 and 23 blocks forever sending on errc; give errc a buffer of 2`
}

// --- clean twins: no diagnostics below ---

func bothReceived() error {
	errc := make(chan error)
	go func() { errc <- a() }()
	go func() { errc <- b() }()
	err1 := <-errc
	err2 := <-errc
	return errors.Join(err1, err2)
}

func bufferedForBoth() error {
	errc := make(chan error, 2)
	go func() { errc <- a() }()
	go func() { errc <- b() }()
	if err := <-errc; err != nil {
		return err
	}
	return <-errc
}

func proxyBuffered(copyUp, copyDown func() error) error {
	errc := make(chan error, 2)
	go func() { errc <- copyUp() }()
	go func() { errc <- copyDown() }()
	return <-errc
}

func oneGoroutine() error {
	errc := make(chan error)
	go func() { errc <- a() }()
	return <-errc
}
