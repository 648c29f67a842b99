// Command noop is the fair baseline for bench/run.sh: a multichecker that declares a
// fact type like scopevet, so it runs on every dependency the same way, but does no work.
package main

import (
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/multichecker"
)

// noFact is declared but never exported, so dependency runs only read and write empty facts.
type noFact struct{}

func (*noFact) AFact() {}

var analyzer = &analysis.Analyzer{
	Name:      "noop",
	Doc:       "noop does nothing; it declares a fact type as scopevet does",
	FactTypes: []analysis.Fact{new(noFact)},
	Run:       func(*analysis.Pass) (any, error) { return nil, nil },
}

func main() { multichecker.Main(analyzer) }
