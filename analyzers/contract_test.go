package analyzers_test

import (
	"flag"
	"fmt"
	"go/types"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/scopevet/scopevet/analyzers"
	"github.com/scopevet/scopevet/analyzers/doctext"
)

// The contract that drivers which link analyzer packages directly (Bazel
// nogo, golangci-lint module plugins) rely on; see docs/nogo.md.

const modulePath = "github.com/scopevet/scopevet"

// TestAnalyzerPackages checks that each check lives in the top-level folder
// of its name, a package of that name exporting `var Analyzer`: nogo's
// generated main refers to <package>.Analyzer for each dep it lists.
func TestAnalyzerPackages(t *testing.T) {
	for _, a := range analyzers.Suite() {
		pkgs, err := packages.Load(&packages.Config{Mode: packages.NeedName | packages.NeedTypes, Dir: ".."},
			modulePath+"/"+a.Name)
		require.NoError(t, err)
		require.Len(t, pkgs, 1)
		pkg := pkgs[0]
		require.Empty(t, pkg.Errors, "loading the package of %s", a.Name)
		require.Equal(t, a.Name, pkg.Name, "package name of %s", pkg.PkgPath)

		v, ok := pkg.Types.Scope().Lookup("Analyzer").(*types.Var)
		require.True(t, ok, "%s declares no package-level var Analyzer", pkg.PkgPath)
		require.True(t, v.Exported())
		require.Equal(t, "*golang.org/x/tools/go/analysis.Analyzer", v.Type().String())

		// The suite's analyzer is the one in that folder: its Doc comes
		// from the folder's doc.go.
		doc, err := os.ReadFile(filepath.Join("..", a.Name, "doc.go"))
		require.NoError(t, err)
		require.Equal(t, doctext.Extract(string(doc), a.Name), a.Doc, "Doc of %s is not its doc.go", a.Name)
	}
}

var kebab = regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)

// TestKnobsAreAnalyzerFlags checks that analyzer behaviour is set only
// through Analyzer.Flags, which every driver can reach (nogo's
// analyzer_flags, golangci-lint settings, -name.flag on the command line),
// and never through package-level flags or the environment, which nogo
// and golangci-lint cannot set.
func TestKnobsAreAnalyzerFlags(t *testing.T) {
	for _, a := range analyzers.Suite() {
		a.Flags.VisitAll(func(f *flag.Flag) {
			require.Regexp(t, kebab, f.Name, "flag of %s", a.Name)
			require.NotEmpty(t, f.Usage, "flag -%s.%s has no usage", a.Name, f.Name)
		})
	}
	// Required passes are not listed by users, so drivers never set
	// their flags: they must have none.
	for _, a := range requiredOnly(analyzers.Suite()) {
		n := 0
		a.Flags.VisitAll(func(*flag.Flag) { n++ })
		require.Zero(t, n, "%s is required by the checks, not listed by users: it must have no flags", a.Name)
	}

	for _, pkg := range loadOwnDeps(t) {
		for id, obj := range pkg.TypesInfo.Uses {
			if isGlobalKnob(obj) {
				t.Errorf("%s: %s.%s: analyzer packages take settings only through Analyzer.Flags",
					pkg.Fset.Position(id.Pos()), obj.Pkg().Path(), obj.Name())
			}
		}
	}
}

// isGlobalKnob reports whether obj is process-wide configuration: a
// package-level function or variable of package flag (flag.Bool,
// flag.Parse, flag.CommandLine, ...), or an environment lookup.
func isGlobalKnob(obj types.Object) bool {
	if obj.Pkg() == nil || obj.Parent() != obj.Pkg().Scope() {
		return false // methods (Analyzer.Flags.Bool) and fields are fine
	}
	switch obj.Pkg().Path() {
	case "flag":
		_, isType := obj.(*types.TypeName)
		return !isType
	case "os":
		return slices.Contains([]string{"Getenv", "LookupEnv", "Environ"}, obj.Name())
	case "syscall":
		return slices.Contains([]string{"Getenv", "Environ"}, obj.Name())
	}
	return false
}

// loadOwnDeps loads, with syntax and types, every package of this module
// that the suite's analyzers import, directly or not.
func loadOwnDeps(t *testing.T) []*packages.Package {
	var roots []string
	for _, a := range analyzers.Suite() {
		roots = append(roots, modulePath+"/"+a.Name)
	}
	graph, err := packages.Load(&packages.Config{Mode: packages.NeedName | packages.NeedImports | packages.NeedDeps, Dir: ".."}, roots...)
	require.NoError(t, err)
	var own []string
	packages.Visit(graph, nil, func(p *packages.Package) {
		if p.PkgPath == modulePath || strings.HasPrefix(p.PkgPath, modulePath+"/") {
			own = append(own, p.PkgPath)
		}
	})
	require.NotEmpty(t, own)
	pkgs, err := packages.Load(&packages.Config{
		Mode: packages.NeedName | packages.NeedSyntax | packages.NeedTypes | packages.NeedTypesInfo,
		Dir:  "..",
	}, own...)
	require.NoError(t, err)
	for _, p := range pkgs {
		require.Empty(t, p.Errors, "loading %s", p.PkgPath)
	}
	return pkgs
}

// requiredOnly lists the analyzers that the suite requires but does not
// list itself (the shared pass).
func requiredOnly(suite []*analysis.Analyzer) []*analysis.Analyzer {
	var out []*analysis.Analyzer
	seen := map[*analysis.Analyzer]bool{}
	for _, a := range suite {
		seen[a] = true
	}
	var visit func(a *analysis.Analyzer)
	visit = func(a *analysis.Analyzer) {
		for _, r := range a.Requires {
			if !seen[r] {
				seen[r] = true
				out = append(out, r)
				visit(r)
			}
		}
	}
	for _, a := range suite {
		visit(a)
	}
	return out
}

// TestSameFindingsWithoutStdFacts runs the suite over the fixtures twice:
// as analysistest does (every dependency analyzed, the standard library
// included), and as nogo does (the standard library never analyzed, so no
// facts about it). The findings must be the same, and the first run must
// export no fact from a standard-library package.
func TestSameFindingsWithoutStdFacts(t *testing.T) {
	t.Parallel()
	requireSameWithoutStd(t, analyzers.Suite())
}

func requireSameWithoutStd(t *testing.T, suite []*analysis.Analyzer) {
	gopath, err := filepath.Abs(filepath.Join("..", "testdata"))
	require.NoError(t, err)
	var patterns []string
	for _, a := range suite {
		require.DirExists(t, filepath.Join(gopath, "src", a.Name), "fixtures of %s", a.Name)
		patterns = append(patterns, a.Name+"/...")
	}
	pkgs := loadGOPATH(t, gopath, packages.LoadAllSyntax, patterns...)
	std := stdPackages(t)

	full, err := checker.Analyze(suite, pkgs, nil)
	require.NoError(t, err)
	require.Empty(t, stdFacts(full, std), "facts exported from the standard library, which nogo never analyzes")

	noStd, err := checker.Analyze(withoutStd(suite, std), pkgs, nil)
	require.NoError(t, err)

	want, got := findings(t, full), findings(t, noStd)
	for _, a := range suite {
		require.True(t, slices.ContainsFunc(want, func(s string) bool { return strings.Contains(s, ": "+a.Name+": ") }),
			"no finding of %s in its fixtures: the comparison would prove nothing", a.Name)
	}
	require.Equal(t, want, got, "findings differ when the standard library is not analyzed")
}

// TestHarnessSeesStdFacts checks that the comparison above can fail: a
// check that relies on facts about the standard library exports some, and
// loses its finding without them.
func TestHarnessSeesStdFacts(t *testing.T) {
	t.Parallel()
	gopath := t.TempDir()
	dir := filepath.Join(gopath, "src", "usesctx")
	require.NoError(t, os.MkdirAll(dir, 0o755))
	src := "package usesctx\n\nimport \"context\"\n\nvar ctx = context.Background()\n"
	require.NoError(t, os.WriteFile(filepath.Join(dir, "usesctx.go"), []byte(src), 0o644))
	pkgs := loadGOPATH(t, gopath, packages.LoadAllSyntax, "usesctx")
	std := stdPackages(t)
	suite := []*analysis.Analyzer{stdFactUser}

	full, err := checker.Analyze(suite, pkgs, nil)
	require.NoError(t, err)
	require.NotEmpty(t, stdFacts(full, std))
	require.Len(t, findings(t, full), 1)

	noStd, err := checker.Analyze(withoutStd(suite, std), pkgs, nil)
	require.NoError(t, err)
	require.Empty(t, findings(t, noStd))
}

// stdFactUser marks the functions of package context with a fact, and
// reports uses of marked functions: a check that wrongly relies on facts
// about the standard library.
var stdFactUser = &analysis.Analyzer{
	Name:      "stdfactuser",
	Doc:       "stdfactuser: report uses of functions of package context, known by facts",
	FactTypes: []analysis.Fact{new(ctxFact)},
	Run: func(pass *analysis.Pass) (any, error) {
		if pass.Pkg.Path() == "context" {
			for _, name := range pass.Pkg.Scope().Names() {
				if fn, ok := pass.Pkg.Scope().Lookup(name).(*types.Func); ok {
					pass.ExportObjectFact(fn, new(ctxFact))
				}
			}
		}
		for id, obj := range pass.TypesInfo.Uses {
			if fn, ok := obj.(*types.Func); ok && pass.ImportObjectFact(fn, new(ctxFact)) {
				pass.Reportf(id.Pos(), "uses %s", fn.Name())
			}
		}
		return nil, nil
	},
}

type ctxFact struct{}

func (*ctxFact) AFact()         {}
func (*ctxFact) String() string { return "ctx" }

// stdFacts lists the facts that analysis of standard-library packages
// exported about those packages.
func stdFacts(g *checker.Graph, std map[string]bool) []string {
	var out []string
	for act := range g.All() {
		if !std[act.Package.PkgPath] {
			continue
		}
		for _, f := range act.AllObjectFacts() {
			if f.Object.Pkg() == act.Package.Types { // not inherited from a dependency
				out = append(out, fmt.Sprintf("%s: %s: %s", act.Analyzer.Name, f.Object, f.Fact))
			}
		}
		for _, f := range act.AllPackageFacts() {
			if f.Package == act.Package.Types {
				out = append(out, fmt.Sprintf("%s: package %s: %s", act.Analyzer.Name, f.Package.Path(), f.Fact))
			}
		}
	}
	return out
}

// loadGOPATH loads packages with their tests in GOPATH mode, offline, as
// analysistest does: LoadAllSyntax for the syntax of all dependencies,
// LoadSyntax to take theirs from export data.
func loadGOPATH(t testing.TB, gopath string, mode packages.LoadMode, patterns ...string) []*packages.Package {
	pkgs, err := packages.Load(&packages.Config{
		Mode:  mode,
		Dir:   filepath.Join(gopath, "src"),
		Tests: true,
		Env:   append(os.Environ(), "GOPATH="+gopath, "GO111MODULE=off", "GOWORK=off", "GOPROXY=off"),
	}, patterns...)
	require.NoError(t, err)
	require.NotEmpty(t, pkgs)
	for _, p := range pkgs {
		require.Empty(t, p.Errors, "loading %s", p.PkgPath)
	}
	return pkgs
}

// stdPackages returns the import paths of the standard library.
func stdPackages(t *testing.T) map[string]bool {
	pkgs, err := packages.Load(&packages.Config{Mode: packages.NeedName}, "std")
	require.NoError(t, err)
	std := map[string]bool{}
	for _, p := range pkgs {
		std[p.PkgPath] = true
	}
	require.True(t, std["context"] && std["os/exec"])
	return std
}

// withoutStd returns copies of the analyzers, and of all they require,
// that skip standard-library packages entirely: no Run, so no facts, as
// under nogo. Each copy runs the original with the original's view of
// its requirements' results.
func withoutStd(suite []*analysis.Analyzer, std map[string]bool) []*analysis.Analyzer {
	copies := map[*analysis.Analyzer]*analysis.Analyzer{}
	var copyOf func(a *analysis.Analyzer) *analysis.Analyzer
	copyOf = func(a *analysis.Analyzer) *analysis.Analyzer {
		if c, ok := copies[a]; ok {
			return c
		}
		c := &analysis.Analyzer{
			Name:       a.Name,
			Doc:        a.Doc,
			URL:        a.URL,
			ResultType: a.ResultType,
			FactTypes:  a.FactTypes,

			RunDespiteErrors: a.RunDespiteErrors,
		}
		copies[a] = c
		for _, r := range a.Requires {
			c.Requires = append(c.Requires, copyOf(r))
		}
		c.Run = func(pass *analysis.Pass) (any, error) {
			if std[pass.Pkg.Path()] {
				if a.ResultType == nil {
					return nil, nil
				}
				return reflect.Zero(a.ResultType).Interface(), nil
			}
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
	var out []*analysis.Analyzer
	for _, a := range suite {
		out = append(out, copyOf(a))
	}
	return out
}

// findings lists the root diagnostics as sorted "pos: analyzer: message"
// lines, with related positions and fix titles.
func findings(t *testing.T, g *checker.Graph) []string {
	var out []string
	for _, act := range g.Roots {
		require.NoError(t, act.Err, "%s on %s", act.Analyzer.Name, act.Package.PkgPath)
		for _, d := range act.Diagnostics {
			var b strings.Builder
			fmt.Fprintf(&b, "%s: %s: %s", act.Package.Fset.Position(d.Pos), act.Analyzer.Name, d.Message)
			for _, r := range d.Related {
				fmt.Fprintf(&b, "; related %s: %s", act.Package.Fset.Position(r.Pos), r.Message)
			}
			for _, f := range d.SuggestedFixes {
				fmt.Fprintf(&b, "; fix %q", f.Message)
			}
			out = append(out, b.String())
		}
	}
	slices.Sort(out)
	return out
}
