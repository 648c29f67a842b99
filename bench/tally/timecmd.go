package main

import (
	"crypto/sha256"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
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
	vetcfg := fs.String("vetcfg", "", "label the line from this go vet `config`: ID, variant, VetxOnly")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() == 0 || *out == "" {
		return fmt.Errorf("time: want -o file and a command")
	}
	if *vetcfg != "" {
		l, err := vetLabel(*vetcfg)
		if err != nil {
			return err
		}
		*label = l
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
		_ = f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	os.Exit(st.ExitCode())
	return nil
}

// vetLabel names a vettool run by its package: ID, a hash of its files
// and dependencies, and VetxOnly (a dependency analyzed only for facts).
// go vet analyzes a package again for every test that recompiles it
// (the ID stays "fmt" in "fmt [os.test]"); the hash tells these variants
// apart, and is the same for every tool and cache: export data files are
// named by their content.
func vetLabel(path string) (string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	var cfg struct {
		ID          string
		VetxOnly    bool
		GoFiles     []string
		PackageFile map[string]string
	}
	if err := json.Unmarshal(data, &cfg); err != nil {
		return "", fmt.Errorf("%s: %w", path, err)
	}
	h := sha256.New()
	for _, f := range cfg.GoFiles {
		fmt.Fprintf(h, "%s\n", f)
	}
	for _, imp := range slices.Sorted(maps.Keys(cfg.PackageFile)) {
		fmt.Fprintf(h, "%s=%s\n", imp, filepath.Base(cfg.PackageFile[imp]))
	}
	return fmt.Sprintf("%s\t%x\t%v", cfg.ID, h.Sum(nil)[:4], cfg.VetxOnly), nil
}
