package main

import (
	"encoding/json"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
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

// TestMode checks which driver each command line goes to: go vet for a
// plain run over packages, multichecker for everything else.
func TestMode(t *testing.T) {
	suite := analyzers.Suite()
	for _, tc := range []struct {
		args []string
		want driver
	}{
		{nil, inProcess},
		{[]string{"help"}, inProcess},
		{[]string{"help", "mustawait"}, inProcess},
		{[]string{"-V=full"}, inProcess},
		{[]string{"-flags"}, inProcess},
		{[]string{"/tmp/go-build1/b001/vet.cfg"}, inProcess},
		{[]string{"-h"}, inProcess},
		{[]string{"-cpuprofile", "cpu.out", "./..."}, inProcess},
		{[]string{"-debug=t", "./..."}, inProcess},
		{[]string{"--memprofile=mem.out", "./..."}, inProcess},
		{[]string{"./..."}, viaGoVet},
		{[]string{"-json", "-leakedspawn.strict", "./..."}, viaGoVet},
		{[]string{"-tags", "help", "./..."}, viaGoVet}, // "help" is -tags' value
		{[]string{"-C", "sub", "-c=2", "."}, viaGoVet},
		{[]string{"-fix", "-diff", "example.com/m/..."}, viaGoVet},
		{[]string{"--", "./..."}, viaGoVet},
	} {
		require.Equal(t, tc.want, mode(splitFlags(tc.args, valueFlags(suite))), "%q", tc.args)
	}
}

func TestJSONOutput(t *testing.T) {
	for args, want := range map[string]bool{
		"./...":                   false,
		"-json ./...":             true,
		"--json=true ./...":       true,
		"-json -json=false ./...": false,
		"-json=0 ./...":           false,
		"-tags json ./...":        false,
		"./... -json":             false, // after the packages: not a flag
	} {
		flags, _ := splitFlags(strings.Fields(args), valueFlags(analyzers.Suite()))
		require.Equal(t, want, jsonOutput(flags), args)
	}
}

// TestMergeJSON checks that go vet's objects, one per package in the
// order the packages finished, become one object in a fixed order.
func TestMergeJSON(t *testing.T) {
	in := `{"b": {"mustawait": [{"posn": "b.go:1:1", "message": "x"}]}}
{}
{"a": {"leakedspawn": {"error": "boom"}}}
{"a": {"cancelsafe": []}}
`
	out, err := mergeJSON(strings.NewReader(in))
	require.NoError(t, err)
	require.JSONEq(t, `{"a": {"cancelsafe": [], "leakedspawn": {"error": "boom"}},
		"b": {"mustawait": [{"posn": "b.go:1:1", "message": "x"}]}}`, string(out))
	require.Less(t, strings.Index(string(out), `"a"`), strings.Index(string(out), `"b"`))

	empty, err := mergeJSON(strings.NewReader(""))
	require.NoError(t, err)
	require.Equal(t, "{}\n", string(empty))

	_, err = mergeJSON(strings.NewReader(`{"a": {}} # pkg`))
	require.Error(t, err)
}

// TestStandaloneRunsGoVet runs scopevet standalone on the integration
// module: go vet drives it, its -json output is one object, and its
// findings are those of go vet -vettool and of the in-process driver.
func TestStandaloneRunsGoVet(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go vet")
	}
	scopevet := func(args ...string) (stdout string, code int) {
		cmd := exec.Command(os.Args[0], args...)
		cmd.Dir = filepath.Join("..", "..", "testdata", "integration")
		cmd.Env = append(os.Environ(), "SCOPEVET_TEST_MAIN=1")
		var out, errs strings.Builder
		cmd.Stdout, cmd.Stderr = &out, &errs
		err := cmd.Run()
		var exit *exec.ExitError
		if err != nil {
			require.ErrorAs(t, err, &exit, "scopevet %q: %s", args, errs.String())
			code = exit.ExitCode()
		}
		return out.String(), code
	}
	findings := func(js string) []string {
		var tree map[string]map[string][]struct{ Posn, Message string }
		require.NoError(t, json.Unmarshal([]byte(js), &tree), js)
		var fs []string
		for _, byAnalyzer := range tree {
			for name, diags := range byAnalyzer {
				for _, d := range diags {
					fs = append(fs, name+" "+d.Posn+" "+d.Message)
				}
			}
		}
		sort.Strings(fs)
		return fs
	}

	viaVet, code := scopevet("-json", "./...")
	require.Equal(t, 0, code)
	inProcess, code := scopevet("-json", "-debug=", "./...")
	require.Equal(t, 0, code)
	require.NotEmpty(t, findings(viaVet))
	require.Equal(t, findings(inProcess), findings(viaVet))

	_, code = scopevet("./...")
	require.Equal(t, 1, code, "go vet's status for findings")
	quiet, code := scopevet("-json", "-mustawait=false", "-leakedspawn=false", "-cancelsafe=false", "./...")
	require.Equal(t, 0, code)
	require.Empty(t, findings(quiet))
}
