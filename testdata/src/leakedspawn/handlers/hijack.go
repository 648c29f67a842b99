package handlers

import (
	"net/http"
	"time"
)

// After Hijack the server leaves the response alone: a late write on w
// only returns http.ErrHijacked, and the connection is the handler's.
func serveHijacked(w http.ResponseWriter, r *http.Request) {
	conn, rw, err := w.(http.Hijacker).Hijack()
	if err != nil {
		return
	}
	go func() {
		defer conn.Close()
		time.Sleep(time.Millisecond)
		if _, err := w.Write([]byte("late")); err == nil {
			panic("write after hijack")
		}
		rw.WriteString("hello")
		rw.Flush()
	}()
}

func serveHijackedController(w http.ResponseWriter, r *http.Request) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		return
	}
	go func() {
		defer conn.Close()
		w.Header().Set("X-Late", "1")
	}()
}

// The twin: the goroutine starts before the Hijack, so it can write on a
// response the server still owns.
func serveHijackLate(w http.ResponseWriter, r *http.Request) {
	go func() { // want `goroutine uses w after serveHijackLate returns; the response is already finished`
		w.Write([]byte("early"))
	}()
	h, ok := w.(http.Hijacker)
	if !ok {
		return
	}
	conn, _, _ := h.Hijack()
	conn.Close()
}
