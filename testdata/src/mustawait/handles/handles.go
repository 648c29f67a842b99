// Join handles returned by spawning constructors, and functions marked
// //scopevet:mustawait.
package handles

import (
	"errors"
	"sync"

	"golang.org/x/sync/singleflight"
)

// Job is a handle: Wait joins the goroutine StartJob starts.
type Job struct {
	done chan struct{}
	n    int
}

func StartJob(n int) *Job {
	j := &Job{done: make(chan struct{})}
	go func() {
		j.n = n * 2
		close(j.done)
	}()
	return j
}

func (j *Job) Wait() int {
	<-j.done
	return j.n
}

// Batch joins its workers with a WaitGroup.
type Batch struct{ wg sync.WaitGroup }

func RunBatch(n int) *Batch {
	b := &Batch{}
	for i := 0; i < n; i++ {
		b.wg.Add(1)
		go func() { defer b.wg.Done() }()
	}
	return b
}

func (b *Batch) Join() { b.wg.Wait() }

// Call is what Go returns; inference cannot see through the interface.
type Call struct{ Done chan error }

type transport interface{ send(c *Call) }

//scopevet:mustawait
func Go(t transport) *Call {
	c := &Call{Done: make(chan error, 1)}
	t.send(c)
	return c
}

func jobDiscarded() {
	StartJob(1) // want `result of StartJob is discarded; its goroutines outlive the caller`
}

func jobNotJoinedOnError(bad bool) (int, error) {
	j := StartJob(1) // want `result of StartJob is not joined on the path that returns at line 65`
	if bad {
		return 0, errors.New("bad")
	}
	return j.Wait(), nil
}

func batchDiscarded() {
	RunBatch(3) // want `result of RunBatch is discarded`
}

func markedDiscarded(t transport) {
	Go(t) // want `result of Go is discarded; the function is marked //scopevet:mustawait`
}

func doChanDiscarded(g *singleflight.Group) {
	g.DoChan("k", func() (any, error) { return nil, nil }) // want `result of g.DoChan is discarded; the shared call's result is lost`
}

// --- correct idioms: no diagnostics below ---

func jobJoined() int {
	j := StartJob(1)
	return j.Wait()
}

func batchJoined() {
	RunBatch(3).Join()
}

func markedAwaited(t transport) error {
	c := Go(t)
	return <-c.Done
}

func doChanReceived(g *singleflight.Group) (any, error) {
	r := <-g.DoChan("k", func() (any, error) { return 1, nil })
	return r.Val, r.Err
}

// owner keeps the job and joins it in Close.
type owner struct{ job *Job }

func (o *owner) start() { o.job = StartJob(1) }

func (o *owner) Close() { o.job.Wait() }

// Box is generic: its join method is found through the origin.
type Box[T any] struct {
	done chan struct{}
	v    T
}

func StartBox[T any](f func() T) *Box[T] {
	b := &Box[T]{done: make(chan struct{})}
	go func() { b.v = f(); close(b.done) }()
	return b
}

func (b *Box[T]) Wait() T { <-b.done; return b.v }

func boxDiscarded() {
	StartBox(func() int { return 1 }) // want `result of StartBox is discarded; its goroutines outlive the caller`
}

func boxJoined() int {
	return StartBox(func() int { return 1 }).Wait()
}
