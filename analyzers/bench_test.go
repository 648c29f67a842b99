package analyzers_test

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
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

// generatedLines is the size of the generated function: generated code
// (parsers, state machines, protobuf glue) reaches it, and it must hit the
// shared pass's per-function bounds quickly instead of blowing up.
const generatedLines = 20000

// generateHuge returns the source of package gen: one function of about
// generatedLines lines with hundreds of goroutines and selects, in the
// shapes the checks look at (futures, WaitGroups, commands, selects on
// ctx.Done() that abandon a sender), plus a small function beside it. It
// also returns how many goroutines and selects the big function has.
func generateHuge() (src string, goroutines, selects int) {
	var b strings.Builder
	b.WriteString(`package gen

import (
	"context"
	"os/exec"
	"sync"
	"time"
)

// fetch returns a future: a channel a goroutine sends on.
func fetch(ctx context.Context, i int) <-chan int {
	ch := make(chan int)
	go func() { ch <- i }()
	return ch
}

// small is an ordinary function next to the huge one.
func small(ctx context.Context) int {
	r := fetch(ctx, 1)
	select {
	case v := <-r:
		return v
	case <-ctx.Done():
		return 0
	}
}

func huge(ctx context.Context, x int, in chan int) int {
	var wg sync.WaitGroup
	n := 0
`)
	lines := strings.Count(b.String(), "\n")
	emit := func(format string, args ...any) {
		s := fmt.Sprintf(format, args...)
		b.WriteString(s)
		lines += strings.Count(s, "\n")
	}
	for i := 0; lines < generatedLines-3; i++ {
		switch i % 6 {
		case 0: // a sender abandoned when ctx is done first
			emit("\tch%d := make(chan int)\n\tgo func() { ch%d <- %d }()\n", i, i, i)
			emit("\tselect {\n\tcase v := <-ch%d:\n\t\tn += v\n\tcase <-ctx.Done():\n\t\treturn n\n\t}\n", i)
			goroutines++
			selects++
		case 1: // a WaitGroup-joined goroutine
			emit("\twg.Add(1)\n\tgo func() {\n\t\tdefer wg.Done()\n\t\tin <- %d\n\t}()\n", i)
			goroutines++
		case 2: // plain branches
			emit("\tif x == %d {\n\t\tn += %d\n\t} else {\n\t\tn -= %d\n\t}\n\tn *= 3\n", i, i, i)
		case 3: // a loop around a select
			emit("\tfor j := 0; j < x%%%d; j++ {\n\t\tselect {\n\t\tcase v := <-in:\n\t\t\tn += v\n\t\tcase <-time.After(time.Millisecond):\n\t\t}\n\t}\n", i+2)
			selects++
		case 4: // a command that must be waited for
			emit("\tcmd%d := exec.Command(\"true\")\n\tif err := cmd%d.Start(); err != nil {\n\t\treturn n\n\t}\n\tdefer cmd%d.Wait()\n", i, i, i)
		case 5: // a future from a helper
			emit("\tr%d := fetch(ctx, %d)\n\tselect {\n\tcase v := <-r%d:\n\t\tn += v\n\tcase <-ctx.Done():\n\t\treturn n\n\t}\n", i, i, i)
			selects++
		}
	}
	emit("\twg.Wait()\n\treturn n\n}\n")
	return b.String(), goroutines, selects
}

// loadHuge writes package gen into a GOPATH and loads it, with the syntax
// of all it imports, as analysistest does.
func loadHuge(tb testing.TB) (pkgs []*packages.Package, lines, goroutines, selects int) {
	src, goroutines, selects := generateHuge()
	gopath := tb.TempDir()
	dir := filepath.Join(gopath, "src", "gen")
	require.NoError(tb, os.MkdirAll(dir, 0o755))
	require.NoError(tb, os.WriteFile(filepath.Join(dir, "gen.go"), []byte(src), 0o644))
	pkgs = loadGOPATH(tb, gopath, packages.LoadAllSyntax, "gen")
	require.Len(tb, pkgs, 1)
	return pkgs, strings.Count(src, "\n"), goroutines, selects
}

// noFact lets the baseline declare a fact type as the shared pass does,
// so that it runs on every dependency too: the same graph of actions.
type noFact struct{}

func (*noFact) AFact() {}

var noopAnalyzer = &analysis.Analyzer{
	Name:      "noop",
	Doc:       "noop: does nothing; it declares a fact type as the shared pass does",
	FactTypes: []analysis.Fact{new(noFact)},
	Run:       func(*analysis.Pass) (any, error) { return nil, nil },
}

// TestGeneratedFunction runs the suite once on the generated package: no
// error, and nothing said about the huge function, which is past the
// shared pass's per-function bounds (a check that guessed there would
// report hundreds of abandoned senders). How long it takes is for
// BenchmarkGeneratedFunction to show, not for a test.
func TestGeneratedFunction(t *testing.T) {
	t.Parallel()
	pkgs, _, _, _ := loadHuge(t)
	g, err := checker.Analyze(analyzers.Suite(), pkgs, nil)
	require.NoError(t, err)
	var huge *ast.FuncDecl
	for _, decl := range pkgs[0].Syntax[0].Decls {
		if fn, ok := decl.(*ast.FuncDecl); ok && fn.Name.Name == "huge" {
			huge = fn
		}
	}
	require.NotNil(t, huge)
	for act := range g.All() {
		require.NoError(t, act.Err, "%s on %s", act.Analyzer.Name, act.Package.ID)
		if !act.IsRoot {
			continue
		}
		for _, d := range act.Diagnostics {
			require.False(t, huge.Pos() <= d.Pos && d.Pos < huge.End(), "%s: %s: %s", act.Package.Fset.Position(d.Pos), act.Analyzer.Name, d.Message)
		}
	}
}

// BenchmarkGeneratedFunction runs the whole suite, and a no-op analyzer
// as the baseline, on a package whose one function has 20,000 lines with
// hundreds of goroutines and selects. Loading is done once, outside the
// timed loop: ns/op and B/op are the analysis alone (the checker's own
// work included, the same in both). "typecheck" parses and type-checks
// the package again, given its imports: what any vettool, the no-op one
// included, pays for it under go vet, and so the scale for the suite's
// cost.
//
//	go test ./analyzers -run '^$' -bench GeneratedFunction -benchmem
func BenchmarkGeneratedFunction(b *testing.B) {
	pkgs, lines, goroutines, selects := loadHuge(b)
	report := func(b *testing.B) {
		b.ReportMetric(float64(lines), "lines")
		b.ReportMetric(float64(goroutines), "goroutines")
		b.ReportMetric(float64(selects), "selects")
	}
	b.Run("typecheck", func(b *testing.B) {
		pkg := pkgs[0]
		imports := importerFunc(func(path string) (*types.Package, error) { return pkg.Imports[path].Types, nil })
		for b.Loop() {
			fset := token.NewFileSet()
			f, err := parser.ParseFile(fset, pkg.GoFiles[0], nil, parser.ParseComments|parser.SkipObjectResolution)
			require.NoError(b, err)
			info := &types.Info{
				Types:        map[ast.Expr]types.TypeAndValue{},
				Defs:         map[*ast.Ident]types.Object{},
				Uses:         map[*ast.Ident]types.Object{},
				Implicits:    map[ast.Node]types.Object{},
				Instances:    map[*ast.Ident]types.Instance{},
				Scopes:       map[ast.Node]*types.Scope{},
				Selections:   map[*ast.SelectorExpr]*types.Selection{},
				FileVersions: map[*ast.File]string{},
			}
			_, err = (&types.Config{Importer: imports}).Check(pkg.PkgPath, fset, []*ast.File{f}, info)
			require.NoError(b, err)
		}
		report(b)
	})
	for _, bench := range []struct {
		name  string
		suite []*analysis.Analyzer
	}{
		{"noop", []*analysis.Analyzer{noopAnalyzer}},
		{"suite", analyzers.Suite()},
	} {
		b.Run(bench.name, func(b *testing.B) {
			var findings int
			for b.Loop() {
				g, err := checker.Analyze(bench.suite, pkgs, nil)
				require.NoError(b, err)
				findings = 0
				for act := range g.All() {
					require.NoError(b, act.Err, "%s on %s", act.Analyzer.Name, act.Package.ID)
					if act.IsRoot {
						findings += len(act.Diagnostics)
					}
				}
			}
			report(b)
			b.ReportMetric(float64(findings), "findings")
		})
	}
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }
