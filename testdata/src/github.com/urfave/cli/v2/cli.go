// Package cli is a stand-in for github.com/urfave/cli/v2: the parts the
// fixtures use.
package cli

// Context is what an action is handed.
type Context struct{}

// Command is a subcommand with its action.
type Command struct {
	Name   string
	Action func(*Context) error
}

// App is the program's commands.
type App struct {
	Commands []*Command
	Action   func(*Context) error
}

// Run runs the action the arguments choose.
func (a *App) Run(args []string) error { return nil }
