// Command integration is the fixture module for the go vet -vettool test:
// each bad function has a finding listed in expected.txt, and each good
// twin must stay silent.
package main

import (
	"context"
	"errors"
	"net/http"
	"os/exec"
	"sync"
)

func fetchAsync(ctx context.Context, key string) <-chan string {
	ch := make(chan string)
	go func() { ch <- key }()
	return ch
}

func dropped(ctx context.Context) {
	fetchAsync(ctx, "a")
}

func waitSkipped(items []string) error {
	var wg sync.WaitGroup
	for range items {
		wg.Add(1)
		go func() { defer wg.Done() }()
	}
	if len(items) > 3 {
		return errors.New("too many")
	}
	wg.Wait()
	return nil
}

func zombie() error {
	return exec.Command("true").Start()
}

func suppressed(ctx context.Context) {
	fetchAsync(ctx, "b") //nolint:mustawait // the value is never needed; the goroutine is cheap
}

func received(ctx context.Context) string {
	return <-fetchAsync(ctx, "a")
}

func waited(items []string) {
	var wg sync.WaitGroup
	for range items {
		wg.Add(1)
		go func() { defer wg.Done() }()
	}
	wg.Wait()
}

func main() {
	http.HandleFunc("/", func(http.ResponseWriter, *http.Request) { exercise() })
	_ = http.ListenAndServe("localhost:8080", nil)
}

// exercise calls each function once per request: what they leave behind
// adds up, so they are checked. (A function that only main calls runs
// once per run, and what it strands ends with the process.)
func exercise() {
	ctx := context.Background()
	dropped(ctx)
	_ = waitSkipped(nil)
	_ = zombie()
	suppressed(ctx)
	_ = received(ctx)
	waited(nil)
}
