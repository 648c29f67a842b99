// Forwarding selects that drop the value they took (with the
// dropped-values flag on).
package dropped

import "context"

type job struct{ id int }

func (j *job) release() {}

func forward(ctx context.Context, in <-chan *job, out chan<- *job) error {
	for {
		select {
		case j := <-in:
			select {
			case out <- j:
			case <-ctx.Done(): // want `when ctx is done first, j is dropped: it was taken from a channel at line 14 and is neither sent on out nor handed back`
				return ctx.Err()
			}
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

type conn struct{ fd int }

func (c *conn) Close() error { return nil }

// A connection handed over on a channel: dropping it leaks it.
func forwardConns(ctx context.Context, accepted <-chan *conn, out chan<- *conn) {
	for c := range accepted {
		select {
		case out <- c:
		case <-ctx.Done(): // want `when ctx is done first, c is dropped`
			return
		}
	}
}

// --- clean twins: no diagnostics below ---

func releasedOnCancel(ctx context.Context, in <-chan *job, out chan<- *job) error {
	for j := range in {
		select {
		case out <- j:
		case <-ctx.Done():
			j.release()
			return ctx.Err()
		}
	}
	return nil
}

func requeued(ctx context.Context, in chan *job, out chan<- *job) error {
	j := <-in
	select {
	case out <- j:
		return nil
	case <-ctx.Done():
		in <- j
		return ctx.Err()
	}
}

func handedBack(ctx context.Context, in <-chan *job, out chan<- *job) (*job, error) {
	j := <-in
	select {
	case out <- j:
		return nil, nil
	case <-ctx.Done():
		return j, ctx.Err()
	}
}

// Plain data carries nothing to release: dropping it on cancellation
// is what the code means.
func forwardPlain(ctx context.Context, in <-chan []byte, out chan<- []byte) {
	for buf := range in {
		select {
		case out <- buf:
		case <-ctx.Done():
			return
		}
	}
}

type event struct{ key, value string }

func forwardEvents(ctx context.Context, in <-chan event, out chan<- event) {
	for ev := range in {
		select {
		case out <- ev:
		case <-ctx.Done():
			return
		}
	}
}

// Plain numbers carry nothing to release.
func numbers(ctx context.Context, in <-chan int, out chan<- int) {
	for n := range in {
		select {
		case out <- n:
		case <-ctx.Done():
			return
		}
	}
}

// A value the function made itself is not handed-over work.
func own(ctx context.Context, out chan<- *job) {
	select {
	case out <- &job{}:
	case <-ctx.Done():
	}
}

// start runs the stage; the shared pass summarizes packages that start
// goroutines.
func start(ctx context.Context, in <-chan *job, out chan<- *job) {
	go forward(ctx, in, out)
}
