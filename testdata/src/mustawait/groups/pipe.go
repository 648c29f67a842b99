package groups

import (
	"bytes"
	"io"
	"net/http"
	"sync"
)

// Silent: RoundTrip closes the request's body, the pipe's reader, on
// every path, so the writer's Write fails and it ends.
func sendPiped(rt http.RoundTripper, req *http.Request, p []byte) (*http.Response, error) {
	pr, pw := io.Pipe()
	req.Body = pr
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		pw.Write(p)
		wg.Done()
	}()
	resp, err := rt.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	wg.Wait()
	return resp, nil
}

// Silent too: the early return closes the reader itself.
func copyPiped(dst io.Writer, p []byte) error {
	pr, pw := io.Pipe()
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		pw.Write(p)
		pw.Close()
		wg.Done()
	}()
	if _, err := io.CopyN(dst, pr, 1); err != nil {
		pr.Close()
		return err
	}
	wg.Wait()
	return nil
}

// Its twin sends another body: nobody reads or closes the pipe, and the
// writer blocks in Write for good.
func sendUnpiped(rt http.RoundTripper, req *http.Request, p []byte) (*http.Response, error) {
	pr, pw := io.Pipe()
	req.Body = io.NopCloser(bytes.NewReader(p))
	var wg sync.WaitGroup
	wg.Add(1) // want `wg.Add is not followed by wg.Wait on the path that returns at line 60; its goroutines outlive the function$`
	go func() {
		pw.Write(p)
		wg.Done()
	}()
	resp, err := rt.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	wg.Wait()
	_ = pr
	return resp, nil
}

// Silent: the same from a closure, where each use of req loads the
// captured variable again.
func sendPipedLater(rt http.RoundTripper, req *http.Request) func(p []byte) (*http.Response, error) {
	return func(p []byte) (*http.Response, error) {
		pr, pw := io.Pipe()
		req.Body = pr
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			pw.Write(p)
			wg.Done()
		}()
		resp, err := rt.RoundTrip(req)
		if err != nil {
			return nil, err
		}
		wg.Wait()
		return resp, nil
	}
}
