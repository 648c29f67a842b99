// Package lib is another module's: a stream whose goroutine sends each
// item with a plain send.
package lib

func Items(xs []string) <-chan string {
	ch := make(chan string)
	go func() {
		defer close(ch)
		for _, x := range xs {
			ch <- x
		}
	}()
	return ch
}
