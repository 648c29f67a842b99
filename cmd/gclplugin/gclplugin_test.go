package gclplugin_test

import (
	"flag"
	"strings"
	"testing"

	"github.com/golangci/plugin-module-register/register"
	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/analysis"

	"github.com/scopevet/scopevet/analyzers"
	"github.com/scopevet/scopevet/analyzers/summary"
	"github.com/scopevet/scopevet/cmd/gclplugin"
)

// TestRegistered checks that every check in the suite is a plugin of its
// own name whose analyzer is the suite's own value, sharing the one
// summary pass: golangci-lint keys actions on (analyzer, package), so the
// shared pass then runs once per package however many checks are on.
func TestRegistered(t *testing.T) {
	for _, a := range analyzers.Suite() {
		newPlugin, err := register.GetPlugin(a.Name)
		require.NoError(t, err)
		p, err := newPlugin(nil)
		require.NoError(t, err)
		require.Equal(t, register.LoadModeTypesInfo, p.GetLoadMode())
		got, err := p.BuildAnalyzers()
		require.NoError(t, err)
		require.Len(t, got, 1)
		require.Same(t, a, got[0], "plugin %s", a.Name)
		require.Contains(t, a.Requires, summary.Analyzer, "%s", a.Name)
		// golangci-lint lowercases setting keys, as viper does.
		a.Flags.VisitAll(func(f *flag.Flag) {
			require.Equal(t, strings.ToLower(f.Name), f.Name, "flag of %s", a.Name)
		})
	}
}

// fake returns an analyzer with one flag of each common kind, so that the
// settings tests do not depend on which flags the real checks have.
func fake(strict *bool, limit *int, mode *string) *analysis.Analyzer {
	a := &analysis.Analyzer{Name: "fake", Doc: "fake: test analyzer"}
	a.Flags.Init("fake", flag.ContinueOnError)
	a.Flags.BoolVar(strict, "strict", false, "report more")
	a.Flags.IntVar(limit, "max-paths", 10, "path limit")
	a.Flags.StringVar(mode, "mode", "fast", "mode")
	return a
}

func TestSettings(t *testing.T) {
	tests := []struct {
		name     string
		settings any
		strict   bool
		limit    int
		mode     string
		err      string // substring of the error; "" for none
	}{
		{name: "none", settings: nil, limit: 10, mode: "fast"},
		{name: "empty", settings: map[string]any{}, limit: 10, mode: "fast"},
		{
			name:     "strings",
			settings: map[string]any{"strict": "true", "max-paths": "3", "mode": "slow"},
			strict:   true, limit: 3, mode: "slow",
		},
		{
			name:     "yaml bool and number",
			settings: map[string]any{"strict": true, "max-paths": 7},
			strict:   true, limit: 7, mode: "fast",
		},
		{
			name:     "unknown key",
			settings: map[string]any{"mode": "slow", "max-path": "3"},
			err:      `fake: unknown setting "max-path" (known: max-paths, mode, strict)`,
		},
		{
			name:     "bad bool",
			settings: map[string]any{"strict": "maybe"},
			err:      `fake: setting "strict": invalid value "maybe"`,
		},
		{
			name:     "bad number",
			settings: map[string]any{"max-paths": 2.5},
			err:      `fake: setting "max-paths": invalid value "2.5"`,
		},
		{
			name:     "list value",
			settings: map[string]any{"mode": []any{"a"}},
			err:      `fake: setting "mode": want a string, bool or number`,
		},
		{
			name:     "not a map",
			settings: "strict",
			err:      "fake: settings must map flag names to values",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var (
				strict bool
				limit  int
				mode   string
			)
			a := fake(&strict, &limit, &mode)
			p, err := gclplugin.New(a, tt.settings)
			if tt.err != "" {
				require.ErrorContains(t, err, tt.err)
				return
			}
			require.NoError(t, err)
			got, err := p.BuildAnalyzers()
			require.NoError(t, err)
			require.Equal(t, []*analysis.Analyzer{a}, got)
			require.Equal(t, tt.strict, strict)
			require.Equal(t, tt.limit, limit)
			require.Equal(t, tt.mode, mode)
		})
	}
}

// TestUnknownSettingOfSuite checks the real plugins reject a key that no
// check has, naming the linter.
func TestUnknownSettingOfSuite(t *testing.T) {
	for _, a := range analyzers.Suite() {
		newPlugin, err := register.GetPlugin(a.Name)
		require.NoError(t, err)
		_, err = newPlugin(map[string]any{"no-such-flag": "1"})
		require.ErrorContains(t, err, a.Name+`: unknown setting "no-such-flag"`)
	}
}
