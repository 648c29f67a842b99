package handlers

import (
	"context"
	"fmt"
	"net/http"
)

type traceKey struct{}

// withTrace reads a value out of ctx: it keeps working after the cancel.
func withTrace(ctx context.Context, msg string) string {
	id, _ := ctx.Value(traceKey{}).(string)
	return id + " " + msg
}

// The goroutine reads only the request context's values, for its logs:
// the server's cancel changes nothing for it.
func flushLater(w http.ResponseWriter, r *http.Request) {
	go func() {
		fmt.Println(withTrace(r.Context(), "flushing"))
		fmt.Println(withTrace(r.Context(), "flushed"))
	}()
	w.WriteHeader(http.StatusNoContent)
}

// The twin also hands the context, through a derived one, to work that
// gives up when it is canceled.
func flushAndAudit(w http.ResponseWriter, r *http.Request) {
	go func() { // want `goroutine reads r's body or context after flushAndAudit returns`
		fmt.Println(withTrace(r.Context(), "flushing"))
		ctx, cancel := context.WithCancel(r.Context())
		defer cancel()
		_ = audit(ctx, "/flush")
	}()
	w.WriteHeader(http.StatusNoContent)
}
