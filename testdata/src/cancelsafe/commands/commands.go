// Package commands holds the actions of a command-line program. The
// framework runs the chosen action once, and the program ends when it
// returns: what an action, or a function only actions call once, leaves
// blocked is one goroutine per run and ends with the process. Functions
// that may run more often are checked.
package commands

import (
	"context"

	"github.com/choria-io/fisk"
	"github.com/spf13/cobra"
	"github.com/urfave/cli/v2"
)

func work(ctx context.Context) error { return nil }

func check() error { return nil }

// NewRoot declares the commands.
func NewRoot() *cobra.Command {
	root := &cobra.Command{Use: "tool"}
	root.AddCommand(&cobra.Command{
		Use: "fetch",
		RunE: func(cmd *cobra.Command, args []string) error {
			errc := make(chan error)
			go func() { errc <- work(context.Background()) }()
			if err := check(); err != nil {
				return err
			}
			return <-errc
		},
	})
	root.AddCommand(&cobra.Command{Use: "sync", RunE: runSync})
	return root
}

func runSync(cmd *cobra.Command, args []string) error {
	return syncAll(context.Background())
}

// syncAll is called only by runSync, once.
func syncAll(ctx context.Context) error {
	errc := make(chan error)
	go func() { errc <- work(ctx) }()
	if err := check(); err != nil {
		return err
	}
	return <-errc
}

// Sync is exported: another package may call it many times.
func Sync(ctx context.Context) error {
	errc := make(chan error)
	go func() { errc <- work(ctx) }()
	if err := check(); err != nil {
		return err // want `this return comes before any receive from errc; the goroutine started at line 55 blocks forever`
	}
	return <-errc
}

type benchCmd struct{ clients int }

// Register declares fisk commands with method values.
func Register(app *fisk.Application) {
	c := &benchCmd{}
	app.Command("pub", "publish").Action(c.pubAction)
	app.Command("each", "publish each").Action(c.eachAction)
}

func (c *benchCmd) pubAction(_ *fisk.ParseContext) error {
	errc := make(chan error)
	go func() { errc <- work(context.Background()) }()
	if err := check(); err != nil {
		return err
	}
	return <-errc
}

// eachAction calls fetchEach in a loop: each call strands another goroutine.
func (c *benchCmd) eachAction(_ *fisk.ParseContext) error {
	for range c.clients {
		if err := c.fetchEach(); err != nil {
			return err
		}
	}
	return nil
}

func (c *benchCmd) fetchEach() error {
	errc := make(chan error)
	go func() { errc <- work(context.Background()) }()
	if err := check(); err != nil {
		return err // want `this return comes before any receive from errc; the goroutine started at line 92 blocks forever`
	}
	return <-errc
}

type processor struct{}

// starter names start: a call through it does not name the method, so
// start may run anywhere.
type starter interface{ start() error }

// NewApp declares urfave/cli actions.
func NewApp() *cli.App {
	return &cli.App{Action: func(*cli.Context) error {
		p := &processor{}
		if err := p.run(); err != nil {
			return err
		}
		return p.start()
	}}
}

// run is called only by the action, once.
func (p *processor) run() error {
	errc := make(chan error)
	go func() { errc <- work(context.Background()) }()
	if err := check(); err != nil {
		return err
	}
	return <-errc
}

func (p *processor) start() error {
	errc := make(chan error)
	go func() { errc <- work(context.Background()) }()
	if err := check(); err != nil {
		return err // want `this return comes before any receive from errc; the goroutine started at line 128 blocks forever`
	}
	return <-errc
}

// handlers is a registry whose functions run once per request.
var handlers = map[string]func(*fisk.ParseContext) error{}

// Handed registers an action that is also handed on as a value.
func Handed(app *fisk.Application) {
	c := &benchCmd{}
	app.Command("twice", "").Action(c.twiceAction)
	handlers["twice"] = c.twiceAction
}

func (c *benchCmd) twiceAction(_ *fisk.ParseContext) error {
	errc := make(chan error)
	go func() { errc <- work(context.Background()) }()
	if err := check(); err != nil {
		return err // want `this return comes before any receive from errc; the goroutine started at line 147 blocks forever`
	}
	return <-errc
}

// NewLate sets its action by assignment.
func NewLate() *cobra.Command {
	cmd := &cobra.Command{Use: "late"}
	cmd.RunE = runLate
	return cmd
}

func runLate(*cobra.Command, []string) error {
	errc := make(chan error)
	go func() { errc <- work(context.Background()) }()
	if err := check(); err != nil {
		return err
	}
	return <-errc
}

// NewRetry's action retries with a goto and recurses: neither callee runs
// once.
func NewRetry() *cobra.Command {
	return &cobra.Command{Use: "retry", RunE: func(*cobra.Command, []string) error {
		n := 0
	again:
		if err := attempt(); err != nil && n < 3 {
			n++
			goto again
		}
		return walk(3)
	}}
}

func attempt() error {
	errc := make(chan error)
	go func() { errc <- work(context.Background()) }()
	if err := check(); err != nil {
		return err // want `this return comes before any receive from errc; the goroutine started at line 186 blocks forever`
	}
	return <-errc
}

func walk(depth int) error {
	if depth > 0 {
		if err := walk(depth - 1); err != nil {
			return err
		}
	}
	errc := make(chan error)
	go func() { errc <- work(context.Background()) }()
	if err := check(); err != nil {
		return err // want `this return comes before any receive from errc; the goroutine started at line 200 blocks forever`
	}
	return <-errc
}

// settings is computed once, by a package initializer.
var settings = loadSettings()

func loadSettings() error {
	errc := make(chan error)
	go func() { errc <- work(context.Background()) }()
	if err := check(); err != nil {
		return err
	}
	return <-errc
}
