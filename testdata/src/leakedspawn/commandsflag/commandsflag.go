// Package commandsflag: with -leakedspawn.main, goroutines started once
// by code that runs once per run are checked too.
package commandsflag

import "github.com/spf13/cobra"

func process(int) {}

// NewRoot declares the command.
func NewRoot() *cobra.Command {
	return &cobra.Command{
		Use: "feed",
		Run: func(cmd *cobra.Command, args []string) { feed(len(args)) },
	}
}

func feed(n int) {
	jobs := make(chan int)
	go func() { // want `goroutine ranges over jobs, which is never closed; it never exits`
		for j := range jobs {
			process(j)
		}
	}()
	for i := range n {
		jobs <- i
	}
}
