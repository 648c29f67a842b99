package client

import (
	"fmt"
	"net/http"
	"sync"

	"leakedspawn/spawnlib"
)

func handle(w http.ResponseWriter, r *http.Request) {
	spawnlib.Go(func() { // want `goroutine uses w after handle returns; the response is already finished`
		fmt.Fprintln(w, "late")
	})
}

func forever() {
	spawnlib.Go(func() { // want `goroutine loops forever and observes no cancellation; each call of forever leaks one more`
		for {
			fmt.Println("spin")
		}
	})
}

// Clean twin: the helper's goroutine is joined through the WaitGroup.
func handleJoined(w http.ResponseWriter, r *http.Request) {
	var wg sync.WaitGroup
	wg.Add(1)
	spawnlib.Go(func() {
		defer wg.Done()
		fmt.Fprintln(w, "in time")
	})
	wg.Wait()
}
