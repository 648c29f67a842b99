package leakedspawn_test

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/scopevet/scopevet/leakedspawn"
)

func testdata(t *testing.T) string {
	dir, err := filepath.Abs(filepath.Join("..", "testdata"))
	require.NoError(t, err)
	return dir
}

func TestLeakedSpawn(t *testing.T) {
	for _, pkg := range []string{
		"leakedspawn/handlers",
		"leakedspawn/tests",
		"leakedspawn/buffers",
		"leakedspawn/stops",
		"leakedspawn/clean",
		"leakedspawn/client",
		"leakedspawn/client2",
		"leakedspawn/daemon",
	} {
		t.Run(pkg, func(t *testing.T) {
			analysistest.Run(t, testdata(t), leakedspawn.Analyzer, pkg)
		})
	}
}

// TestFlags runs the fixtures that only report with a flag set, and
// checks that the clean idioms stay clean even in strict mode.
func TestFlags(t *testing.T) {
	for _, tc := range []struct{ flag, pkg string }{
		{"strict", "leakedspawn/strict"},
		{"strict", "leakedspawn/clean"},
		{"strict", "leakedspawn/clientstrict"},
		{"main", "leakedspawn/daemonflag"},
	} {
		t.Run(tc.flag+"/"+tc.pkg, func(t *testing.T) {
			require.NoError(t, leakedspawn.Analyzer.Flags.Set(tc.flag, "true"))
			defer func() { require.NoError(t, leakedspawn.Analyzer.Flags.Set(tc.flag, "false")) }()
			analysistest.Run(t, testdata(t), leakedspawn.Analyzer, tc.pkg)
		})
	}
}
