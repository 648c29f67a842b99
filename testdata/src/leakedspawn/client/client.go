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

func firstResult(compute func() int) int {
	res := make(chan int)
	spawnlib.Go(func() { // want `goroutine sends on res in a loop that never ends, but only firstResult receives from res`
		for {
			res <- compute()
		}
	})
	return <-res
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
