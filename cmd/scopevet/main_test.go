package main

import (
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/scopevet/scopevet/analyzers"
)

// TestMain lets the test binary run as scopevet itself, so that the help
// test sees exactly what `scopevet help <name>` prints.
func TestMain(m *testing.M) {
	if os.Getenv("SCOPEVET_TEST_MAIN") == "1" {
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// TestHelpMatchesDocs checks that `scopevet help <name>` prints the text of
// docs/<name>.md: its summary, its body (code blocks indented by a tab
// instead of four spaces) and every flag the page lists.
func TestHelpMatchesDocs(t *testing.T) {
	for _, a := range analyzers.Suite() {
		cmd := exec.Command(os.Args[0], "help", a.Name)
		cmd.Env = append(os.Environ(), "SCOPEVET_TEST_MAIN=1")
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, "scopevet help %s: %s", a.Name, out)
		help := asMarkdown(string(out))

		page, err := os.ReadFile(filepath.Join("..", "..", "docs", a.Name+".md"))
		require.NoError(t, err, "run go test ./analyzers -update")
		_, text, ok := strings.Cut(string(page), "Do not edit. -->\n\n")
		require.True(t, ok, "docs/%s.md has no generated-page header", a.Name)
		text, _, ok = strings.Cut(text, "\n## Flags\n")
		require.True(t, ok, "docs/%s.md has no Flags section", a.Name)
		summary, body, _ := strings.Cut(strings.TrimSpace(text), "\n\n")

		require.Contains(t, help, summary, "help %s lacks the summary of docs/%s.md", a.Name, a.Name)
		require.Contains(t, help, body, "help %s lacks the body of docs/%s.md", a.Name, a.Name)
		a.Flags.VisitAll(func(f *flag.Flag) {
			name := "-" + a.Name + "." + f.Name
			require.Contains(t, string(page), "`"+name+"` (default `"+f.DefValue+"`)", "docs/%s.md", a.Name)
			require.Contains(t, help, name, "help %s", a.Name)
			require.Contains(t, help, f.Usage, "help %s", a.Name)
		})
	}
}

// asMarkdown indents code blocks as analyzers.Markdown does, so that help
// output and the page can be compared.
func asMarkdown(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "\t") {
			l = "    " + strings.TrimPrefix(l, "\t")
		}
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}
