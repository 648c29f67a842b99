package handler

import (
	"fmt"
	"net/http"
)

// Accept writes to w from a goroutine that outlives the handler:
// leakedspawn reports it.
func Accept(w http.ResponseWriter, r *http.Request) {
	go func() {
		fmt.Fprintln(w, "accepted")
	}()
}
