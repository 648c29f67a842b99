package main

import (
	"fmt"
	"net/http"
	"sync"
)

func lateWrite(w http.ResponseWriter, r *http.Request) {
	go func() {
		fmt.Fprintln(w, "accepted")
	}()
}

func joinedWrite(w http.ResponseWriter, r *http.Request) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		fmt.Fprintln(w, "accepted")
	}()
	wg.Wait()
}

func suppressedWrite(w http.ResponseWriter, r *http.Request) {
	go func() { //nolint:leakedspawn // the client disconnects first; kept to exercise suppression
		fmt.Fprintln(w, "late")
	}()
}
