package groups

import (
	"fmt"
	"io"
	"os/exec"
	"sync"
)

// logAsync writes its line from a goroutine of its own, as some loggers do.
func logAsync(format string, args ...any) {
	go func() { fmt.Printf(format, args...) }()
}

// Silent: Add(2) comes first, but the early return comes before either go
// statement; the logger starts goroutines of its own, before the Add and
// on that path, not ones that mark wg done, so nothing is left behind.
func runAndCopy(cmd *exec.Cmd, out, errOut io.Writer) {
	stdout, _ := cmd.StdoutPipe()
	stderr, _ := cmd.StderrPipe()
	logAsync("running %s", cmd.Path)
	wg := &sync.WaitGroup{}
	wg.Add(2)
	if err := cmd.Start(); err != nil {
		logAsync("start: %v", err)
		return
	}
	go func() {
		defer wg.Done()
		io.Copy(out, stdout)
	}()
	go func() {
		defer wg.Done()
		io.Copy(errOut, stderr)
	}()
	wg.Wait()
	cmd.Wait()
}

// Its twin starts the first copier before the check that returns.
func runAndCopyLate(cmd *exec.Cmd, out, errOut io.Writer) {
	stdout, _ := cmd.StdoutPipe()
	stderr, _ := cmd.StderrPipe()
	wg := &sync.WaitGroup{}
	wg.Add(1) // want `wg.Add is not followed by wg.Wait on the path that returns at line 51; its goroutines outlive the function$`
	go func() {
		defer wg.Done()
		io.Copy(out, stdout)
	}()
	if err := cmd.Start(); err != nil {
		return
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		io.Copy(errOut, stderr)
	}()
	wg.Wait()
	cmd.Wait()
}
