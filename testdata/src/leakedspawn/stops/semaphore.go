package stops

// The dispatcher fills the semaphore before each worker, and the worker
// drains it when done: the dispatcher's own sends wake the receives.
func runLimited(items []string, op func(string) error) chan error {
	sem := make(chan struct{}, 4)
	results := make(chan error)
	go func() {
		for _, it := range items {
			sem <- struct{}{}
			go func(item string) {
				results <- op(item)
				<-sem
			}(it)
		}
	}()
	return results
}

// The same goroutine takes and gives back a slot of a buffered semaphore.
func runOneAtATime(items []string, op func(string)) {
	sem := make(chan struct{}, 1)
	go func() {
		for _, it := range items {
			sem <- struct{}{}
			op(it)
			<-sem
		}
	}()
}

// Twin: nothing ever sends on done, so the waiter blocks forever.
func waitForNothing(op func()) {
	done := make(chan struct{}, 1)
	go func() { // want `goroutine receives from done, which nobody sends on or closes; it blocks forever`
		go func() {
			<-done
			op()
		}()
	}()
}
