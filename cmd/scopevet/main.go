// Command scopevet runs the scopevet suite. It works standalone
// (scopevet ./...) and as a vet tool (go vet -vettool=$(command -v scopevet)).
//
// Standalone, it hands the packages to go vet with itself as the vet tool
// (see govet.go): one small process per package, fed by the build cache,
// instead of loading every dependency from source in one process, which
// took over 5 GiB on prometheus before any analysis ran. The profiling
// flags (-cpuprofile, -memprofile, -trace, -debug) describe one process,
// so with them it analyzes in-process, as any multichecker does. Either
// way it asks the driver for JSON and prints the findings itself, so the
// output and the exit status do not depend on the driver or the Go release.
package main

import (
	"fmt"
	"os"
	"runtime/debug"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/multichecker"

	"github.com/scopevet/scopevet/analyzers"
)

func main() {
	suite := analyzers.Suite()
	args := os.Args[1:]
	switch mode(args, suite) {
	case printVersion:
		fmt.Println(version(debug.ReadBuildInfo()))
		os.Exit(exitClean)
	case printID:
		os.Exit(printVetID())
	case printHelp:
		os.Exit(help(os.Stdout, suite))
	case vetTool:
		tuneGC(os.Getenv("GOGC"))
		cfg := readVetConfig(args[len(args)-1])
		if !checkVetConfig(args[len(args)-1], cfg) {
			os.Exit(1)
		}
		if cfg.VetxOnly {
			suite = forFacts(suite)
		}
	case viaGoVet:
		os.Exit(standalone(args, suite, os.Stdout, os.Stderr))
	}
	multichecker.Main(suite...)
}

// vetGCPercent is the collector's target when go vet runs the tool and
// the user has not set GOGC. go vet starts the tool once per package, and
// most of a run is type-checking the package and collecting that heap
// again and again (on a large generated package, the no-op vettool spends
// most of its time in the collector too); letting the heap grow to three
// times what is live before each collection, not twice, cuts that by a
// quarter there, for a few MB more peak memory (bench/README.md).
const vetGCPercent = 200

// tuneGC sets the collector's target for a vettool run, unless the user
// chose one with GOGC.
func tuneGC(gogc string) {
	if gogc == "" {
		debug.SetGCPercent(vetGCPercent)
	}
}

type driver int

const (
	inProcess    driver = iota // multichecker: help NAME, -flags, the in-process child
	vetTool                    // go vet hands us a package: unitchecker
	viaGoVet                   // packages to analyze: go vet -vettool=<this binary>
	printVersion               // scopevet version, -version, -V
	printID                    // -V=full, for go vet's cache
	printHelp                  // scopevet, scopevet help, -h, -help
)

// mode decides who runs: go vet, for a run over packages, scopevet for its
// version and help, or multichecker for the rest (help NAME, -flags, the
// unitchecker protocol go vet speaks to us, and the in-process child).
func mode(args []string, suite []*analysis.Analyzer) driver {
	if os.Getenv(inProcessEnv) == "1" {
		return inProcess
	}
	flags, rest := splitFlags(args, valueFlags(suite))
	for _, f := range flags {
		switch {
		case f.name == "V" && f.value == "full":
			return printID
		case f.name == "V" || f.name == "version":
			return printVersion
		case f.name == "h" || f.name == "help":
			return printHelp
		case f.name == "flags":
			return inProcess
		}
	}
	switch {
	case len(rest) == 0 && len(flags) == 0, len(rest) == 1 && rest[0] == "help":
		return printHelp
	case len(rest) == 0:
		return viaGoVet // go vet's default: the package in the current directory
	case len(flags) == 0 && len(rest) == 1 && rest[0] == "version":
		return printVersion
	case rest[0] == "help":
		return inProcess
	case len(rest) == 1 && strings.HasSuffix(rest[0], ".cfg"):
		return vetTool
	}
	return viaGoVet
}
