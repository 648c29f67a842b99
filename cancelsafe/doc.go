// Package cancelsafe defines an Analyzer that reports exits that abandon
// work which is not cancel-safe.
//
// # Analyzer cancelsafe
//
// cancelsafe: report exits that abandon work which is not cancel-safe
//
// When a select's cancellation or timeout case wins, or a function
// returns early out of a loop that receives results, whatever was still
// in flight is abandoned. A goroutine that was going to hand over its
// result with a plain send then blocks forever: nobody will ever receive
// from its channel. This is the most common goroutine leak in Go, and
// it is usually fixed by giving the result channel a buffer.
//
//	func fetch(ctx context.Context, url string) (*Page, error) {
//		ch := make(chan result)
//		go func() {
//			p, err := download(url)
//			ch <- result{p, err} // blocks forever once fetch has returned
//		}()
//		select {
//		case r := <-ch:
//			return r.page, r.err
//		case <-ctx.Done():
//			return nil, ctx.Err()
//		}
//	}
//
// Give the channel room for every send, so that the goroutine can finish
// on its own:
//
//	ch := make(chan result, 1)
//
// cancelsafe reports, at the exit, a goroutine started by the function
// (with go, an errgroup or WaitGroup.Go, or a time.AfterFunc callback
// whose timer is dropped: a kept timer can be stopped) or by a callee
// (a function whose result channel is a future, known across packages)
// that does a plain send on a channel the function made (or got from a
// helper that makes it for its caller with a constant buffer, known
// across packages), when the
// channel's buffer is smaller than the number of sends that can still be
// pending. A send in a deferred closure counts as the goroutine's last
// (a recover that reports the panic). The exits it knows are:
//
//   - a select case that signals cancellation (ctx.Done(), time.After, a
//     timer's C, a stop or quit channel of struct{}, bool or os.Signal)
//     or a default case, followed by a return that does not receive from
//     the channel;
//   - a select case that receives another goroutine's result (a channel
//     made here that other goroutines feed, or another call's future),
//     when no path after it ever takes the channel's value: two servers
//     raced, and the loser's sender blocks;
//   - a return or break out of a counted loop (a range, or a for with a
//     condition) that receives from the channel, while goroutines started
//     before the loop may not have sent yet;
//   - a return after fewer straight-line receives than there are sends,
//     as when two goroutines send errors and the first one is returned,
//     or a return after taking one value of a callee's stream (a future
//     whose goroutine sends in a loop with a plain send);
//   - a return before any receive, such as an error return ahead of the
//     receive (explicit, or falling off the function's closing brace),
//     on a path that does not reach a loop that receives from the
//     channel (such a loop may run no times, exactly when the loop that
//     started the goroutines did not run either).
//
// A return that only the closed branch of a comma-ok receive from the
// channel reaches (v, ok := <-ch; if !ok { return }) strands nobody: a
// sender still waiting on a closed channel would panic, not block. Nor
// does a return after <-done from a callee's stream whose goroutine also
// closes the channel, when every receive drops the value: the function
// waits for the end (or the first failure), not for values one by one.
//
// Exits that strand the same goroutines on the same channels, with the
// same advice, are one bug: the first of them reports it, and names the
// others ("(the same at lines 16 and 19)"). At an exit that gave up
// waiting (a timeout, a cancel, a rival's result), the advice is never to
// receive there, which would wait again: a buffer, or sends that give up,
// with a select on the signal that exit took when they can take it too
// (ctx.Done(), a stop channel of struct{}; for a callee's goroutine, one
// the call hands it, else the context it hands), else on ctx.Done() where
// the function holds a context, or on a channel it closes. A stream or
// fan-out of another module (a library's Enumerate) gets only the advice
// to receive the rest: its sends are not the caller's to change.
//
// Channels kept in a slice count too: one made (or got from a callee)
// each round of a loop, each fed by its own goroutine, and received
// element by element later. An early exit from the receiving loop
// strands the goroutines whose channels it has not reached, and the fix
// is a buffer for each channel. So do channels kept in a field of a
// struct the function allocates (c := &call{done: make(chan error)};
// go run(c); <-c.done), when the struct goes only to the goroutines it
// starts. A helper called in a counted loop starts a goroutine each
// round, and a range over an integer counts as its bound.
//
// When the stranded goroutine holds a sync.Mutex, an RWMutex or a
// semaphore at its send (x/sync's, or a Take or Acquire method of a type
// that also has Release, such as a limiter over a channel), the finding
// says so: everything else that needs the lock deadlocks. When every send can be counted (one send each, as
// the goroutine's last act, from one goroutine or from a loop over a
// constant, the len of a slice or map, or an unsigned bound that is
// never reassigned; a variable's unexported field that nothing in the
// package assigns, set when its value is built, counts as such a bound),
// the finding offers to give the channel that
// buffer. A signed bound such as n or p.workers is only named in the message: make
// panics on a negative size where the loop just runs no times. A send
// that only the goroutine counting a shared latch down to zero makes
// (if n.Add(-1) == 0 { done <- x }) counts once, however many
// goroutines share the latch: one of them blocks, and a buffer of 1 is
// the fix. When the
// goroutine first ranges over or receives from another channel that the
// function neither sends on nor closes (a collector handed out by a
// helper whose Stop closes it), the finding says so and offers no fix:
// a buffer alone does not free it.
//
// Not reported: goroutines whose send is in a select with another way
// out; channels whose buffer holds every pending send, or whose size is
// not a constant; exits that receive from, drain or close the channel
// first, or that a deferred call covers; channels that escape or that
// another goroutine also receives from; goroutines already joined before
// the exit (a Wait, or the end of a range over a channel they close as
// they exit); a select case on a channel the same goroutine may have sent
// on instead (one after whose send it always goes on to send on the
// pending channel is reported), or after which the function still
// receives the rest; a
// data stream ending; a ctx.Done() case of a context.WithCancel of
// context.Background() that only deferred code cancels (the function's,
// or the one sender's own), which cannot win while the sender waits;
// a goroutine that sends only when its server fails by itself (if err :=
// srv.Serve(l); err != http.ErrServerClosed { errCh <- err }), since
// closing the server ends it; a helper's goroutine when the helper may
// return without starting it, except at an exit on the helper's error
// path; a return in a loop's first round, before its go statement, on a
// test the loop does not change; paths that panic, exit the program
// (os.Exit, log.Fatal, and the Fatal calls of logrus, zap, klog, glog and
// zerolog, whose Msg exits at the fatal level) or fail the test, and returns of a non-nil error in a _test.go file from
// a helper whose callers fail the test on it; main, init, a function of package main that only they
// call (main's body by another name, as run in if err := run(); ...),
// and the function literals inside them; and exits of code that runs
// once per run of the program (a command's action handed to cobra,
// urfave/cli, kingpin or fisk, or a function only such code calls, once
// and outside loops), which strand goroutines started once and end with
// the process.
//
// A select with a default that receives from the channel takes a value
// only if it was already sent: the exit after its default still strands
// the sender. A goroutine that starts its own function again with the
// same channels (a handshake waiting for the next packet) counts as one
// sender, and so does a goroutine that runs a closure a helper returned
// beside the channel (done, stop := helper(); go stop()).
//
// With -cancelsafe.dropped-values, it also reports a forwarding select
// that drops the value it offers: a value someone must release (its type
// has a method such as Close, Release, Ack or Nack) received from a
// channel the function was given, offered with out <- v, and neither
// delivered nor handed back (released, requeued, returned) when another
// case wins. This is off by default, because dropping work on shutdown
// is often what the code means to do. Like every rule here, it looks at
// packages that start goroutines or use concurrency APIs.
//
// A goroutine that goes on writing into a buffer its caller owns after
// the function has returned is reported by leakedspawn.
//
// Suppress a finding with //nolint:cancelsafe // reason, on the line or on
// the enclosing declaration. A //nolint:cancelsafe with no reason, or one
// that suppresses nothing, is itself reported.
package cancelsafe
