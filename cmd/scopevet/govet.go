package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"runtime"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// Exit statuses, the same in every mode and output format.
const (
	exitClean    = 0 // analyzed, nothing to report
	exitFindings = 1 // analyzed, findings printed (with -fix: findings it could not fix)
	exitFailed   = 2 // could not analyze (some of) the packages; the error is on stderr
)

// inProcessEnv makes the binary the plain multichecker: the standalone
// driver starts itself so, with -json, when a profiling flag asks for one
// process, and so reads its output like go vet's.
const inProcessEnv = "SCOPEVET_IN_PROCESS"

// options is a standalone command line, split into what scopevet itself
// acts on and what it hands to the driver.
type options struct {
	format    string   // text, json or sarif
	fix, diff bool     // -fix, -diff
	tests     bool     // -test: report findings in _test.go files
	dir       string   // -C
	inProcess bool     // a profiling flag: analyze in one process
	pass      []string // flags for the driver: analyzer and build flags, profiling
	pkgs      []string
}

// Flag names of the standalone driver.
const (
	flagFormat = "format"
	flagJSON   = "json"
	flagFix    = "fix"
	flagDiff   = "diff"
	flagTest   = "test"
	flagDir    = "C"
)

// parseOptions reads a standalone command line.
func parseOptions(args []string, suite []*analysis.Analyzer) (options, error) {
	flags, pkgs := splitFlags(args, valueFlags(suite))
	o := options{format: "text", tests: true, pkgs: pkgs}
	for _, f := range flags {
		switch f.name {
		case flagJSON:
			on, err := boolValue(f)
			if err != nil {
				return o, err
			}
			if on {
				o.format = "json"
			} else if o.format == "json" {
				o.format = "text"
			}
		case flagFormat:
			switch f.value {
			case "text", "json", "sarif":
				o.format = f.value
			default:
				return o, fmt.Errorf("-format=%s: want text, json or sarif", f.value)
			}
		case flagFix, flagDiff, flagTest:
			on, err := boolValue(f)
			if err != nil {
				return o, err
			}
			switch f.name {
			case flagFix:
				o.fix = on
			case flagDiff:
				o.diff = on
			default:
				o.tests = on
			}
		case flagDir:
			o.dir = f.value
		default:
			if profiling[f.name] {
				o.inProcess = true
			}
			o.pass = append(o.pass, f.String())
		}
	}
	if o.diff && !o.fix {
		return o, errors.New("-diff works with -fix: scopevet -fix -diff")
	}
	return o, nil
}

// profiling names the flags that describe one process.
var profiling = map[string]bool{"cpuprofile": true, "memprofile": true, "trace": true, "debug": true}

func boolValue(f flagArg) (bool, error) {
	if !f.hasValue {
		return true, nil
	}
	on, err := strconv.ParseBool(f.value)
	if err != nil {
		return false, fmt.Errorf("-%s=%s: want true or false", f.name, f.value)
	}
	return on, nil
}

// standalone analyzes the packages of a command line, through go vet
// -vettool=<this binary> (or in one process with a profiling flag),
// prints the findings in the format asked for and returns the exit status.
// It always asks the driver for JSON: then the output and the exit
// status are scopevet's, whichever driver and Go release ran.
func standalone(args []string, suite []*analysis.Analyzer, stdout, stderr io.Writer) int {
	o, err := parseOptions(args, suite)
	if err != nil {
		fmt.Fprintf(stderr, "scopevet: %v\n", err)
		return exitFailed
	}
	exe, err := os.Executable()
	if err != nil {
		fmt.Fprintf(stderr, "scopevet: cannot find this binary to hand it to go vet: %v\n", err)
		return exitFailed
	}
	goVersion, err := goEnvVersion(o.dir)
	if err != nil {
		fmt.Fprintf(stderr, "scopevet: %v\n", err)
		return exitFailed
	}
	if newerRelease(goVersion, runtime.Version()) {
		fmt.Fprintln(stderr, tooOld(runtime.Version(), goVersion))
		return exitFailed
	}
	r, ok := analyze(o, exe, stderr)
	if !o.tests {
		r = r.filter(func(f finding) bool { return !inTestFile(f) })
	}
	failed := !ok
	for _, e := range r.errors() {
		fmt.Fprintf(stderr, "scopevet: %s\n", e)
		failed = true
	}
	if failed && len(r.findings()) == 0 {
		// No output: an empty report would read as a clean one.
		return exitFailed
	}
	out := stdout
	if o.fix && !failed {
		if !applyFixes(o, exe, goVersion, stdout, stderr) {
			return exitFailed
		}
		// What is left is what -fix could not fix.
		r = r.filter(func(f finding) bool { return len(f.SuggestedFixes) == 0 })
		if o.diff {
			out = stderr // stdout holds the diff
		}
	}
	if err := render(o.format, r, suite, out); err != nil {
		fmt.Fprintf(stderr, "scopevet: %v\n", err)
		return exitFailed
	}
	switch {
	case failed:
		return exitFailed
	case len(r.findings()) > 0:
		return exitFindings
	}
	return exitClean
}

// analyze runs the driver with -json and reads what it printed. ok is
// false when it could not analyze the packages; the reason is on stderr.
func analyze(o options, exe string, stderr io.Writer) (results, bool) {
	var cmd *exec.Cmd
	if o.inProcess {
		cmd = inProcessCmd(o, exe, "-json")
	} else {
		cmd = goVet(o, exe, "-json")
	}
	var out, errs bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errs
	code, err := run(cmd)
	if err != nil {
		fmt.Fprintf(stderr, "scopevet: %v\n", err)
		return results{}, false
	}
	r := results{}
	var other []byte
	for _, stream := range [][]byte{out.Bytes(), errs.Bytes()} {
		got, rest, err := splitOutput(stream)
		if err != nil {
			fmt.Fprintf(stderr, "scopevet: reading the driver's -json output: %v\n", err)
			_, _ = stderr.Write(stream)
			return results{}, false
		}
		r.add(got)
		other = append(other, rest...)
	}
	_, _ = stderr.Write(other)
	if code != 0 {
		if len(other) == 0 {
			fmt.Fprintf(stderr, "scopevet: %s exited with status %d\n", cmd.Args[0], code)
		}
		return r, false
	}
	return r, true
}

// goVet returns go vet -vettool=<exe> for the packages, with extra flags.
// -C must come first.
func goVet(o options, exe string, extra ...string) *exec.Cmd {
	args := []string{"vet"}
	if o.dir != "" {
		args = append(args, "-C", o.dir)
	}
	args = append(args, "-vettool="+exe)
	args = append(args, extra...)
	args = append(args, o.pass...)
	return exec.Command("go", append(args, o.pkgs...)...)
}

// inProcessCmd returns this binary as the in-process multichecker for the
// packages, with extra flags. It ignores -tags, so they go to go/packages
// through GOFLAGS.
func inProcessCmd(o options, exe string, extra ...string) *exec.Cmd {
	args := extra
	goflags := os.Getenv("GOFLAGS")
	for _, f := range o.pass {
		if tags, ok := strings.CutPrefix(f, "-tags="); ok {
			goflags = strings.TrimSpace(goflags + " -tags=" + tags)
			continue
		}
		args = append(args, f)
	}
	cmd := exec.Command(exe, append(args, o.pkgs...)...)
	cmd.Env = append(os.Environ(), inProcessEnv+"=1", "GOFLAGS="+goflags)
	cmd.Dir = o.dir
	return cmd
}

// applyFixes applies the suggested fixes (prints them as a diff with
// -diff): go vet -fix from go1.26 on, the in-process driver before (go1.25's
// vet has no -fix).
func applyFixes(o options, exe, goVersion string, stdout, stderr io.Writer) bool {
	extra := []string{"-fix"}
	if o.diff {
		extra = append(extra, "-diff")
	}
	var cmd *exec.Cmd
	if o.inProcess || !vetCanFix(goVersion) {
		cmd = inProcessCmd(o, exe, extra...)
	} else {
		cmd = goVet(o, exe, extra...)
	}
	var errs bytes.Buffer
	cmd.Stdout, cmd.Stderr = stdout, &errs
	code, err := run(cmd)
	if err != nil {
		fmt.Fprintf(stderr, "scopevet: %v\n", err)
		return false
	}
	_, _ = stderr.Write(errs.Bytes())
	// -diff exits 1 when there is a diff to show.
	if code != 0 && !(o.diff && code == 1 && errs.Len() == 0) {
		fmt.Fprintf(stderr, "scopevet: applying fixes: %s exited with status %d\n", cmd.Args[0], code)
		return false
	}
	return true
}

// vetCanFix reports whether go vet of this Go version takes -fix (go1.26).
func vetCanFix(goVersion string) bool {
	return !newerRelease("go1.26", goVersion)
}

// goEnvVersion asks the go command that will run go vet for its version,
// in dir: a go.mod there may select another toolchain.
func goEnvVersion(dir string) (string, error) {
	cmd := exec.Command("go", "env", "GOVERSION")
	cmd.Dir = dir
	var errs bytes.Buffer
	cmd.Stderr = &errs
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("go env GOVERSION: %w: %s", err, bytes.TrimSpace(errs.Bytes()))
	}
	return strings.TrimSpace(string(out)), nil
}

// run runs cmd and returns its exit status. An interrupt reaches the
// child from the terminal; scopevet waits for it to stop rather than
// dying first.
func run(cmd *exec.Cmd) (int, error) {
	interrupts := make(chan os.Signal, 1)
	signal.Notify(interrupts, os.Interrupt)
	defer signal.Stop(interrupts)

	cmd.Stdin = os.Stdin
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return 0, nil
	case errors.As(err, &exit):
		return max(exit.ExitCode(), 1), nil // -1: killed by a signal
	}
	return 0, fmt.Errorf("running %s: %w", cmd.Args[0], err)
}

// flagArg is one flag of a command line, its name without dashes.
type flagArg struct {
	name, value string
	hasValue    bool
}

// String gives the flag back in one argument.
func (f flagArg) String() string {
	if f.hasValue {
		return "-" + f.name + "=" + f.value
	}
	return "-" + f.name
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
// the analyzers' non-boolean flags, the in-process driver's, scopevet's
// own and go vet's build flags.
func valueFlags(suite []*analysis.Analyzer) map[string]bool {
	m := map[string]bool{}
	for _, name := range []string{
		"c", "cpuprofile", "memprofile", "trace", "debug", "tags", flagFormat, // scopevet and the in-process driver
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
