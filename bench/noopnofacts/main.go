// Command noopnofacts is noop without a fact type: what go vet itself costs. (go vet
// still runs it on every dependency, and unitchecker still parses and type-checks each.)
package main

import (
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/multichecker"
)

var analyzer = &analysis.Analyzer{
	Name: "noopnofacts",
	Doc:  "noopnofacts does nothing and declares no facts",
	Run:  func(*analysis.Pass) (any, error) { return nil, nil },
}

func main() { multichecker.Main(analyzer) }
