package locks

import "errors"

// fixed is a limiter over a channel, as many programs write their own.
type fixed chan struct{}

func (l fixed) Take()    { l <- struct{}{} }
func (l fixed) Release() { <-l }

type reader struct{ name string }

func parseName(name string) error {
	if name == "" {
		return errors.New("empty name")
	}
	return nil
}

func openReader(name string) (*reader, error) { return &reader{name}, nil }

type store struct{ limit fixed }

// Each opener sends once, on whichever branch it ends, and a bad name in
// a later round returns while the earlier openers still hold a slot of
// the store's limiter: every later open waits for a slot forever.
func (s *store) openAll(names []string) ([]*reader, error) {
	type result struct {
		r   *reader
		err error
	}
	results := make(chan result)
	for _, name := range names {
		if err := parseName(name); err != nil {
			return nil, err // want `^this return comes before any receive from results; the goroutines started at line 37 block forever sending on results while holding s.limit; give results a buffer of len\(names\) \(the same at line 52\)$`
		}
		go func() {
			s.limit.Take()
			defer s.limit.Release()
			r, err := openReader(name)
			if err != nil {
				results <- result{err: err}
				return
			}
			results <- result{r: r}
		}()
	}
	var out []*reader
	for range names {
		res := <-results
		if res.err != nil {
			return nil, res.err // the same goroutines: named by the finding at line 35
		}
		out = append(out, res.r)
	}
	return out, nil
}

// Twin: names are checked before any opener starts, and every result is
// received before the first error is returned.
func (s *store) openAllChecked(names []string) ([]*reader, error) {
	for _, name := range names {
		if err := parseName(name); err != nil {
			return nil, err
		}
	}
	type result struct {
		r   *reader
		err error
	}
	results := make(chan result)
	for _, name := range names {
		go func() {
			s.limit.Take()
			defer s.limit.Release()
			r, err := openReader(name)
			results <- result{r: r, err: err}
		}()
	}
	var out []*reader
	var first error
	for range names {
		res := <-results
		if res.err != nil && first == nil {
			first = res.err
		}
		out = append(out, res.r)
	}
	return out, first
}
