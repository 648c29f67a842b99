package analyzers_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/scopevet/scopevet/analyzers"
)

// TestSuiteConventions checks what users rely on to look a check up: one
// name everywhere, and a doc whose first line is a summary without the
// name, which drivers print before it ("name: summary", as go vet help).
func TestSuiteConventions(t *testing.T) {
	suite := analyzers.Suite()
	require.NotEmpty(t, suite)
	seen := map[string]bool{}
	for _, a := range suite {
		require.Regexp(t, `^[a-z]+$`, a.Name)
		require.False(t, seen[a.Name], "duplicate analyzer %s", a.Name)
		seen[a.Name] = true

		first, rest, _ := strings.Cut(a.Doc, "\n")
		require.Regexp(t, `^[a-z]`, first, "doc of %s", a.Name)
		require.False(t, strings.HasPrefix(first, a.Name+":"), "doc of %s repeats its name: %q", a.Name, first)
		require.LessOrEqual(t, len(first), 72, "first doc line of %s is too long", a.Name)
		require.False(t, strings.HasSuffix(first, "."), "first doc line of %s ends with a period", a.Name)
		require.NotEmpty(t, strings.TrimSpace(rest), "doc of %s has no body", a.Name)

		require.Contains(t, a.URL, "/"+a.Name, "URL of %s", a.Name)
		require.NotEmpty(t, a.Requires, "%s must require the shared pass", a.Name)
	}
}

var update = flag.Bool("update", false, "rewrite docs/<analyzer>.md from the analyzers' Doc strings")

// TestDocsUpToDate checks that docs/<name>.md is generated from the
// analyzer's doc.go; run `go test ./analyzers -update` after editing one.
func TestDocsUpToDate(t *testing.T) {
	for _, a := range analyzers.Suite() {
		want := analyzers.Markdown(a)
		path := filepath.Join("..", "docs", a.Name+".md")
		if *update {
			require.NoError(t, os.WriteFile(path, []byte(want), 0o644))
			continue
		}
		got, err := os.ReadFile(path)
		require.NoError(t, err, "run go test ./analyzers -update")
		require.Equal(t, want, string(got), "%s is stale: run go test ./analyzers -update", path)
	}
}
