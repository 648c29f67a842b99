// Package commands holds a command-line program's actions, which the
// framework runs once before the program ends: a goroutine one of them
// starts once and never ends is one per run, and ends with the process.
// A goroutine started in a loop, or by code that runs more often, is
// checked (and -leakedspawn.main checks them all).
package commands

import "github.com/spf13/cobra"

func process(int) {}

// NewRoot declares the commands.
func NewRoot() *cobra.Command {
	root := &cobra.Command{Use: "tool"}
	root.AddCommand(&cobra.Command{
		Use: "feed",
		Run: func(cmd *cobra.Command, args []string) {
			feed(len(args))
			for range args {
				feedEach(len(args))
			}
			waitOnce()
		},
	})
	return root
}

// feed is called only by the action, once.
func feed(n int) {
	jobs := make(chan int)
	go func() {
		for j := range jobs {
			process(j)
		}
	}()
	for i := range n {
		jobs <- i
	}
}

// feedEach runs once per argument: each call leaves a goroutine behind.
func feedEach(n int) {
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

type waiter struct{ done chan struct{} }

// waitFor starts a goroutine that waits for a value on ch.
func waitFor(ch <-chan int) *waiter {
	w := &waiter{done: make(chan struct{})}
	go func() {
		<-ch
		close(w.done)
	}()
	return w
}

// waitOnce runs once; waitEach runs once per round of its loop.
func waitOnce() *waiter {
	ch := make(chan int)
	w := waitFor(ch)
	for range 3 {
		waitFor(ch) // want `goroutine started by waitFor receives from ch, which nobody sends on or closes; it blocks forever`
	}
	return w
}
