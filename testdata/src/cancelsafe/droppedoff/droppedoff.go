// With the dropped-values flag off (the default), dropping a forwarded
// value on cancellation is not reported.
package droppedoff

import "context"

type job struct{ id int }

func (j *job) release() {}

func forward(ctx context.Context, in <-chan *job, out chan<- *job) {
	for j := range in {
		select {
		case out <- j:
		case <-ctx.Done():
			return
		}
	}
}

// start runs the stage; the shared pass summarizes packages that start
// goroutines.
func start(ctx context.Context, in <-chan *job, out chan<- *job) {
	go forward(ctx, in, out)
}
