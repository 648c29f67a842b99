// Futures from callees, here and in another package.
package futures

import (
	"context"
	"time"

	"cancelsafe/lib"
)

func fetchAsync(ctx context.Context, url string) <-chan int {
	ch := make(chan int)
	go func() { ch <- len(url) }()
	return ch
}

func inSelectCase(ctx context.Context) (int, error) {
	select {
	case n := <-fetchAsync(ctx, "a"):
		return n, nil
	case <-ctx.Done(): // want `when ctx is done first, the goroutine started by fetchAsync blocks forever sending on its result channel; give it a buffer for every send in fetchAsync$`
		return 0, ctx.Err()
	}
}

func crossPackage(ctx context.Context) (string, error) {
	resc := lib.Fetch(ctx, "k")
	select {
	case s := <-resc:
		return s, nil
	case <-time.After(time.Second): // want `when the timeout fires first, the goroutine started by lib.Fetch blocks forever`
		return "", context.DeadlineExceeded
	}
}

func crossPackageInCase(ctx context.Context) (string, error) {
	select {
	case s := <-lib.Fetch(ctx, "k"):
		return s, nil
	case <-ctx.Done(): // want `the goroutine started by lib.Fetch blocks forever sending on its result channel`
		return "", ctx.Err()
	}
}

// A named function of another package, run as the goroutine.
func crossPackageBody(ctx context.Context) (string, error) {
	ch := make(chan string)
	go lib.Produce(ch)
	select {
	case s := <-ch:
		return s, nil
	case <-ctx.Done(): // want `when ctx is done first, the goroutine started at line 48 blocks forever sending on ch; give ch a buffer for every sender, or let the sends give up`
		return "", ctx.Err()
	}
}

// A callee that starts the goroutine itself.
func spawningCallee(ctx context.Context) (string, error) {
	ch := make(chan string)
	lib.StartWorker(ch)
	select {
	case s := <-ch:
		return s, nil
	case <-ctx.Done(): // want `the goroutine started by lib.StartWorker blocks forever sending on ch`
		return "", ctx.Err()
	}
}

// --- clean twins: no diagnostics below ---

// A goroutine runs a function of another package that lets ch go (it has
// no fact): whoever gets ch may receive, so the exit on ctx.Done() is not
// known to strand the sender.
func crossPackageHandsOff(ctx context.Context) (string, error) {
	ch := make(chan string)
	go lib.Hand(ch)
	go func() { ch <- "v" }()
	select {
	case s := <-ch:
		return s, nil
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

func bufferedFuture(ctx context.Context) (string, error) {
	select {
	case s := <-lib.FetchBuffered(ctx, "k"):
		return s, nil
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

func guardedFuture(ctx context.Context) (string, error) {
	select {
	case s := <-lib.FetchGuarded(ctx, "k"):
		return s, nil
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

func guardedBody(ctx context.Context) (string, error) {
	ch := make(chan string)
	go lib.Offer(ctx, ch)
	select {
	case s := <-ch:
		return s, nil
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

func futureReceived(ctx context.Context) string {
	return <-lib.Fetch(ctx, "k")
}

func futureDrainedOnCancel(ctx context.Context) (string, error) {
	resc := lib.Fetch(ctx, "k")
	select {
	case s := <-resc:
		return s, nil
	case <-ctx.Done():
		go func() { <-resc }()
		return "", ctx.Err()
	}
}

// Two futures race; the loser's goroutine blocks on its send.
func raceFutures(ctx context.Context) string {
	select {
	case s := <-lib.Fetch(ctx, "a"): // want `when another case wins, the goroutine started by lib.Fetch blocks forever sending on its result channel`
		return s
	case s := <-lib.Fetch(ctx, "b"): // want `when another case wins, the goroutine started by lib.Fetch blocks forever sending on its result channel`
		return s
	}
}

// The channel holds the one send the callee's goroutine makes.
func spawningCalleeBuffered(ctx context.Context) (string, error) {
	ch := make(chan string, 1)
	lib.StartWorker(ch)
	select {
	case s := <-ch:
		return s, nil
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

// startStream returns two futures: a stream of values and its error,
// fed by one goroutine that sends until reading fails.
func startStream(read func() (int, error)) (chan int, chan error) {
	out, errc := make(chan int), make(chan error)
	go func() {
		for {
			v, err := read()
			if err != nil {
				errc <- err
				return
			}
			out <- v
		}
	}()
	return out, errc
}

func consumeStream(ctx context.Context, read func() (int, error), handle func(int)) error {
	values, errc := startStream(read)
	for {
		select {
		case err := <-errc:
			return err
		case v := <-values:
			handle(v)
		case <-ctx.Done(): // want `when ctx is done first, the goroutine started by startStream blocks forever sending on its result channel; let startStream's goroutine stop: its send needs a select on ctx.Done\(\)$`
			return ctx.Err()
		}
	}
}

// --- clean twins of the stream ---

// startStreamWatching's goroutine gives up its sends when ctx is done.
func startStreamWatching(ctx context.Context, read func() (int, error)) (chan int, chan error) {
	out, errc := make(chan int), make(chan error)
	go func() {
		for {
			v, err := read()
			if err != nil {
				select {
				case errc <- err:
				case <-ctx.Done():
				}
				return
			}
			select {
			case out <- v:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out, errc
}

func consumeStreamWatching(ctx context.Context, read func() (int, error), handle func(int)) error {
	values, errc := startStreamWatching(ctx, read)
	for {
		select {
		case err := <-errc:
			return err
		case v := <-values:
			handle(v)
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

func consumeStreamToTheEnd(read func() (int, error), handle func(int)) error {
	values, errc := startStream(read)
	for {
		select {
		case err := <-errc:
			return err
		case v := <-values:
			handle(v)
		}
	}
}

// The stream's goroutine has more lines to send when the loop returns.
func firstBlank(src []string) int {
	n := 0
	for l := range lib.Lines(src) {
		if l == "" {
			return n // want `this return leaves the loop receiving from its result channel early; the goroutine started by lib.Lines blocks forever sending on its result channel; receive the rest before returning`
		}
		n++
	}
	return n
}

// Silent: the loop takes every line.
func countLines(src []string) int {
	n := 0
	for range lib.Lines(src) {
		n++
	}
	return n
}

// Silent: after the break the rest is drained.
func firstBlankDrained(src []string) int {
	n := 0
	lines := lib.Lines(src)
	for l := range lines {
		if l == "" {
			break
		}
		n++
	}
	for range lines {
	}
	return n
}

// Silent: the stream's goroutine gives up when ctx is canceled.
func firstBlankCtx(ctx context.Context, src []string) int {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	n := 0
	for l := range lib.LinesCtx(ctx, src) {
		if l == "" {
			return n
		}
		n++
	}
	return n
}

// Fan-out in another package: the first error returns with the other
// goroutines still to send.
func fetchAll(keys []string) error {
	errs := lib.FetchEach(keys)
	for range keys {
		if err := <-errs; err != nil {
			return err // want `this return leaves the loop receiving from its result channel early; the goroutines started by lib.FetchEach that have not sent yet block forever sending on its result channel; receive the rest before returning, or let lib.FetchEach's goroutines stop`
		}
	}
	return nil
}

// Silent: every result is taken before the first error is returned.
func fetchAllThenFail(keys []string) error {
	errs := lib.FetchEach(keys)
	var first error
	for range keys {
		if err := <-errs; err != nil && first == nil {
			first = err
		}
	}
	return first
}

// A helper of another package may send twice; one receive leaves its
// second send blocked.
func reportTwice(first, second func() error) error {
	ch := make(chan error)
	go lib.Report(ch, first, second)
	return <-ch // want `this return comes after receiving once from ch; the goroutine started at line \d+ blocks forever sending on ch`
}

// Silent: the helper sends once.
func reportOnce(first func() error) error {
	ch := make(chan error)
	go lib.ReportOnce(ch, first)
	return <-ch
}

// A stream received once: the return strands its goroutine on the next
// send.
func firstLine(src []string) string {
	lines := lib.Lines(src)
	first := <-lines
	return first // want `this return comes after receiving once from its result channel; the goroutine started by lib.Lines blocks forever sending on its result channel; receive the rest before returning, or let lib.Lines's goroutine stop`
}

// A stream whose goroutine checks ctx, but not at its send: the check
// covers the select, not the send after it.
func ticks(ctx context.Context) <-chan int {
	ch := make(chan int)
	go func() {
		for i := 0; ; i++ {
			select {
			case <-ctx.Done():
				return
			default:
			}
			ch <- i
		}
	}()
	return ch
}

func firstTick(ctx context.Context) int {
	t := ticks(ctx)
	return <-t // want `this return comes after receiving once from its result channel; the goroutine started by ticks blocks forever sending on its result channel; receive the rest before returning, or let ticks's goroutine stop: its send needs a select on ctx.Done\(\)`
}

// Negative twins: a stream whose send gives up on ctx; one received to
// the end; a return before any receive (a future not awaited on that
// path is mustawait's).
func firstLineCtx(ctx context.Context, src []string) string {
	lines := lib.LinesCtx(ctx, src)
	return <-lines
}

func allLines(src []string) []string {
	lines := lib.Lines(src)
	var out []string
	out = append(out, <-lines)
	for l := range lines {
		out = append(out, l)
	}
	return out
}

func linesUnlessEmpty(src []string) string {
	lines := lib.Lines(src)
	if len(src) == 0 {
		return ""
	}
	for l := range lines {
		if l == "" {
			continue
		}
	}
	return "done"
}

// A select whose cases are both empty: either way the function goes on
// to return, and when ctx wins nobody takes the goroutine's value.
func waitEmptyCases(ctx context.Context) error {
	done := make(chan struct{})
	go func() { done <- struct{}{} }()
	select {
	case <-done:
	case <-ctx.Done(): // want `when ctx is done first, the goroutine started at line \d+ blocks forever sending on done`
	}
	return ctx.Err()
}

// Silent: the same, with room for the one send.
func waitEmptyCasesBuffered(ctx context.Context) error {
	done := make(chan struct{}, 1)
	go func() { done <- struct{}{} }()
	select {
	case <-done:
	case <-ctx.Done():
	}
	return ctx.Err()
}

// produce sends every item on out, a send-only view of the caller's
// channel.
func produce(items []int, out chan<- int) {
	defer close(out)
	for _, it := range items {
		out <- it
	}
}

// listing hands its channel to a function of the package, converted to
// send-only: the future is a stream all the same.
func listing(items []int) <-chan int {
	ch := make(chan int)
	go produce(items, ch)
	return ch
}

func mirrorUntil(ctx context.Context, items []int, handle func(int)) {
	urls := listing(items)
	for {
		select {
		case v, ok := <-urls:
			if !ok {
				return
			}
			handle(v)
		case <-ctx.Done(): // want `when ctx is done first, the goroutine started by listing blocks forever sending on its result channel; let listing's goroutine stop: its send needs a select on ctx.Done\(\)$`
			return
		}
	}
}

type mirrorJob struct{ stopCh chan struct{} }

func (mj *mirrorJob) walk(ctx context.Context, items []int) <-chan int {
	ch := make(chan int)
	go produce(items, ch)
	_ = ctx
	return ch
}

// The producer is handed ctx, not mj.stopCh: the exit on mj.stopCh is
// advised the ctx it can take, so both exits are one finding.
func (mj *mirrorJob) start(ctx context.Context, items []int, handle func(int)) {
	urls := mj.walk(ctx, items)
	for {
		select {
		case v, ok := <-urls:
			if !ok {
				return
			}
			handle(v)
		case <-ctx.Done(): // want `when ctx is done first, the goroutine started by mj.walk blocks forever sending on its result channel; let mj.walk's goroutine stop: its send needs a select on ctx.Done\(\) \(the same at line 461\)$`
			return
		case <-mj.stopCh:
			return
		}
	}
}
