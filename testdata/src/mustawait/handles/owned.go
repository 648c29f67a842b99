package handles

import "sync"

// store joins every background goroutine of its transactions on Close.
type store struct{ wg sync.WaitGroup }

func (s *store) WaitGroup() *sync.WaitGroup { return &s.wg }

func (s *store) Close() { s.wg.Wait() }

type txn struct{ store *store }

func rollback() {}

// asyncRollback counts its goroutine in the store's WaitGroup too: the
// store joins it, and the returned WaitGroup is for a caller that cares
// when the rollback is done.
func (t *txn) asyncRollback() *sync.WaitGroup {
	wg := new(sync.WaitGroup)
	wg.Add(1)
	t.store.WaitGroup().Add(1)
	go func() {
		defer t.store.WaitGroup().Done()
		rollback()
		wg.Done()
	}()
	return wg
}

func (t *txn) cancel() {
	t.asyncRollback()
}

// Twin: nothing else joins the goroutine.
func (t *txn) asyncRollbackAlone() *sync.WaitGroup {
	wg := new(sync.WaitGroup)
	wg.Add(1)
	go func() {
		defer wg.Done()
		rollback()
	}()
	return wg
}

func (t *txn) cancelAlone() {
	t.asyncRollbackAlone() // want `result of t.asyncRollbackAlone is discarded; its goroutines outlive the caller`
}

// openSession returns a session (a Job here) and the cleanup that ends
// it: the cleanup holds the session too, so a caller that keeps only the
// cleanup has not dropped it.
func openSession() (*Job, func()) {
	j := StartJob(1)
	return j, func() { j.Wait() }
}

func useCleanupOnly() {
	_, cleanup := openSession()
	defer cleanup()
}

// Twin: the same session without a cleanup is dropped.
func openBare() (*Job, error) {
	j := StartJob(1)
	return j, nil
}

func useBare() error {
	_, err := openBare() // want `result of openBare is discarded; its goroutines outlive the caller`
	return err
}
