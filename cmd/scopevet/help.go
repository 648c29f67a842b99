package main

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// driverFlags are the flags scopevet -help lists besides the analyzers':
// each works standalone, whichever driver runs.
var driverFlags = []struct{ name, usage string }{
	{"format=text|json|sarif", "output format: text lines \"file:line:col: message (check)\", one JSON object, or SARIF 2.1.0"},
	{"json", "same as -format=json"},
	{"fix", "apply the suggested fixes, then print the findings that have none"},
	{"diff", "with -fix, print the fixes as a unified diff on stdout instead of applying them (the findings without a fix go to stderr)"},
	{"test", "report findings in _test.go files too (default true; -test=false drops them)"},
	{"C dir", "change to dir before doing anything"},
	{"tags list", "build tags, comma-separated"},
	{"cpuprofile file", "analyze in one process, writing a CPU profile to file"},
	{"memprofile file", "analyze in one process, writing a memory profile to file"},
	{"trace file", "analyze in one process, writing a runtime trace to file"},
	{"debug flags", "analyze in one process, with debug flags, any subset of \"fpstv\""},
	{"version", "print the version and exit"},
}

// help prints scopevet's usage: what it runs, the checks, the flags and
// the exit statuses.
func help(w io.Writer, suite []*analysis.Analyzer) int {
	var b strings.Builder
	b.WriteString(`scopevet checks structured concurrency and cancel safety in Go code.

Usage:
    scopevet [flags] [packages]   analyze, through go vet -vettool=scopevet
    go vet -vettool=$(command -v scopevet) [packages]
    scopevet help [check]         this text, or a check's documentation and flags
    scopevet version              the module version and VCS revision

Registered analyzers:

`)
	width := 0
	for _, a := range suite {
		width = max(width, len(a.Name))
	}
	for _, a := range suite {
		summary, _, _ := strings.Cut(a.Doc, "\n")
		fmt.Fprintf(&b, "    %-*s %s\n", width, a.Name, summary)
	}
	b.WriteString(`
By default all analyzers are run. -NAME runs only the checks named so;
-NAME=false runs all but those.

Flags:

`)
	for _, a := range suite {
		fmt.Fprintf(&b, "  -%s\n    \tenable %q analysis\n", a.Name, a.Name)
		a.Flags.VisitAll(func(f *flag.Flag) {
			fmt.Fprintf(&b, "  -%s.%s\n    \t%s\n", a.Name, f.Name, f.Usage)
		})
	}
	for _, f := range driverFlags {
		fmt.Fprintf(&b, "  -%s\n    \t%s\n", f.name, f.usage)
	}
	b.WriteString(`
Other go build flags (-mod, -modfile, -overlay...) pass through to go vet.

Exit status: 0 when there are no findings, 1 when there are (with -fix:
findings it could not fix), 2 when some package could not be analyzed;
the error is on stderr.
`)
	_, _ = io.WriteString(w, b.String())
	return exitClean
}
