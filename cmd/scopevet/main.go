// Command scopevet runs the scopevet suite. It works standalone
// (scopevet ./...) and as a vet tool (go vet -vettool=$(command -v scopevet)).
//
// Standalone, it hands the packages to go vet with itself as the vet tool
// (see govet.go): one small process per package, fed by the build cache,
// instead of loading every dependency from source in one process, which
// took over 5 GiB on prometheus before any analysis ran. The profiling
// flags (-cpuprofile, -memprofile, -trace, -debug) describe one process,
// so with them it analyzes in-process, as any multichecker does.
package main

import (
	"os"
	"strings"

	"golang.org/x/tools/go/analysis/multichecker"

	"github.com/scopevet/scopevet/analyzers"
)

func main() {
	suite := analyzers.Suite()
	args := os.Args[1:]
	flags, rest := splitFlags(args, valueFlags(suite))
	if mode(flags, rest) == viaGoVet {
		os.Exit(runGoVet(args, jsonOutput(flags)))
	}
	multichecker.Main(suite...)
}

type driver int

const (
	inProcess driver = iota // multichecker: help, the vet tool protocol, profiling
	viaGoVet                // packages to analyze: go vet -vettool=<this binary>
)

// mode decides who runs: go vet, for a plain run over packages, or
// multichecker for everything else (help, usage, the unitchecker protocol
// go vet speaks to us, and the profiling flags).
func mode(flags []flagArg, rest []string) driver {
	if len(rest) == 0 || rest[0] == "help" || (len(rest) == 1 && strings.HasSuffix(rest[0], ".cfg")) {
		return inProcess
	}
	for _, f := range flags {
		switch f.name {
		case "V", "flags", "h", "help", "cpuprofile", "memprofile", "trace", "debug":
			return inProcess
		}
	}
	return viaGoVet
}
