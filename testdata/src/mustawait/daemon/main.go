// Goroutines started from main and init live as long as the process.
package main

import (
	"sync"

	"mustawait/lib"
)

func init() {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done() }()
}

func main() {
	lib.Start()
	var wg sync.WaitGroup
	wg.Go(func() {})
}
