// Package commands holds a command-line program's actions, which the
// framework runs once before the program ends: a group one of them
// leaves running, or a future it drops, is bounded and ends with the
// process. What runs more often is checked.
package commands

import (
	"errors"
	"sync"

	"github.com/choria-io/fisk"
	"mustawait/lib"
)

type benchCmd struct{ clients int }

func connect(int) error { return nil }

// Register declares the commands.
func Register(app *fisk.Application) {
	c := &benchCmd{}
	app.Command("pub", "publish").Action(c.pubAction)
	app.Command("loop", "publish in rounds").Action(c.loopAction)
}

// pubAction starts a publisher per client and returns early when one
// cannot connect.
func (c *benchCmd) pubAction(_ *fisk.ParseContext) error {
	var wg sync.WaitGroup
	for i := range c.clients {
		if err := connect(i); err != nil {
			return err
		}
		wg.Add(1)
		go func() { defer wg.Done() }()
	}
	lib.Start()
	wg.Wait()
	return nil
}

// loopAction runs rounds: each one it skips waiting for leaves a group
// behind, and drops a future.
func (c *benchCmd) loopAction(_ *fisk.ParseContext) error {
	for range c.clients {
		if err := c.round(); err != nil {
			return err
		}
		lib.Start() // want "result of lib.Start is discarded"
	}
	return nil
}

func (c *benchCmd) round() error {
	var wg sync.WaitGroup
	for i := range c.clients {
		wg.Add(1) // want "wg.Add is not followed by wg.Wait on the path that returns at line 60"
		go func() { defer wg.Done() }()
		if i > 3 {
			return errors.New("too many")
		}
	}
	wg.Wait()
	return nil
}
