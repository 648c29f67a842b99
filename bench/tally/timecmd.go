package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"syscall"
	"time"
)

// timeCmd runs a command as GNU time would, with its stdio, and appends
// one line to a file: the label, then wall, user and system seconds to
// the microsecond (GNU time rounds to 10ms, more than a small package's
// whole run) and peak RSS in KiB, tab-separated. It exits as the command
// did.
func timeCmd(args []string) error {
	fs := flag.NewFlagSet("time", flag.ExitOnError)
	out := fs.String("o", "", "append the line to this `file`")
	label := fs.String("label", "", "first fields of the line")
	fs.Parse(args)
	if fs.NArg() == 0 || *out == "" {
		return fmt.Errorf("time: want -o file and a command")
	}
	cmd := exec.Command(fs.Arg(0), fs.Args()[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		return err // did not start
	}
	st := cmd.ProcessState
	var rss int64
	if ru, ok := st.SysUsage().(*syscall.Rusage); ok {
		rss = ru.Maxrss // KiB on Linux
	}
	line := fmt.Sprintf("%s\t%.6f\t%.6f\t%.6f\t%d\n", *label, wall.Seconds(), st.UserTime().Seconds(), st.SystemTime().Seconds(), rss)
	// One write with O_APPEND: lines from concurrent runs do not interleave.
	f, err := os.OpenFile(*out, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.WriteString(line); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	os.Exit(st.ExitCode())
	return nil
}
