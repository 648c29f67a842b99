package stops

import (
	"context"
	"fmt"
	"time"
)

func process(int) {}

func neverClosed(items []int) {
	jobs := make(chan int)
	go func() { // want `goroutine ranges over jobs, which is never closed; it never exits`
		for j := range jobs {
			process(j)
		}
	}()
	for _, it := range items {
		jobs <- it
	}
}

func worker(jobs chan int) {
	for j := range jobs {
		process(j)
	}
}

func namedWorker(items []int) {
	jobs := make(chan int, len(items))
	for _, it := range items {
		jobs <- it
	}
	go worker(jobs) // want `goroutine ranges over jobs, which is never closed`
}

func nobodySends() {
	done := make(chan struct{})
	go func() { // want `goroutine receives from done, which nobody sends on or closes; it blocks forever`
		<-done
		fmt.Println("cleanup")
	}()
}

func nobodyReceives() {
	result := make(chan int)
	go func() { // want `goroutine sends on result, which nobody receives from; it blocks forever`
		result <- 42
	}()
}

func stoppedTicker() {
	ticker := time.NewTicker(time.Second)
	defer ticker.Stop()
	go func() { // want `goroutine waits on the ticker's channel after the ticker is stopped; Stop does not close C, so the goroutine never exits`
		for range ticker.C {
			fmt.Println("tick")
		}
	}()
}

func spinUntilReady(ready func() bool) bool {
	c := make(chan bool, 1)
	go func() { // want `goroutine sends on c in a loop that never ends, but only spinUntilReady receives from c; once it returns, the goroutine blocks forever`
		for {
			if ready() {
				c <- true
			}
		}
	}()
	select {
	case v := <-c:
		return v
	case <-time.After(time.Second):
		return false
	}
}

// Clean twins.

func closedAfterSends(items []int) {
	jobs := make(chan int)
	go func() {
		for j := range jobs {
			process(j)
		}
	}()
	for _, it := range items {
		jobs <- it
	}
	close(jobs)
}

func closedByProducer(items []int) {
	jobs := make(chan int)
	go func() {
		defer close(jobs)
		for _, it := range items {
			jobs <- it
		}
	}()
	go func() {
		for j := range jobs {
			process(j)
		}
	}()
}

func closedLater() func() {
	done := make(chan struct{})
	go func() {
		<-done
		fmt.Println("cleanup")
	}()
	return func() { close(done) }
}

func received() int {
	result := make(chan int)
	go func() { result <- 42 }()
	return <-result
}

func tickerWithStop(ctx context.Context) {
	ticker := time.NewTicker(time.Second)
	go func() {
		defer ticker.Stop()
		for {
			select {
			case <-ticker.C:
				fmt.Println("tick")
			case <-ctx.Done():
				return
			}
		}
	}()
}

func loopWithCtx(ctx context.Context) {
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case <-time.After(time.Minute):
			}
		}
	}()
}

func loopWithQuit(quit chan struct{}) {
	go func() {
		for {
			select {
			case <-quit:
				return
			default:
				time.Sleep(time.Millisecond)
			}
		}
	}()
}

func handedOn() chan int {
	jobs := make(chan int)
	go func() {
		for j := range jobs {
			process(j)
		}
	}()
	return jobs
}

// A loop that only works and sleeps is often a daemon started once per
// process: only -strict reports it.
type cache struct{ items map[string]int }

func newCache() *cache {
	c := &cache{items: map[string]int{}}
	go func() {
		for {
			time.Sleep(time.Minute)
			fmt.Println(len(c.items))
		}
	}()
	return c
}

// A single comma-ok receive is no range: the sends below wake it.
func commaOkOnce() {
	c := make(chan int, 1)
	go func() {
		_, _ = <-c
	}()
	c <- 0
}

// A loop that returns on a sentinel ends without a close.
func sentinel(items []int) {
	jobs := make(chan int)
	go func() {
		for j := range jobs {
			if j < 0 {
				return
			}
			process(j)
		}
	}()
	for _, it := range items {
		jobs <- it
	}
	jobs <- -1
}

// A hand-written loop that ends only on close is a range.
func handRange(items []int) {
	jobs := make(chan int)
	go func() { // want `goroutine ranges over jobs, which is never closed; it never exits`
		for {
			j, ok := <-jobs
			if !ok {
				return
			}
			process(j)
		}
	}()
	for _, it := range items {
		jobs <- it
	}
}

// The goroutine stops its own ticker when its range ends: that Stop ends
// nothing, and nothing else stops the ticker, so it ticks for good.
func selfStoppedTicker(report func()) {
	ticker := time.NewTicker(time.Minute)
	go func() {
		defer ticker.Stop()
		for range ticker.C {
			report()
		}
	}()
}
