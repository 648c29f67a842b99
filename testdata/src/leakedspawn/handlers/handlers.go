package handlers

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"sync"
)

type server struct{ log func(string) }

// The response writer outlives the handler: risky cases first.
func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	go func() { // want `goroutine uses w after ServeHTTP returns; the response is already finished`
		fmt.Fprintln(w, "accepted")
	}()
}

func streamBody(w http.ResponseWriter, r *http.Request) {
	go func() { // want `goroutine reads r's body or context after streamBody returns; the server has closed the body and canceled the context`
		data, _ := io.ReadAll(r.Body)
		_ = data
	}()
	w.WriteHeader(http.StatusAccepted)
}

func formLater(w http.ResponseWriter, r *http.Request) {
	go func() { // want `goroutine reads r's body or context after formLater returns`
		_ = r.FormValue("name")
	}()
}

func audit(ctx context.Context, path string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, "http://audit.invalid"+path, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func auditLater(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	go func() { // want `goroutine passes the request's context to audit after auditLater returns; the server cancels it then, so the work fails`
		_ = audit(ctx, r.URL.Path)
	}()
	w.WriteHeader(http.StatusNoContent)
}

func auditDerived(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithCancel(r.Context())
	_ = cancel
	go audit(ctx, "/x") // want `goroutine passes the request's context to audit`
}

func writeLater(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusOK) }

func literalHandler() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		go writeLater(w, r) // want `goroutine uses w after the function literal returns`
	}
}

// Clean twins.

func (s *server) joined(w http.ResponseWriter, r *http.Request) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		fmt.Fprintln(w, "accepted")
	}()
	wg.Wait()
}

func joinedByChannel(w http.ResponseWriter, r *http.Request) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		io.Copy(w, r.Body)
	}()
	<-done
}

func copiedFirst(w http.ResponseWriter, r *http.Request) {
	path := r.URL.Path
	body, _ := io.ReadAll(r.Body)
	go func() {
		fmt.Println(path, len(body))
	}()
}

func detached(w http.ResponseWriter, r *http.Request) {
	ctx := context.WithoutCancel(r.Context())
	go audit(ctx, r.URL.Path)
}

func readsOnlyURL(w http.ResponseWriter, r *http.Request) {
	go func() {
		fmt.Println(r.URL.Path, r.Method)
	}()
}

func ctxOnlyWatched(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	go func() {
		<-ctx.Done()
		fmt.Println("request over")
	}()
}

// The goroutine hands the request's context to other work after the
// handler has returned.
func contextLater(w http.ResponseWriter, r *http.Request) {
	go func() { // want `goroutine reads r's body or context after contextLater returns`
		_ = audit(r.Context(), "/late")
	}()
	w.WriteHeader(http.StatusAccepted)
}

// Silent: the goroutine only waits for the request to end, or for the
// handler's own done channel, and then closes the backend. That the
// server cancels the context when the handler returns is what it waits for.
func proxyUpgrade(w http.ResponseWriter, r *http.Request, backend io.Closer) {
	done := make(chan struct{})
	defer close(done)
	go func() {
		select {
		case <-r.Context().Done():
		case <-done:
		}
		backend.Close()
	}()
	w.WriteHeader(http.StatusSwitchingProtocols)
}

// Silent: asking why the request ended is watching it too.
func watchRequest(w http.ResponseWriter, r *http.Request, logf func(error)) {
	go func() {
		<-r.Context().Done()
		logf(r.Context().Err())
	}()
}

type wsConn struct{}

// Read blocks until a message arrives or ctx is done.
func (wsConn) Read(ctx context.Context) ([]byte, error) {
	<-ctx.Done()
	return nil, ctx.Err()
}

// Silent: the handler returns only once ctx is done, so the reader's
// work on ctx ends with the connection, before the return.
func serveSocket(w http.ResponseWriter, r *http.Request) {
	var c wsConn
	ctx, cancel := context.WithCancel(r.Context())
	defer cancel()
	go func() {
		for {
			if _, err := c.Read(ctx); err != nil {
				cancel()
				return
			}
		}
	}()
	<-ctx.Done()
}

// Its twin returns on a bad header without waiting: the reader goes on
// with a context the server cancels once the handler returns.
func serveSocketEarly(w http.ResponseWriter, r *http.Request) {
	var c wsConn
	ctx, cancel := context.WithCancel(r.Context())
	defer cancel()
	go func() { // want `goroutine passes the request's context to Read after serveSocketEarly returns`
		for {
			if _, err := c.Read(ctx); err != nil {
				cancel()
				return
			}
		}
	}()
	if r.Header.Get("Upgrade") == "" {
		return
	}
	<-ctx.Done()
}

// valuesOnly keeps a context's values and replaces its Done with a
// channel of its own: the request's cancel no longer reaches the work.
type valuesOnly struct {
	context.Context
	done <-chan struct{}
}

func (v valuesOnly) Done() <-chan struct{} { return v.done }
func (v valuesOnly) Err() error {
	select {
	case <-v.done:
		return context.Canceled
	default:
		return nil
	}
}

func detach(ctx context.Context, done <-chan struct{}) context.Context {
	return valuesOnly{Context: ctx, done: done}
}

// Silent: the hijacked connection's goroutine uses the request's values
// under a cancel of its own.
func serveSocketDetached(w http.ResponseWriter, r *http.Request) {
	go func() {
		done := make(chan struct{})
		defer close(done)
		_ = audit(detach(r.Context(), done), "/socket")
	}()
}

// keepValues embeds the context and declares no Done: the request's
// cancel still reaches the work.
type keepValues struct{ context.Context }

func wrap(ctx context.Context) context.Context { return keepValues{ctx} }

// Twin: the wrapper passes the request's cancel through.
func serveWrapped(w http.ResponseWriter, r *http.Request) {
	go func() { // want `goroutine reads r's body or context after serveWrapped returns`
		_ = audit(wrap(r.Context()), "/wrapped")
	}()
}

// keepAlive pings until ctx is done: it is meant to end with the request.
func keepAlive(ctx context.Context, c wsConn, tick <-chan struct{}) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick:
			if _, err := c.Read(ctx); err != nil {
				return
			}
		}
	}
}

// Silent: the pinger's own select stops it when the handler's deferred
// cancel fires, which is what it is for; the literal twin too.
func serveKeepAlive(w http.ResponseWriter, r *http.Request) {
	var c wsConn
	ctx, cancel := context.WithCancel(r.Context())
	defer cancel()
	tick := make(chan struct{})
	go keepAlive(ctx, c, tick)
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick:
				if _, err := c.Read(ctx); err != nil {
					return
				}
			}
		}
	}()
	fmt.Fprintln(w, "served")
}
