package groups

import (
	"errors"
	"sync"
)

var errShuttingDown = errors.New("shutting down")

type arbiter struct {
	quit chan struct{}
	wg   sync.WaitGroup
}

type spendEvent struct{ spent chan int }

func (a *arbiter) register(i int) (*spendEvent, error) {
	return &spendEvent{make(chan int)}, nil
}

// Silent: the early return runs only once a.quit is closed, and every
// watcher gives up on a.quit; the other return closes exit first.
func (a *arbiter) waitForSpend(n int) ([]int, error) {
	anySpend := make(chan int, n)
	exit := make(chan struct{})
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		ev, err := a.register(i)
		if err != nil {
			select {
			case <-a.quit:
				return nil, errShuttingDown
			default:
				continue
			}
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			select {
			case v := <-ev.spent:
				anySpend <- v
			case <-exit:
			case <-a.quit:
			}
		}()
	}
	select {
	case v := <-anySpend:
		close(exit)
		wg.Wait()
		return []int{v}, nil
	case <-a.quit:
		return nil, errShuttingDown
	}
}

// Its twin's watcher waits for the spend alone: a.quit does not end it.
func (a *arbiter) waitForSpendDeaf(n int) ([]int, error) {
	anySpend := make(chan int, n)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		ev, err := a.register(i)
		if err != nil {
			return nil, err
		}
		wg.Add(1) // want `wg.Add is not followed by wg.Wait on the path that returns at line 65; its goroutines outlive the function$`
		go func() {
			defer wg.Done()
			anySpend <- <-ev.spent
		}()
	}
	select {
	case v := <-anySpend:
		wg.Wait()
		return []int{v}, nil
	case <-a.quit:
		return nil, errShuttingDown
	}
}

// Another twin returns on a registration error while a.quit is open: the
// watchers started so far go on waiting.
func (a *arbiter) waitForSpendEarly(n int) ([]int, error) {
	anySpend := make(chan int, n)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		ev, err := a.register(i)
		if err != nil {
			return nil, err
		}
		wg.Add(1) // want `wg.Add is not followed by wg.Wait on the path that returns at line 90; its goroutines outlive the function$`
		go func() {
			defer wg.Done()
			select {
			case v := <-ev.spent:
				anySpend <- v
			case <-a.quit:
			}
		}()
	}
	select {
	case v := <-anySpend:
		wg.Wait()
		return []int{v}, nil
	case <-a.quit:
		return nil, errShuttingDown
	}
}
