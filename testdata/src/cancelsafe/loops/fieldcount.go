package loops

import "errors"

var errFailed = errors.New("failed")

type pool struct {
	workers int
	items   []string
}

func newPool(workers int, items []string) *pool {
	return &pool{workers: workers, items: items}
}

// The workers field is set when the pool is built and never changed:
// p.workers goroutines send, and a buffer of p.workers holds them all.
func (p *pool) run(do func(string) error) error {
	errCh := make(chan error)
	jobs := make(chan string, len(p.items))
	for _, it := range p.items {
		jobs <- it
	}
	close(jobs)
	for range p.workers {
		go func() {
			for it := range jobs {
				if err := do(it); err != nil {
					errCh <- err
					return
				}
			}
			errCh <- nil
		}()
	}
	for range p.workers {
		if err := <-errCh; err != nil {
			return err // want `^this return leaves the loop receiving from errCh early; the goroutines started at line 26 that have not sent yet block forever sending on errCh; give errCh a buffer of p.workers$`
		}
	}
	return nil
}

type resizable struct{ workers int }

func (r *resizable) resize(n int) { r.workers = n }

// Twin: the field is assigned after construction, so its value at the
// make says nothing of the loop's.
func (r *resizable) run(do func() error) error {
	errCh := make(chan error)
	for range r.workers {
		go func() { errCh <- do() }()
	}
	for range r.workers {
		if err := <-errCh; err != nil {
			return err // want `^this return leaves the loop receiving from errCh early; the goroutines started at line 53 that have not sent yet block forever sending on errCh; no buffer is known to hold all their sends: let them give up, with a select on a channel this function closes at the send$`
		}
	}
	return nil
}
