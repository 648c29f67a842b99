// exec.Cmd after Start must be waited for, or the child becomes a zombie.
package process

import (
	"context"
	"errors"
	"os/exec"
)

func startNoWait() error {
	cmd := exec.Command("sleep", "1")
	return cmd.Start() // want `cmd.Start is never followed by cmd.Wait; the child process is never reaped and stays a zombie`
}

func killNoWait(ctx context.Context) error {
	cmd := exec.CommandContext(ctx, "sleep", "10")
	if err := cmd.Start(); err != nil { // want `cmd.Start is never followed by cmd.Wait`
		return err
	}
	println(cmd.Process.Pid)
	return cmd.Process.Kill()
}

// --- correct idioms: no diagnostics below ---

func startAndWait() error {
	cmd := exec.Command("true")
	if err := cmd.Start(); err != nil {
		return err
	}
	return cmd.Wait()
}

func killAndReap() error {
	cmd := exec.Command("sleep", "10")
	if err := cmd.Start(); err != nil {
		return err
	}
	_ = cmd.Process.Kill()
	_, err := cmd.Process.Wait()
	return err
}

func run() error {
	return exec.Command("true").Run()
}

// Handing the started command back moves the duty to the caller.
func startBackground() (*exec.Cmd, error) {
	cmd := exec.Command("sleep", "10")
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	return cmd, nil
}

// newServerCmd keeps the command: its cleanup kills and reaps it.
func newServerCmd(cleanup func(func())) *exec.Cmd {
	cmd := exec.Command("sleep", "100")
	cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	return cmd
}

func startOwnedElsewhere(cleanup func(func())) error {
	return newServerCmd(cleanup).Start()
}

// Releasing the process gives it up on purpose (a daemonized child).
func startDetached() error {
	cmd := exec.Command("daemon")
	if err := cmd.Start(); err != nil {
		return err
	}
	return cmd.Process.Release()
}

// newCmd configures a command and keeps no reference to it: the caller
// owns it like one from exec.Command.
func newCmd(name string) *exec.Cmd {
	c := exec.Command(name)
	c.Env = []string{"A=1"}
	return c
}

func startHelperCmd(bad bool) error {
	cmd := newCmd("sleep")
	if err := cmd.Start(); err != nil { // want `cmd.Start is not followed by cmd.Wait on the path that returns at line 94`
		return err
	}
	if bad {
		return errors.New("bad")
	}
	return cmd.Wait()
}

// A desktop opener hands the URL over and exits at once: one zombie per
// call until the CLI exits, the idiom of every "open the browser" helper.
func openBrowser(goos, url string) error {
	switch goos {
	case "linux":
		return exec.Command("xdg-open", url).Start()
	case "windows":
		return exec.Command("rundll32", "url.dll,FileProtocolHandler", url).Start()
	case "darwin":
		return exec.CommandContext(context.Background(), "/usr/bin/open", url).Start()
	}
	return errors.New("unsupported platform")
}

// Twin: any other program started and dropped stays a zombie.
func startEditor(path string) error {
	return exec.Command("vi", path).Start() // want `exec.Command\("vi", path\).Start is never followed by its Wait method; the child process is never reaped and stays a zombie`
}
