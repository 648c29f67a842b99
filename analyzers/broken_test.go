package analyzers_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/scopevet/scopevet/analyzers"
)

// Code with type errors: gopls runs an analyzer on a package that does not
// compile when the analyzer sets RunDespiteErrors (and, with facts, when
// every dependency's run succeeded). The fixtures in testdata/src/broken
// are what an editor sees while the user types: missing identifiers and
// imports, wrong arity, half-written go statements and selects.

var despiteErrors = flag.Bool("despite-errors", false,
	"run TestBrokenCodeDespiteErrors for every check, not only those that set RunDespiteErrors")

// TestBrokenCodeDespiteErrors runs a check, and all it requires, with
// RunDespiteErrors forced on over the broken fixtures: it must not panic
// or fail on code that does not compile. It runs for each check that sets
// RunDespiteErrors, and for all of them with -despite-errors (which fails
// today: go/ssa, under the shared pass, panics on ill-typed code).
func TestBrokenCodeDespiteErrors(t *testing.T) {
	var pkgs []*packages.Package
	for _, a := range analyzers.Suite() {
		t.Run(a.Name, func(t *testing.T) {
			if !a.RunDespiteErrors && !*despiteErrors {
				t.Skipf("%s does not set RunDespiteErrors; -despite-errors forces it on", a.Name)
			}
			if pkgs == nil {
				pkgs = loadBroken(t)
			}
			g, err := checker.Analyze([]*analysis.Analyzer{runDespiteErrors(a, map[*analysis.Analyzer]*analysis.Analyzer{})}, pkgs, nil)
			require.NoError(t, err)
			ran := 0
			for act := range g.All() {
				require.NoError(t, act.Err, "%s on %s", act.Analyzer.Name, act.Package.ID)
				if act.Package.IllTyped {
					ran++
				}
			}
			require.NotZero(t, ran, "%s ran on no ill-typed package", a.Name)
		})
	}
}

// TestBrokenCodeAsShipped runs the suite as shipped over the broken
// fixtures: an action either runs or is skipped by the driver because the
// package (or a requirement's run on it) does not compile, never an
// internal error.
func TestBrokenCodeAsShipped(t *testing.T) {
	t.Parallel()
	pkgs := loadBroken(t)
	g, err := checker.Analyze(analyzers.Suite(), pkgs, nil)
	require.NoError(t, err)
	for act := range g.All() {
		if act.Err == nil {
			continue
		}
		msg := act.Err.Error()
		skipped := msg == "analysis skipped due to errors in package" || strings.HasPrefix(msg, "failed prerequisites: ")
		require.True(t, skipped, "%s on %s: %v", act.Analyzer.Name, act.Package.ID, act.Err)
		require.True(t, act.Package.IllTyped, "%s on well-typed %s: %v", act.Analyzer.Name, act.Package.ID, act.Err)
	}
}

// TestRunDespiteErrorsConsistent checks the per-analyzer choice: a check
// that runs despite errors gets nothing from a requirement that does not
// (the driver reports "failed prerequisites" instead), so the setting
// must hold for everything a check requires.
func TestRunDespiteErrorsConsistent(t *testing.T) {
	var visit func(a *analysis.Analyzer)
	visit = func(a *analysis.Analyzer) {
		for _, r := range a.Requires {
			if a.RunDespiteErrors {
				require.True(t, r.RunDespiteErrors, "%s runs despite errors but requires %s, which does not", a.Name, r.Name)
			}
			visit(r)
		}
	}
	for _, a := range analyzers.Suite() {
		visit(a)
	}
}

// loadBroken loads testdata/src/broken/... in GOPATH mode, tests included,
// with the syntax of every dependency, as analysistest does. Every fixture
// directory must yield at least one ill-typed package, or it tests nothing.
func loadBroken(t *testing.T) []*packages.Package {
	gopath, err := filepath.Abs(filepath.Join("..", "testdata"))
	require.NoError(t, err)
	pkgs, err := packages.Load(&packages.Config{
		Mode:  packages.LoadAllSyntax,
		Dir:   filepath.Join(gopath, "src"),
		Tests: true,
		Env:   append(os.Environ(), "GOPATH="+gopath, "GO111MODULE=off", "GOWORK=off", "GOPROXY=off"),
	}, "broken/...")
	require.NoError(t, err)

	dirs, err := os.ReadDir(filepath.Join(gopath, "src", "broken"))
	require.NoError(t, err)
	illTyped := map[string]bool{}
	for _, p := range pkgs {
		if p.IllTyped {
			illTyped[filepath.Base(p.PkgPath)] = true
		}
	}
	for _, d := range dirs {
		require.True(t, illTyped[d.Name()], "fixture broken/%s has no ill-typed package", d.Name())
	}
	return pkgs
}

// runDespiteErrors returns a copy of a, and of all it requires, with
// RunDespiteErrors set. Each copy runs the original with the original's
// view of its requirements' results. copies maps originals to copies.
func runDespiteErrors(a *analysis.Analyzer, copies map[*analysis.Analyzer]*analysis.Analyzer) *analysis.Analyzer {
	if c, ok := copies[a]; ok {
		return c
	}
	c := &analysis.Analyzer{
		Name:             a.Name,
		Doc:              a.Doc,
		URL:              a.URL,
		ResultType:       a.ResultType,
		FactTypes:        a.FactTypes,
		RunDespiteErrors: true,
	}
	copies[a] = c
	for _, r := range a.Requires {
		c.Requires = append(c.Requires, runDespiteErrors(r, copies))
	}
	c.Run = func(pass *analysis.Pass) (any, error) {
		p := *pass
		p.Analyzer = a
		p.ResultOf = map[*analysis.Analyzer]any{}
		for _, r := range a.Requires {
			p.ResultOf[r] = pass.ResultOf[copies[r]]
		}
		return a.Run(&p)
	}
	return c
}
