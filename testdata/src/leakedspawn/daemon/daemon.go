package main

import "fmt"

// Goroutines in main live as long as the process: silent by default.
func main() {
	done := make(chan struct{})
	go func() {
		<-done
		fmt.Println("cleanup")
	}()
}
