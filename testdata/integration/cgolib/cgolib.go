// Package cgolib imports "C": go vet hands the checks cgo's rewrite of
// this file, which says it is generated, and the findings in it must
// still be reported at this file's lines.
package cgolib

// static int twice(int x) { return 2 * x; }
import "C"

func fetchAsync(x int) <-chan int {
	ch := make(chan int)
	go func() { ch <- int(C.twice(C.int(x))) }()
	return ch
}

// Discarded drops the future: its goroutine blocks forever.
func Discarded() {
	fetchAsync(1)
}

// Received is the correct twin.
func Received() int {
	return <-fetchAsync(2)
}
