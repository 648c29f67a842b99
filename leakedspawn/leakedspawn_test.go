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

// TestLeakedSpawn runs every fixture in one analysistest.Run: the
// packages share their dependencies (net/http and the stubs), which are
// then loaded and type-checked once instead of once per fixture.
func TestLeakedSpawn(t *testing.T) {
	t.Parallel()
	analysistest.RunWithSuggestedFixes(t, testdata(t), leakedspawn.Analyzer,
		"leakedspawn/handlers",
		"leakedspawn/tests",
		"leakedspawn/buffers",
		"leakedspawn/stops",
		"leakedspawn/clean",
		"leakedspawn/client",
		"leakedspawn/client2",
		"leakedspawn/daemon",
		"leakedspawn/commands",
		"leakedspawn/owner",
	)
}

// TestFlags runs the fixtures that only report with a flag set, and
// checks that the clean idioms stay clean even in strict mode.
func TestFlags(t *testing.T) {
	for _, tc := range []struct {
		flag string
		pkgs []string
	}{
		{"strict", []string{"leakedspawn/strict", "leakedspawn/clean", "leakedspawn/clientstrict"}},
		{"main", []string{"leakedspawn/daemonflag", "leakedspawn/commandsflag"}},
	} {
		t.Run(tc.flag, func(t *testing.T) {
			t.Parallel()
			a := leakedspawn.NewAnalyzer()
			require.NoError(t, a.Flags.Set(tc.flag, "true"))
			analysistest.Run(t, testdata(t), a, tc.pkgs...)
		})
	}
}
