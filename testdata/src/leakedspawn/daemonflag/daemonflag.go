package main

import (
	"fmt"
	"time"
)

func main() {
	go func() { // want `goroutine loops forever and observes no cancellation; each call of main leaks one more`
		for {
			time.Sleep(time.Second)
			fmt.Println("alive")
		}
	}()
}
