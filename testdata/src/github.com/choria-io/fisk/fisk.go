// Package fisk is a stand-in for github.com/choria-io/fisk (a kingpin
// fork): the parts the fixtures use.
package fisk

// ParseContext is what an action is handed.
type ParseContext struct{}

// Application is the program's commands.
type Application struct{}

// CmdClause is one command.
type CmdClause struct{}

// New makes an application.
func New(name, help string) *Application { return &Application{} }

// Command adds a command.
func (a *Application) Command(name, help string) *CmdClause { return &CmdClause{} }

// Action sets the function the command runs.
func (c *CmdClause) Action(f func(*ParseContext) error) *CmdClause { return c }

// MustParseWithUsage parses the arguments and runs the chosen action.
func (a *Application) MustParseWithUsage(args []string) string { return "" }
