package main

import (
	"encoding/json"
	"os"

	"golang.org/x/tools/go/analysis"

	"github.com/scopevet/scopevet/analyzers/summary"
)

// vetConfig is what the driver reads of go vet's config for one package,
// decoded once: VetxOnly says go vet runs the tool only for the package's
// facts (a dependency of the packages it vets, whose findings it never
// prints); the rest is for checkVetConfig. read is false when the config
// does not read, and then unitchecker reports it.
type vetConfig struct {
	GoVersion, Dir, ImportPath, VetxOutput string
	VetxOnly                               bool
	read                                   bool
}

func readVetConfig(cfgPath string) vetConfig {
	var cfg vetConfig
	data, err := os.ReadFile(cfgPath)
	if err != nil || json.Unmarshal(data, &cfg) != nil {
		return vetConfig{}
	}
	cfg.read = true
	return cfg
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
			// A check that asks another check's result does nothing
			// here, so it needs only the facts.
			if req == summary.Analyzer {
				c.Requires = append(c.Requires, summary.FactsAnalyzer)
			}
		}
		c.ResultType = nil
		c.Run = func(*analysis.Pass) (any, error) { return nil, nil }
		out[i] = &c
	}
	return out
}
