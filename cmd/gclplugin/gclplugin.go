// Package gclplugin registers each scopevet check as a golangci-lint v2
// module plugin named like the check (mustawait, ...), so that
// linters.enable, //nolint:<name> and the settings block all use one
// spelling. A golangci-lint main package imports it for its side effect;
// see docs/golangci-lint.md.
//
// Settings are the check's own flag names with string values (YAML bools
// and numbers are accepted too):
//
//	linters:
//	  settings:
//	    custom:
//	      leakedspawn:
//	        type: module
//	        settings:
//	          strict: "true"
package gclplugin

import (
	"flag"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/scopevet/scopevet/analyzers"
)

func init() {
	for _, a := range analyzers.Suite() {
		register.Plugin(a.Name, func(settings any) (register.LinterPlugin, error) {
			return New(a, settings)
		})
	}
}

// New returns the plugin for a, with settings applied to a.Flags.
//
// The flags are set on the analyzer itself, not on a copy: a check's run
// function reads the variables its flags are bound to, and a copied
// Analyzer would be a second node in golangci-lint's action graph.
// golangci-lint calls the constructor once per linter, and each check is
// its own linter, so only this check's settings ever reach its flags.
func New(a *analysis.Analyzer, settings any) (register.LinterPlugin, error) {
	conf, err := register.DecodeSettings[map[string]any](settings)
	if err != nil {
		return nil, fmt.Errorf("%s: settings must map flag names to values: %w", a.Name, err)
	}
	for _, key := range slices.Sorted(maps.Keys(conf)) {
		if a.Flags.Lookup(key) == nil {
			return nil, fmt.Errorf("%s: unknown setting %q (%s)", a.Name, key, known(a))
		}
		val, ok := format(conf[key])
		if !ok {
			return nil, fmt.Errorf("%s: setting %q: want a string, bool or number, got %v", a.Name, key, conf[key])
		}
		if err := a.Flags.Set(key, val); err != nil {
			return nil, fmt.Errorf("%s: setting %q: invalid value %q: %w", a.Name, key, val, err)
		}
	}
	return plugin{a}, nil
}

type plugin struct{ a *analysis.Analyzer }

// BuildAnalyzers returns the suite's own analyzer value, so that every
// check shares one scopevetsummary node per package in the action graph.
func (p plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) {
	return []*analysis.Analyzer{p.a}, nil
}

// GetLoadMode asks for type information: the checks need types and facts.
func (plugin) GetLoadMode() string { return register.LoadModeTypesInfo }

// format turns a decoded YAML value into flag text. Settings pass through
// JSON, so every number arrives as a float64.
func format(v any) (string, bool) {
	switch v := v.(type) {
	case string:
		return v, true
	case bool:
		return strconv.FormatBool(v), true
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64), true
	}
	return "", false
}

// known lists a's settings for an error message.
func known(a *analysis.Analyzer) string {
	var names []string
	a.Flags.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
	if len(names) == 0 {
		return a.Name + " has no settings"
	}
	return "known: " + strings.Join(names, ", ")
}
