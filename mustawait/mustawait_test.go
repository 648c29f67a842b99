package mustawait_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/scopevet/scopevet/mustawait"
)

func TestMustAwait(t *testing.T) {
	t.Parallel()
	testdata, err := filepath.Abs(filepath.Join("..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	// One run: the fixtures share their dependencies, loaded once.
	analysistest.Run(t, testdata, mustawait.Analyzer,
		"mustawait/chans",
		"mustawait/groups",
		"mustawait/process",
		"mustawait/handles",
		"mustawait/client",
		"mustawait/daemon",
		"mustawait/commands",
		"mustawait/suppress",
		"mustawait/realworld",
		"mustawait/directives",
		"mustawait/cgouser",
	)
}

// checkedBeside is a future and a small function that drops it: the
// finding that must stay when a function beside it is skipped.
const checkedBeside = `func fetchAsync() <-chan int {
	ch := make(chan int)
	go func() { ch <- 1 }()
	return ch
}

func small() {
	fetchAsync() // want "result of fetchAsync is discarded"
}
`

// TestHugeFunctionIsSkipped checks the per-function bound: a generated
// function with thousands of blocks gets no summary and no diagnostic,
// while a small function in the same package is still checked.
func TestHugeFunctionIsSkipped(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	b.WriteString("package huge\n\n" + checkedBeside + `
func generated(x int) int {
	fetchAsync()
	n := 0
`)
	for i := 0; i < 3000; i++ {
		fmt.Fprintf(&b, "\tif x == %d {\n\t\tn += %d\n\t}\n", i, i)
	}
	b.WriteString("\treturn n\n}\n")

	dir := t.TempDir()
	writePackage(t, dir, "huge", b.String())
	analysistest.Run(t, dir, mustawait.Analyzer, "huge")
}

// TestDeclarationOrder checks that a chain of functions longer than the
// summary depth bound, each returning the previous one's future, is
// reported whichever way round it is declared: summaries are computed
// callees first, so no depth cut is remembered as "no future".
func TestDeclarationOrder(t *testing.T) {
	t.Parallel()
	const n = 250
	chain := func(i int) string {
		if i == 0 {
			return "func f0() <-chan int {\n\tch := make(chan int)\n\tgo func() { ch <- 1 }()\n\treturn ch\n}\n\n"
		}
		return fmt.Sprintf("func f%d() <-chan int { return f%d() }\n\n", i, i-1)
	}
	use := fmt.Sprintf("func use() {\n\tf%d() // want \"result of f%d is discarded\"\n}\n\n", n-1, n-1)
	dir := t.TempDir()
	for _, order := range []string{"calleesfirst", "callersfirst"} {
		var b strings.Builder
		b.WriteString("package " + order + "\n\n")
		if order == "callersfirst" {
			b.WriteString(use)
			for i := n - 1; i >= 0; i-- {
				b.WriteString(chain(i))
			}
		} else {
			for i := range n {
				b.WriteString(chain(i))
			}
			b.WriteString(use)
		}
		writePackage(t, dir, order, b.String())
	}
	analysistest.Run(t, dir, mustawait.Analyzer, "calleesfirst", "callersfirst")
}

// TestOverBudgetFunctionIsSkipped checks the per-function step budget: a
// function under the size bounds whose paths the check would walk once per
// goroutine (2,000 WaitGroup goroutines) runs out of budget and gets no
// findings, not even its discarded future, while a small function in the
// same package is still checked.
func TestOverBudgetFunctionIsSkipped(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	b.WriteString("package budget\n\nimport \"sync\"\n\n" + checkedBeside + `
func many() {
	fetchAsync()
	var wg sync.WaitGroup
`)
	for range 2000 {
		b.WriteString("\twg.Add(1)\n\tgo func() { defer wg.Done() }()\n")
	}
	b.WriteString("\twg.Wait()\n}\n")

	dir := t.TempDir()
	writePackage(t, dir, "budget", b.String())
	analysistest.Run(t, dir, mustawait.Analyzer, "budget")
}

// writePackage writes src as package name of the GOPATH dir.
func writePackage(t *testing.T, dir, name, src string) {
	pkgDir := filepath.Join(dir, "src", name)
	require.NoError(t, os.MkdirAll(pkgDir, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(pkgDir, name+".go"), []byte(src), 0o644))
}
