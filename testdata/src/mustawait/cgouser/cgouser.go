// A package that imports "C": go vet and go/packages hand the checks
// cgo's rewrite of this file, which says it is generated. Findings in
// the code the user wrote are still reported, at the user's lines.
package cgouser

// static int twice(int x) { return 2 * x; }
import "C"

func fetchAsync(x int) <-chan int {
	ch := make(chan int)
	go func() { ch <- int(C.twice(C.int(x))) }()
	return ch
}

func discarded() {
	fetchAsync(1) // want `result of fetchAsync is discarded`
}

func suppressed() {
	fetchAsync(2) //nolint:mustawait // the fixture's suppressed twin
}

func received() int {
	return <-fetchAsync(3)
}
