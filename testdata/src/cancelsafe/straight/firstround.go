package straight

import "errors"

func square(i int) int { return i * i }

// The test changes from round to round: a later round can return after
// earlier rounds started their goroutines.
func squaresUntilNegative(items []int) ([]int, error) {
	ch := make(chan int)
	for _, it := range items {
		if it < 0 {
			return nil, errors.New("negative item") // want `this return comes before any receive from ch; the goroutines started at line 15 block forever sending on ch; give ch a buffer of len\(items\)`
		}
		go func() { ch <- square(it) }()
	}
	out := make([]int, 0, len(items))
	for range items {
		out = append(out, <-ch)
	}
	return out, nil
}

// Silent: dry is the same in every round and tested before the round's
// go statement, so the return is taken in the first round or never, and
// no goroutine is running then.
func squaresUnlessDry(items []int, dry bool) ([]int, error) {
	ch := make(chan int)
	for _, it := range items {
		if dry {
			return nil, errors.New("dry run")
		}
		go func() { ch <- square(it) }()
	}
	out := make([]int, 0, len(items))
	for range items {
		out = append(out, <-ch)
	}
	return out, nil
}

type plan struct{ dry bool }

// Silent: a field of a parameter that nothing in the loop writes.
func squaresPlanned(p *plan, items []int) ([]int, error) {
	ch := make(chan int)
	for _, it := range items {
		if p.dry {
			return nil, errors.New("dry run")
		}
		go func() { ch <- square(it) }()
	}
	out := make([]int, 0, len(items))
	for range items {
		out = append(out, <-ch)
	}
	return out, nil
}

// The loop hands p to a call that may change it: the test may differ in
// a later round.
func squaresReplanned(p *plan, items []int, replan func(*plan)) ([]int, error) {
	ch := make(chan int)
	for _, it := range items {
		if p.dry {
			return nil, errors.New("dry run") // want `this return comes before any receive from ch; the goroutines started at line 69 block forever sending on ch; give ch a buffer of len\(items\)`
		}
		replan(p)
		go func() { ch <- square(it) }()
	}
	out := make([]int, 0, len(items))
	for range items {
		out = append(out, <-ch)
	}
	return out, nil
}
