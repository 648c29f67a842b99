// Package cobra is a stand-in for github.com/spf13/cobra: the parts the
// fixtures use.
package cobra

// Command is a command: Execute runs the one the arguments choose.
type Command struct {
	Use  string
	Run  func(cmd *Command, args []string)
	RunE func(cmd *Command, args []string) error
}

// AddCommand adds subcommands.
func (c *Command) AddCommand(cmds ...*Command) {}

// Execute runs the command the arguments choose.
func (c *Command) Execute() error { return nil }
