package handlers

import (
	"io"
	"net/http"
)

// copyBody takes a request but is no handler: nothing cancels req's
// context or closes its body when copyBody returns. Its watcher waits for
// the request to end or for the helper's own done, closed on return.
func copyBody(req *http.Request, dst io.Writer, src io.Closer) error {
	done := make(chan struct{})
	defer close(done)
	go func() {
		select {
		case <-req.Context().Done():
			src.Close()
		case <-done:
		}
	}()
	_, err := io.Copy(dst, req.Body)
	return err
}

// sendLater hands the request's context to work after it returns; not a
// handler, so no server cancels that context when sendLater returns.
func sendLater(req *http.Request) {
	go func() {
		_ = audit(req.Context(), "/later")
	}()
}

// The handler twin of sendLater reports.
func sendLaterHandler(w http.ResponseWriter, req *http.Request) {
	go func() { // want `goroutine reads req's body or context after sendLaterHandler returns`
		_ = audit(req.Context(), "/later")
	}()
}
