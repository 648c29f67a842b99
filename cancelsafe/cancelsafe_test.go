package cancelsafe_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/scopevet/scopevet/cancelsafe"
)

func testdata(t *testing.T) string {
	dir, err := filepath.Abs(filepath.Join("..", "testdata"))
	require.NoError(t, err)
	return dir
}

// TestCancelSafe runs the fixtures in two analysistest runs, those with
// .golden files for the suggested fixes and the others: the packages of
// one run share their dependencies, loaded and type-checked once.
func TestCancelSafe(t *testing.T) {
	t.Parallel()
	analysistest.RunWithSuggestedFixes(t, testdata(t), cancelsafe.Analyzer,
		"cancelsafe/stranded",
		"cancelsafe/loops",
		"cancelsafe/straight",
		"cancelsafe/locks",
		"cancelsafe/groups",
		"cancelsafe/joined",
		"cancelsafe/tests",
		"cancelsafe/timers",
		"cancelsafe/families",
		"cancelsafe/fields",
		"cancelsafe/polls",
		"cancelsafe/servers",
		"cancelsafe/helperspawn",
	)
	analysistest.Run(t, testdata(t), cancelsafe.Analyzer,
		"cancelsafe/futures",
		"cancelsafe/deferred",
		"cancelsafe/losers",
		"cancelsafe/helpermade",
		"cancelsafe/suppress",
		"cancelsafe/daemon",
		"cancelsafe/commands",
		"cancelsafe/droppedoff",
		"cancelsafe/latecancel",
		"cancelsafe/recursive",
	)
}

// TestDroppedValues runs the dropped-value rule, which is off by default.
// TestForeignStream runs in module mode, where the pass knows its
// module: a stream of another module gets advice this code can follow.
func TestForeignStream(t *testing.T) {
	t.Parallel()
	analysistest.Run(t, filepath.Join(testdata(t), "modules", "foreign"), cancelsafe.Analyzer, "example.com/app")
}

func TestDroppedValues(t *testing.T) {
	t.Parallel()
	a := cancelsafe.NewAnalyzer()
	require.NoError(t, a.Flags.Set(cancelsafe.FlagDroppedValues, "true"))
	analysistest.Run(t, testdata(t), a, "cancelsafe/dropped")
	// cancelsafe/droppedoff, the rule off by default, runs in TestCancelSafe.
}

// writePackage writes one generated package under a new GOPATH-style
// testdata directory.
func writePackage(t *testing.T, name, src string) string {
	dir := t.TempDir()
	pkg := filepath.Join(dir, "src", name)
	require.NoError(t, os.MkdirAll(pkg, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(pkg, name+".go"), []byte(src), 0o644))
	return dir
}

// TestHugeFunctionIsSkipped checks the per-function bound: a generated
// function with thousands of blocks, goroutines and selects gets no
// summary and no diagnostic, quickly, while a small function in the same
// package is still checked.
func TestHugeFunctionIsSkipped(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	b.WriteString(`package huge

import "context"

func small(ctx context.Context) int {
	ch := make(chan int)
	go func() { ch <- 1 }()
	select {
	case n := <-ch:
		return n
	case <-ctx.Done(): // want "when ctx is done first"
		return 0
	}
}

func generated(ctx context.Context, x int) int {
	n := 0
`)
	for i := range 3000 {
		if i%10 == 0 {
			fmt.Fprintf(&b, "\tch%d := make(chan int)\n\tgo func() { ch%d <- %d }()\n", i, i, i)
			fmt.Fprintf(&b, "\tselect {\n\tcase v := <-ch%d:\n\t\tn += v\n\tcase <-ctx.Done():\n\t\treturn n\n\t}\n", i)
		}
		fmt.Fprintf(&b, "\tif x == %d {\n\t\tn += %d\n\t}\n", i, i)
	}
	b.WriteString("\treturn n\n}\n")
	start := time.Now()
	analysistest.Run(t, writePackage(t, "huge", b.String()), cancelsafe.Analyzer, "huge")
	require.Less(t, time.Since(start), 2*time.Minute, "the bound must keep the analysis fast")
}

// TestManySelectsUnderTheBound checks that a function under the summary
// bounds, with a hundred and fifty goroutines and selects, is analyzed in
// bounded time: the first 32 channels (the per-function channel bound)
// are each reported once, and the rest are left alone.
func TestManySelectsUnderTheBound(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	b.WriteString("package many\n\nimport \"context\"\n\nfunc generated(ctx context.Context) int {\n\tn := 0\n")
	const selects = 150
	for i := range selects {
		fmt.Fprintf(&b, "\tch%d := make(chan int)\n\tgo func() { ch%d <- %d }()\n", i, i, i)
		want := ""
		if i < 32 {
			want = fmt.Sprintf(" // want `when ctx is done first, the goroutine started at line %d`", 8+8*i)
		}
		fmt.Fprintf(&b, "\tselect {\n\tcase v := <-ch%d:\n\t\tn += v\n\tcase <-ctx.Done():%s\n\t\treturn n\n\t}\n", i, want)
	}
	b.WriteString("\treturn n\n}\n")
	start := time.Now()
	analysistest.Run(t, writePackage(t, "many", b.String()), cancelsafe.Analyzer, "many")
	require.Less(t, time.Since(start), 2*time.Minute)
}
