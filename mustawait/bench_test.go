package mustawait_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/scopevet/scopevet/mustawait"
)

// writeGenerated writes a package whose one function has about 20,000
// lines, with hundreds of goroutines and selects, the shape of generated
// code that must hit the per-function bound instead of blowing up.
func writeGenerated(tb testing.TB) (dir string, lines int) {
	var b strings.Builder
	b.WriteString("package gen\n\nimport \"time\"\n\nfunc generated(x int) int {\n\tch := make(chan int)\n\tn := 0\n")
	for i := 0; i < 2500; i++ {
		if i%5 == 0 {
			fmt.Fprintf(&b, "\tgo func() { ch <- %d }()\n", i)
			fmt.Fprintf(&b, "\tselect {\n\tcase v := <-ch:\n\t\tn += v\n\tcase <-time.After(0):\n\t}\n")
		}
		fmt.Fprintf(&b, "\tif x == %d {\n\t\tn += %d\n\t}\n", i, i)
		fmt.Fprintf(&b, "\tn *= 3\n")
	}
	b.WriteString("\treturn n\n}\n")
	dir = tb.TempDir()
	pkg := filepath.Join(dir, "src", "gen")
	require.NoError(tb, os.MkdirAll(pkg, 0o755))
	require.NoError(tb, os.WriteFile(filepath.Join(pkg, "gen.go"), []byte(b.String()), 0o644))
	return dir, strings.Count(b.String(), "\n")
}

// BenchmarkGeneratedFunction measures mustawait, with the shared pass, on
// one 20,000-line generated function (package loading included).
func BenchmarkGeneratedFunction(b *testing.B) {
	dir, lines := writeGenerated(b)
	b.ReportMetric(float64(lines), "lines")
	for b.Loop() {
		analysistest.Run(b, dir, mustawait.Analyzer, "gen")
	}
}

// BenchmarkGeneratedFunctionBaseline is the same load with an analyzer
// that does nothing: the difference is what scopevet costs.
func BenchmarkGeneratedFunctionBaseline(b *testing.B) {
	dir, _ := writeGenerated(b)
	noop := &analysis.Analyzer{Name: "noop", Doc: "noop: does nothing", Run: func(*analysis.Pass) (any, error) { return nil, nil }}
	for b.Loop() {
		analysistest.Run(b, dir, noop, "gen")
	}
}
