package stops

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

type child interface{ Signal(os.Signal) error }

// Forward relays the signals the process gets to a child while it runs.
// The Stop ends the signals but not the range: one goroutine per call.
func Forward(p child, wait func() error) error {
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM)
	defer signal.Stop(sigs)
	go func() { // want `^goroutine ranges over sigs, which signal.Stop stops but nobody closes; the goroutine never exits \(close sigs after the Stop\)$`
		for s := range sigs {
			p.Signal(s)
		}
	}()
	return wait()
}

// The twin closes the channel once the Stop has returned: no signal can
// come after it, and the range ends.
func ForwardClean(p child, wait func() error) error {
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM)
	defer func() {
		signal.Stop(sigs)
		close(sigs)
	}()
	go func() {
		for s := range sigs {
			p.Signal(s)
		}
	}()
	return wait()
}

// Interruptible cancels the work on the first interrupt. When the work
// ends first, the goroutine waits for an interrupt that Stop has ruled out.
func Interruptible(ctx context.Context, work func(context.Context) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt)
	defer signal.Stop(sigs)
	go func() { // want `^goroutine waits on sigs, which gets no signal after signal.Stop and is never closed; unless a signal came first, it blocks forever \(select on a done channel as well\)$`
		<-sigs
		cancel()
	}()
	return work(ctx)
}

// The twin also leaves when the work is over.
func InterruptibleClean(ctx context.Context, work func(context.Context) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt)
	defer signal.Stop(sigs)
	go func() {
		select {
		case <-sigs:
			cancel()
		case <-ctx.Done():
		}
	}()
	return work(ctx)
}

// OnHangup reloads on every SIGHUP until the returned func stops it,
// which ends the signals and leaves the loop waiting.
func OnHangup(reload func()) (stop func()) {
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	go relay(hup, reload) // want `^goroutine waits on hup in a loop, but signal.Stop ends the signals and nobody closes hup; the goroutine never exits$`
	return func() { signal.Stop(hup) }
}

func relay(c <-chan os.Signal, f func()) {
	for {
		<-c
		f()
	}
}

// The twin's stop fakes a last signal after the Stop, which the loop
// takes as its cue to leave.
func OnHangupClean(reload func()) (stop func()) {
	hup := make(chan os.Signal, 1)
	quit := make(chan struct{})
	signal.Notify(hup, syscall.SIGHUP)
	go func() {
		for range hup {
			select {
			case <-quit:
				return
			default:
				reload()
			}
		}
	}()
	return func() {
		signal.Stop(hup)
		close(quit)
		hup <- syscall.SIGHUP
	}
}

// A handler for the life of the process, with no Stop offered: silent.
func HandleTerm(shutdown func()) {
	term := make(chan os.Signal, 1)
	signal.Notify(term, syscall.SIGTERM)
	go func() {
		<-term
		shutdown()
	}()
}

// The goroutine stops the signals itself once it has one: its Stop runs
// after the wait, and ends nothing it waits on.
func OnceInterrupted(f func()) {
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt)
	go func() {
		<-sigs
		signal.Stop(sigs)
		f()
	}()
}

// Relay stops the signals once the child is done; the fix closes the
// channel on the next line.
func Relay(p child, wait func() error) error {
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt)
	go func() { // want `^goroutine ranges over sigs, which signal.Stop stops but nobody closes`
		for s := range sigs {
			p.Signal(s)
		}
	}()
	err := wait()
	signal.Stop(sigs)
	return err
}

// The stop func may be called twice, and a second close would panic:
// reported, with no fix.
func RelayUntil(p child) (stop func()) {
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt)
	go func() { // want `^goroutine ranges over sigs, which signal.Stop stops but nobody closes`
		for s := range sigs {
			p.Signal(s)
		}
	}()
	return func() { signal.Stop(sigs) }
}

// Two shared variables that hand the channel back and forth: the walk of
// where it is kept visits each variable once, and ends.
func Swapped(p child, wait func() error) error {
	sigs := make(chan os.Signal, 1)
	a := sigs
	b := a
	a = b
	func() { _, _ = a, b }()
	signal.Notify(sigs, os.Interrupt)
	defer signal.Stop(sigs)
	go forward(sigs, p) // want `^goroutine ranges over a, which signal.Stop stops but nobody closes`
	return wait()
}

func forward(c <-chan os.Signal, p child) {
	for s := range c {
		p.Signal(s)
	}
}
