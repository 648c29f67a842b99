// Package client2 has no go statement of its own: only the helper's
// summary makes it worth analyzing.
package client2

import (
	"fmt"
	"net/http"

	"leakedspawn/spawnlib"
)

func handle(w http.ResponseWriter, r *http.Request) {
	spawnlib.Go(func() { // want `goroutine uses w after handle returns; the response is already finished`
		fmt.Fprintln(w, "late")
	})
}
