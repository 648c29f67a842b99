// Package mustawait defines an Analyzer that reports futures that are
// never awaited.
//
// # Analyzer mustawait
//
// mustawait: report futures that are dropped before they are awaited
//
// A future is work in flight that the caller must wait for: a channel
// that a goroutine started by the callee sends its result on, a closure
// that receives that result, a handle whose Wait method joins the
// callee's goroutines, an errgroup.Group or sync.WaitGroup after Go or
// Add, an exec.Cmd after Start, a singleflight DoChan channel, and the
// results of functions marked //scopevet:mustawait. Dropping one leaks a
// goroutine blocked on its send forever, lets goroutines outlive the
// function that owns them, or leaves a zombie process. A desktop opener
// (exec.Command("xdg-open", url).Start(), open, rundll32) is not
// reported: it exits at once, and leaves one zombie per call until the
// program exits.
//
// mustawait reports a future that is discarded, or that is neither
// awaited nor handed on along some path to a return:
//
//	func handle(ctx context.Context, urls []string) error {
//		var g errgroup.Group
//		for _, u := range urls {
//			g.Go(func() error { return fetch(ctx, u) })
//		}
//		if err := validate(urls); err != nil {
//			return err // g.Wait is skipped: the fetches outlive handle
//		}
//		return g.Wait()
//	}
//
// Validate first, or wait on every path:
//
//	if err := validate(urls); err != nil {
//		_ = g.Wait()
//		return err
//	}
//
// When a WaitGroup's Add has counted a goroutine that the reported path
// never starts (an Add(1) ahead of an error return that skips the go
// statement), a Wait at that return would block forever; the finding says
// so and advises an Add(1) just before each go statement instead. When a
// goroutine of an errgroup.WithContext group waits for the group's own
// context (<-ctx.Done(), a stopper), a Wait there would wait until some
// goroutine fails; the finding says so and advises cancelling the context
// the group derives from first. When a goroutine of the group sends, with
// no select to give up in, on a channel the function receives from, a
// Wait at a return that stops receiving may block on that send; the
// finding says so and advises a select on ctx.Done() at the send, or room
// in the channel for every send; when one ranges over or receives from a
// channel the function closes later, the advice is to close it first,
// then wait. Where cancelsafe reports that exit as
// stranding the sender, the group is left to it: one finding per bug.
//
// Awaiting is a receive, a range, a select case, a Wait or Join call, or
// a call that awaits its argument. Handing the future on (returning it,
// storing it in a field, sending it, passing it to code that keeps it)
// moves the duty to whoever receives it. Buffered fire-and-forget
// channels, futures whose goroutine selects on cancellation, and
// goroutines started from main and init (or from a function only they
// call, such as run in `if err := run(); err != nil { log.Fatal(err) }`)
// are not reported, nor are returns and dropped futures outside loops in
// code that runs once per run of the program (a command's action handed
// to cobra, urfave/cli, kingpin or fisk, or a function only such code
// calls, once), whose goroutines end with the process, nor are
// returns on paths that already failed the test (t.Error, t.Fatal,
// testify's require.Fail and assert.Fail), nor
// returns of a non-nil error in a _test.go file from a helper whose
// callers fail the test on it (one that retries or expects the error
// keeps the finding), nor a future discarded by a call whose every path
// on either fails the call (the test expects its error: _, err := f();
// if err == nil { t.Fatal(...) }) or the test. Neither is a
// sync.WaitGroup that the function never waits for on any path: it is
// left over rather than a join forgotten on one path (its goroutines are
// usually joined another way), and leakedspawn judges those goroutines.
// Nor is a start barrier: a WaitGroup a goroutine marks done first thing
// (go run(started, done) with started.Done() at the top of run), whose
// Wait only says the goroutines have begun. Nor is a group's goroutine
// that only runs a method of a value kept in a field that the package
// shuts down (g.Go(func() error { return s.srv.Serve() }), where Close
// calls s.srv.Shutdown): the owner's shutdown ends it. Two groups over the same
// goroutines that one return skips (started, done) are one bug, reported
// on the group they mark done last, their join. Nor is a WaitGroup whose goroutines each give up on the ctx.Done() of
// a context the function's own defer cancels (defer cancel()), or that
// only send on a channel sized at run time (make(chan T, len(ws)), taken
// to have room for every send) and hand such a context to their work: a
// return that skips the Wait leaves them only until that defer runs; likewise a
// return after the function calls the cancel func of a context that every
// goroutine of the group watches (its own, or one the group's context
// derives from: stop(); return), or after it closes, or receives from,
// a stop channel on which every goroutine of the group gives up (case
// <-s.quit: return), or closes the channel they range over or receive
// their work from (close(jobs); return), or closes the reader of an
// io.Pipe they write into (also by the RoundTrip or Do of a request whose
// body it is). Nor is a
// return that no goroutine start reaches after Add(n): a loop's first
// round can return before its go statement (if tc.err != nil { return },
// a condition the loop does not change, or path.Match's error, which only
// the pattern decides), and then none is running. Nor is a return on the
// branch where the stop func of context.AfterFunc (or a time.AfterFunc
// timer's Stop) returned true: the func never runs. A future returned
// beside a context.CancelFunc counts as awaited where the caller calls
// that cancel, and on every path when it defers it. A returned join
// handle whose goroutine also marks another owner's WaitGroup done
// (defer t.store.WaitGroup().Done()) is that owner's to join, and a
// callee's future that a function returns while a closure it makes
// (a cleanup returned beside it) holds it too is not its caller's alone:
// neither is reported when dropped. A group's Go whose goroutine only
// waits on another group that the function stores in a field or a
// global (g.Go(func() error { return inner.Wait() }) after r.inner =
// inner) arms nothing: whoever owns that stored group joins the work.
//
// The //scopevet:mustawait directive goes in the doc comment of a function
// or method declaration and marks its results other than errors. Placed
// anywhere else (an interface method, a variable, a type), or on a function
// that returns nothing or only an error, it would mark nothing, and it is
// reported.
//
// Suppress a finding with //nolint:mustawait // reason, on the line or on
// the enclosing declaration. A //nolint:mustawait with no reason, or one
// that suppresses nothing, is itself reported.
package mustawait
