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
		"mustawait/suppress",
		"mustawait/realworld",
	)
}

// TestHugeFunctionIsSkipped checks the per-function bound: a generated
// function with thousands of blocks gets no summary and no diagnostic,
// while a small function in the same package is still checked.
func TestHugeFunctionIsSkipped(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	b.WriteString(`package huge

func fetchAsync() <-chan int {
	ch := make(chan int)
	go func() { ch <- 1 }()
	return ch
}

func small() {
	fetchAsync() // want "result of fetchAsync is discarded"
}

func generated(x int) int {
	fetchAsync()
	n := 0
`)
	for i := 0; i < 3000; i++ {
		fmt.Fprintf(&b, "\tif x == %d {\n\t\tn += %d\n\t}\n", i, i)
	}
	b.WriteString("\treturn n\n}\n")

	dir := t.TempDir()
	pkgDir := filepath.Join(dir, "src", "huge")
	require.NoError(t, os.MkdirAll(pkgDir, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(pkgDir, "huge.go"), []byte(b.String()), 0o644))
	analysistest.Run(t, dir, mustawait.Analyzer, "huge")
}
