package loops

// Batches takes what a producer sends in rounds of size. The producer
// closes the channel after its last send, and the return on !open runs
// only then: nobody is left sending.
func Batches(n, size int, handle func([]int)) {
	items := make(chan int)
	go func() {
		for i := 0; i < n; i++ {
			items <- i
		}
		close(items)
	}()
	batch := make([]int, 0, size)
	for {
		batch = batch[:0]
		for j := 0; j < size; j++ {
			it, open := <-items
			if !open {
				handle(batch)
				return
			}
			batch = append(batch, it)
		}
		handle(batch)
	}
}

// The twin also returns on a bad item, while the producer still has
// items to send.
func BatchesChecked(n, size int, check func(int) error) error {
	items := make(chan int)
	go func() {
		for i := 0; i < n; i++ {
			items <- i
		}
		close(items)
	}()
	for {
		for j := 0; j < size; j++ {
			it, open := <-items
			if !open {
				return nil
			}
			if err := check(it); err != nil {
				return err // want `^this return leaves the loop receiving from items early; the goroutine started at line 33 blocks forever sending on items; receive from items on every path out, or let the goroutine started at line 33 stop: its send needs a select on a channel this function closes$`
			}
		}
	}
}
