package client

import "leakedspawn/spawnlib"

func cleanupNever() {
	done := make(chan struct{})
	spawnlib.OnDone(done, func() {}) // want `goroutine started by spawnlib.OnDone receives from done, which nobody sends on or closes; it blocks forever`
}

func inlineStop() {
	spawnlib.OnDone(make(chan struct{}), func() {}) // want `goroutine started by spawnlib.OnDone receives from the channel it is given, which nobody sends on or closes`
}

// A helper's goroutine that may send: reported with -strict only
// (clientstrict), as the summary does not say that it will.
func produceUnread() {
	out := make(chan int)
	spawnlib.Produce(out)
}

func waitInGoroutine() {
	done := make(chan struct{})
	go spawnlib.Wait(done) // want `goroutine running spawnlib.Wait receives from done, which nobody sends on or closes`
}

func localHelper(jobs chan int) {
	go func() {
		for range jobs {
		}
	}()
}

func localNeverFed() {
	jobs := make(chan int)
	localHelper(jobs) // want `goroutine started by localHelper receives from jobs, which nobody sends on or closes`
}

// Clean twins.

func cleanupOnReturn() {
	done := make(chan struct{})
	spawnlib.OnDone(done, func() {})
	close(done)
}

func produceRead() int {
	out := make(chan int)
	spawnlib.Produce(out)
	return <-out
}

func produceBuffered() {
	out := make(chan int, 1)
	spawnlib.Produce(out)
}

func waitClosedLater() func() {
	done := make(chan struct{})
	go spawnlib.Wait(done)
	return func() { close(done) }
}

func localFed(items []int) {
	jobs := make(chan int)
	localHelper(jobs)
	for _, it := range items {
		jobs <- it
	}
	close(jobs)
}
