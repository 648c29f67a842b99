// Package missingident uses names that are not declared anywhere.
package missingident

import (
	"context"
	"sync"
)

func spawnUndefined(ctx context.Context) {
	go undefinedWorker(ctx)
	go func() { results <- compute() }()
	select {
	case v := <-missingChan:
		_ = v
	case <-ctx.Done():
		return
	}
}

func waitUndefined() {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		undefinedCall()
	}()
	wg.Wiat() // misspelled method
}

func futureOfUndefined() <-chan int {
	ch := make(chan UndefinedType)
	go func() { ch <- undefinedValue }()
	return ch
}

func rangeUndefined() {
	for v := range notAChannel {
		go use(v)
	}
}

func methodOnUndefined(s *Server) {
	go s.serve()
	s.mu.Lock()
}
