package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"os/exec"
	"os/signal"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// runGoVet runs go vet -vettool=<this binary> with the user's arguments,
// which go vet accepts as they are: the analyzers' flags (go vet asks the
// tool for them), -json, -fix, -diff, -c, and build flags such as -tags.
// Its output and exit status are go vet's, except that -json output, one
// object per package from go vet, is merged into one object with sorted
// keys, as the in-process driver prints it.
func runGoVet(args []string, jsonOut bool) int {
	exe, err := os.Executable()
	if err != nil {
		fmt.Fprintf(os.Stderr, "scopevet: cannot find this binary to hand it to go vet: %v\n", err)
		return 1
	}
	cmd := exec.Command("go", append([]string{"vet", "-vettool=" + exe}, args...)...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	if !jsonOut {
		return run(cmd)
	}
	var out bytes.Buffer
	cmd.Stdout = &out
	code := run(cmd)
	merged, err := mergeJSON(&out)
	if err != nil {
		fmt.Fprintf(os.Stderr, "scopevet: reading go vet's -json output: %v\n", err)
		_, _ = os.Stdout.Write(out.Bytes())
		return max(code, 1)
	}
	if _, err := os.Stdout.Write(merged); err != nil {
		return max(code, 1)
	}
	return code
}

// run runs cmd and returns its exit status. An interrupt reaches go vet
// from the terminal; scopevet waits for it to stop rather than dying first.
func run(cmd *exec.Cmd) int {
	interrupts := make(chan os.Signal, 1)
	signal.Notify(interrupts, os.Interrupt)
	defer signal.Stop(interrupts)

	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &exit):
		return max(exit.ExitCode(), 1) // -1: killed by a signal
	default:
		fmt.Fprintf(os.Stderr, "scopevet: running go vet: %v\n", err)
		return 1
	}
}

// mergeJSON reads the JSON objects go vet -json prints, one per package,
// each {"package": {"analyzer": diagnostics or error}}, and returns them
// as one indented object. encoding/json sorts map keys, so the output does
// not depend on the order in which go vet finished the packages.
func mergeJSON(r io.Reader) ([]byte, error) {
	tree := map[string]map[string]json.RawMessage{}
	dec := json.NewDecoder(r)
	for {
		var pkgs map[string]map[string]json.RawMessage
		if err := dec.Decode(&pkgs); err == io.EOF {
			break
		} else if err != nil {
			return nil, err
		}
		for id, byAnalyzer := range pkgs {
			if tree[id] == nil {
				tree[id] = map[string]json.RawMessage{}
			}
			maps.Copy(tree[id], byAnalyzer)
		}
	}
	data, err := json.MarshalIndent(tree, "", "\t")
	if err != nil {
		return nil, err
	}
	return append(data, '\n'), nil
}

// flagArg is one flag of a command line, its name without dashes.
type flagArg struct {
	name, value string
	hasValue    bool
}

// splitFlags splits args as the flag package does: the leading flags,
// then the rest (the packages). takesValue names the flags that take the
// next argument as their value when it is not joined with '='.
func splitFlags(args []string, takesValue map[string]bool) (flags []flagArg, rest []string) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			return flags, args[i+1:]
		}
		if len(a) < 2 || a[0] != '-' {
			return flags, args[i:]
		}
		f := flagArg{name: strings.TrimPrefix(a[1:], "-")}
		if name, value, ok := strings.Cut(f.name, "="); ok {
			f = flagArg{name: name, value: value, hasValue: true}
		} else if takesValue[f.name] && i+1 < len(args) {
			i++
			f.value, f.hasValue = args[i], true
		}
		flags = append(flags, f)
	}
	return flags, nil
}

// valueFlags names every flag either driver accepts that takes a value:
// the analyzers' non-boolean flags, the in-process driver's, and go
// vet's build flags.
func valueFlags(suite []*analysis.Analyzer) map[string]bool {
	m := map[string]bool{}
	for _, name := range []string{
		"c", "cpuprofile", "memprofile", "trace", "debug", "tags", // both drivers
		"C", "toolexec", "modfile", "mod", "overlay", "pgo", "p", "asmflags", "gcflags", "ldflags",
		"gccgoflags", "installsuffix", "pkgdir", "buildmode", "compiler", "covermode", "coverpkg", // go build
	} {
		m[name] = true
	}
	for _, a := range suite {
		a.Flags.VisitAll(func(f *flag.Flag) {
			if b, ok := f.Value.(interface{ IsBoolFlag() bool }); !ok || !b.IsBoolFlag() {
				m[a.Name+"."+f.Name] = true
			}
		})
	}
	return m
}

// jsonOutput reports whether the flags ask for -json, the last one winning.
func jsonOutput(flags []flagArg) bool {
	on := false
	for _, f := range flags {
		if f.name == "json" {
			on = true
			if f.hasValue {
				on, _ = strconv.ParseBool(f.value)
			}
		}
	}
	return on
}
