package main

import (
	"encoding/json"
	"os"

	"golang.org/x/tools/go/analysis"

	"github.com/scopevet/scopevet/analyzers/summary"
)

// vetxOnly reports whether go vet runs the tool on a package only for its
// facts: a dependency of the packages it vets, whose findings it never
// prints. A config that does not read says no, and unitchecker reports it.
func vetxOnly(cfgPath string) bool {
	data, err := os.ReadFile(cfgPath)
	if err != nil {
		return false
	}
	var cfg struct{ VetxOnly bool }
	return json.Unmarshal(data, &cfg) == nil && cfg.VetxOnly
}

// forFacts returns the suite as go vet runs it on a dependency: the same
// names and flags (go vet hands every run the same flags), checks that do
// nothing, and the shared pass in its facts-only form. unitchecker runs
// every analyzer that needs facts even when it prints nothing, so the
// checks would otherwise analyze each dependency for findings nobody
// sees. The facts written are the same either way.
func forFacts(suite []*analysis.Analyzer) []*analysis.Analyzer {
	out := make([]*analysis.Analyzer, len(suite))
	for i, a := range suite {
		c := *a
		c.Requires = nil
		for _, req := range a.Requires {
			if req == summary.Analyzer {
				req = summary.FactsAnalyzer
			}
			c.Requires = append(c.Requires, req)
		}
		c.Run = func(*analysis.Pass) (any, error) { return nil, nil }
		out[i] = &c
	}
	return out
}
