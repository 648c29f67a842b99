// Package leakedspawn defines an Analyzer that reports goroutines that
// escape the scope that started them.
//
// # Analyzer leakedspawn
//
// leakedspawn: report goroutines that outlive their scope and misbehave
//
// Structured concurrency says every goroutine has an owner that outlives
// it. A goroutine escapes when the function that starts it does not join
// it on every path to return: no Wait on a WaitGroup or errgroup it
// signals, no receive from a channel it sends on or closes, and no
// handing of that WaitGroup, group or channel to the caller or to an
// owner (a field, a parameter) that joins it later.
//
// leakedspawn reports an escaping goroutine when what it does after its
// spawner returns is a bug:
//
//   - it uses a handler's http.ResponseWriter, reads the request body or
//     form, or passes the request's context to cancelable work: the
//     response is finished and the context canceled by then (a handler
//     that hijacked the connection before the go statement owns it, and a
//     late write on its writer only fails with http.ErrHijacked; reading
//     the context's values, for a log line, is fine; waiting on
//     the context's Done is fine: that is how it learns the request ended;
//     so is a handler that returns only after waiting for that Done, since
//     the work then ends with the context, before the return, and a
//     goroutine whose select leaves on that Done, which is meant to end
//     with the request);
//   - it writes into a slice parameter (a Read that gave up on a timeout
//     while its reader goroutine goes on filling the caller's buffer), or
//     into a buffer the spawner puts back into a sync.Pool (a helper that
//     runs a closure in goroutines and waits for them on every path, on
//     a WaitGroup or by receiving one result per goroutine, each its
//     last act, has run it before it returns: not reported);
//   - it can never finish: it ranges over a channel of the spawner's that
//     is never closed, receives from one nobody sends on or closes (its
//     own sends count when the channel has room, or when the receive is in
//     a goroutine it starts: a semaphore it fills before each worker), sends
//     on an unbuffered one nobody receives from, keeps sending in an
//     endless loop on one only the spawner receives from, or waits on a
//     ticker or timer that the spawner stops (Stop does not close C, and a
//     stopped timer never fires: a watchdog stopped on success), or on a
//     ticker or timer kept in a field that other code of the package stops
//     (a Close that calls s.ticker.Stop() as if that ended the range; a
//     stopped timer never fires), or on a channel the spawner hands to
//     signal.Notify and then to signal.Stop, which ends the signals but
//     never closes the channel (a goroutine that ranges over it, with the
//     one Stop a statement of the spawner, gets a SuggestedFix: close the
//     channel after the Stop, which is safe once Stop has returned; a
//     handler with no Stop offered lives with the process, and stays
//     silent). The receive
//     case holds as well when a helper, known through its summary, starts
//     the goroutine and is handed the channel, however many calls down,
//     unless its goroutine waits on it only in selects with another way
//     out, such as a timer or a context the caller cancels;
//   - its select takes ctx.Done() and goes back into its loop, with no
//     path out of the goroutine from there (a bare break leaves only the
//     select): once ctx is done it never stops and takes that case every
//     round. This one is reported whether or not the spawner joins it;
//   - it can never finish and uses the *testing.T, B or F of the test or
//     helper that started it: t.Log and t.Error after the test completes
//     panic.
//
// It also reports a send that a loop goroutine stops serving: a plain
// send on an unbuffered channel kept in a struct field, which only an
// owner's loop goroutine receives from, in a select with a case that
// leaves the loop on a stop signal (case <-s.done: return, or
// <-s.ctx.Done()). Once the loop has left, the send blocks forever; the
// fix is a select on that signal around the send (on a done channel the
// loop closes, when its stop is sent rather than closed). A send in a
// select whose other cases only wait for the caller's ctx is reported
// too: once the loop has left, it waits for that cancel, forever for a
// context nobody cancels. Only sends in exported functions and methods
// count (of unexported types too, which implement exported interfaces),
// outside test files: API calls a user can make after Close or a
// cancel. Silent when
// the sender takes a lock (it usually checks a closed flag first), when
// the channel has a buffer, or when other code receives from or closes
// it.
//
// A test goroutine that does finish is usually waited for through its
// effect (the message it publishes, the file it writes), and a loop that
// only works and sleeps is usually a daemon started once per process, so
// those are reported only with -leakedspawn.strict. So is a helper's
// goroutine that sends on a channel nobody receives from: a summary says
// that the goroutine may send, not that it will (a test server's goroutine
// that sends each line it reads, in a test whose client writes none).
// Code after t.Skip, t.Fatal or log.Fatal does not run and is not checked.
//
// For example:
//
//	func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
//		go h.audit(r.Context(), r.URL.Path) // the context is canceled on return
//		go func() {
//			fmt.Fprintln(w, "accepted") // w is finished on return
//		}()
//	}
//
// Copy what the goroutine needs before starting it, detach the context
// with context.WithoutCancel, or join the goroutine before returning:
//
//	ctx := context.WithoutCancel(r.Context())
//	go h.audit(ctx, r.URL.Path)
//	fmt.Fprintln(w, "accepted")
//
// Goroutines started with go, by errgroup and conc groups, and by
// helpers that run a func argument in a goroutine (known through
// summaries, across packages) are all checked. Goroutines that observe a
// ctx, select on a stop channel, or range over a channel someone closes
// are not reported, nor are goroutines started in main and init, or in
// a function of package main that only they call, nor goroutines that
// never end but are started once, outside loops, by code that runs once
// per run of the program (a command's action handed to cobra,
// urfave/cli, kingpin or fisk, or a function only such code calls,
// once). A body
// that may run several times at once (in a loop, or handed to a helper
// that runs it) may be woken by another run of itself: when it sends on
// or closes the channel it waits on, it is not reported.
//
// Flags:
//
//   - -leakedspawn.strict: also report every escaping goroutine, even one
//     that observes cancellation (structured-concurrency purist mode), and
//     the cases above that need it. An escaping goroutine is reported at
//     its go statement ("goroutine running p.poll is not joined before
//     Start returns"), not again at each call of a helper that starts
//     it: a helper of another module (testify's Eventually) is its
//     module's business.
//   - -leakedspawn.main: also check main and init, and goroutines
//     started once by code that runs once per run.
//
// Suppress a finding with //nolint:leakedspawn // reason, on the line or
// on the enclosing declaration.
package leakedspawn
