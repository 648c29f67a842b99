package groups

import (
	"context"
	"errors"
	"sync"
)

type witness interface {
	Fetch(ctx context.Context, height int) (string, error)
}

type answer struct {
	block string
	err   error
}

// Silent: each witness sends once on a channel sized for all of them, and
// its fetch gets a context the deferred cancel ends; the return after the
// loop leaves them only until that defer runs.
func askWitnesses(ctx context.Context, ws []witness, height int) (string, error) {
	answers := make(chan answer, len(ws))
	var wg sync.WaitGroup
	sub, cancel := context.WithCancel(ctx)
	defer cancel()
	for _, w := range ws {
		wg.Add(1)
		go func(w witness, out chan answer) {
			defer wg.Done()
			b, err := w.Fetch(sub, height)
			out <- answer{b, err}
		}(w, answers)
	}
	var last error
	for i := 0; i < cap(answers); i++ {
		a := <-answers
		if a.err == nil {
			cancel()
			wg.Wait()
			return a.block, nil
		}
		last = a.err
	}
	return "", last
}

// Its twin gives the fetches the caller's context: nothing ends them when
// the function returns.
func askWitnessesUncanceled(ctx context.Context, ws []witness, height int) (string, error) {
	answers := make(chan answer, len(ws))
	var wg sync.WaitGroup
	for _, w := range ws {
		wg.Add(1) // want `wg.Add is not followed by wg.Wait on the path that returns at line 67; its goroutines outlive the function$`
		go func(w witness, out chan answer) {
			defer wg.Done()
			b, err := w.Fetch(ctx, height)
			out <- answer{b, err}
		}(w, answers)
	}
	for i := 0; i < cap(answers); i++ {
		a := <-answers
		if a.err == nil {
			wg.Wait()
			return a.block, nil
		}
	}
	return "", errors.New("no witness answered")
}

// Another twin sizes the channel for one answer: the others block on it
// once the function has taken the first, even after the cancel.
func askWitnessesOneSlot(ctx context.Context, ws []witness, height int) (string, error) {
	answers := make(chan answer, 1)
	var wg sync.WaitGroup
	sub, cancel := context.WithCancel(ctx)
	defer cancel()
	for _, w := range ws {
		wg.Add(1) // want `wg.Add is not followed by wg.Wait on the path that returns at line 88; its goroutines outlive the function; a Wait there may block forever too, since the goroutine started at line 79 sends on answers`
		go func(w witness, out chan answer) {
			defer wg.Done()
			b, err := w.Fetch(sub, height)
			out <- answer{b, err}
		}(w, answers)
	}
	for range ws {
		a := <-answers
		if a.err == nil {
			return a.block, nil
		}
	}
	wg.Wait()
	return "", errors.New("no witness answered")
}
