package main

import "fmt"

func main() {
	done := make(chan struct{})
	go func() { // want `goroutine receives from done, which nobody sends on or closes; it blocks forever`
		<-done
		fmt.Println("cleanup")
	}()
}
