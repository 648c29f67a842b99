package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/scopevet/scopevet/analyzers"
)

// TestMain lets the test binary run as scopevet itself, so that the help
// test sees exactly what `scopevet help <name>` prints. The go vet tests
// run a scopevet built from this package instead: go vet keys its cache on
// the tool's -V=full, a hash of the binary, which then changes only with
// the code (not with the tests), so the standard library's facts computed
// by one run (or by CI's integration test) serve the next.
func TestMain(m *testing.M) {
	if os.Getenv("SCOPEVET_TEST_MAIN") == "1" {
		main()
		os.Exit(0)
	}
	dir, err := os.MkdirTemp("", "scopevet-test")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	scopevetBin = filepath.Join(dir, "scopevet")
	if out, err := exec.Command("go", "build", "-o", scopevetBin, ".").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "go build: %v\n%s", err, out)
		os.Exit(2)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// scopevetBin is scopevet, built from this package.
var scopevetBin string

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
// run over packages, scopevet itself for its help and version,
// multichecker for the rest.
func TestMode(t *testing.T) {
	suite := analyzers.Suite()
	for _, tc := range []struct {
		args []string
		want driver
	}{
		{nil, printHelp},
		{[]string{"help"}, printHelp},
		{[]string{"-h"}, printHelp},
		{[]string{"-help", "./..."}, printHelp},
		{[]string{"help", "mustawait"}, inProcess},
		{[]string{"-flags"}, inProcess},
		{[]string{"-V=full"}, printID},
		{[]string{"-V"}, printVersion},
		{[]string{"-version"}, printVersion},
		{[]string{"version"}, printVersion},
		{[]string{"/tmp/go-build1/b001/vet.cfg"}, vetTool},
		{[]string{"-json", "/tmp/go-build1/b001/vet.cfg"}, vetTool},
		{[]string{"-cpuprofile", "cpu.out", "./..."}, viaGoVet},
		{[]string{"-json"}, viaGoVet},
		{[]string{"./..."}, viaGoVet},
		{[]string{"-json", "-leakedspawn.strict", "./..."}, viaGoVet},
		{[]string{"-tags", "help", "./..."}, viaGoVet}, // "help" is -tags' value
		{[]string{"-C", "sub", "-c=2", "."}, viaGoVet},
		{[]string{"-fix", "-diff", "example.com/m/..."}, viaGoVet},
		{[]string{"--", "./..."}, viaGoVet},
	} {
		require.Equal(t, tc.want, mode(tc.args, suite), "%q", tc.args)
	}
}

func TestParseOptions(t *testing.T) {
	suite := analyzers.Suite()
	for _, tc := range []struct {
		args string
		want options
		err  string
	}{
		{args: "./...", want: options{format: "text", tests: true, pkgs: []string{"./..."}}},
		{args: "-json ./...", want: options{format: "json", tests: true, pkgs: []string{"./..."}}},
		{args: "--json=true ./...", want: options{format: "json", tests: true, pkgs: []string{"./..."}}},
		{args: "-json -json=false ./...", want: options{format: "text", tests: true, pkgs: []string{"./..."}}},
		{args: "-format sarif -test=false .", want: options{format: "sarif", pkgs: []string{"."}}},
		{args: "-tags json ./...", want: options{format: "text", tests: true, pass: []string{"-tags=json"}, pkgs: []string{"./..."}}},
		{args: "./... -json", want: options{format: "text", tests: true, pkgs: []string{"./...", "-json"}}}, // after the packages: not a flag
		{args: "-C sub -fix -diff -mustawait .", want: options{format: "text", tests: true, dir: "sub", fix: true, diff: true, pass: []string{"-mustawait"}, pkgs: []string{"."}}},
		{args: "-debug= ./...", want: options{format: "text", tests: true, inProcess: true, pass: []string{"-debug="}, pkgs: []string{"./..."}}},
		{args: "-format=xml ./...", err: "-format=xml: want text, json or sarif"},
		{args: "-diff ./...", err: "-diff works with -fix"},
		{args: "-fix=maybe ./...", err: "-fix=maybe: want true or false"},
	} {
		got, err := parseOptions(strings.Fields(tc.args), suite)
		if tc.err != "" {
			require.ErrorContains(t, err, tc.err, tc.args)
			continue
		}
		require.NoError(t, err, tc.args)
		require.Equal(t, tc.want, got, tc.args)
	}
}

// TestSplitOutput checks that go vet's JSON is found on either stream:
// go1.26 prints the objects on stdout, go1.25 on stderr after "# pkg"
// headers; other lines (build errors) are kept with their headers.
func TestSplitOutput(t *testing.T) {
	const b = `{
	"b": {
		"mustawait": [
			{
				"posn": "b.go:1:1",
				"end": "b.go:1:2",
				"message": "x"
			}
		]
	}
}
`
	for _, tc := range []struct {
		name, in, other string
		pkgs            []string
	}{
		{"go1.26 stdout", b + "{}\n" + `{"a": {"leakedspawn": {"error": "boom"}}}` + "\n", "", []string{"a", "b"}},
		{"go1.25 stderr", "# b\n# [b]\n" + b + "# c\n{}\n", "", []string{"b"}},
		{"build error", "# d\nvet: d.go:1:1: undefined: x\n# b\n" + b, "# d\nvet: d.go:1:1: undefined: x\n", []string{"b"}},
		{"nothing", "", "", nil},
	} {
		r, other, err := splitOutput([]byte(tc.in))
		require.NoError(t, err, tc.name)
		require.Equal(t, tc.other, string(other), tc.name)
		require.ElementsMatch(t, tc.pkgs, slices.Collect(maps.Keys(r)), tc.name)
	}
	_, _, err := splitOutput([]byte("{\n\t\"a\": {}\n"))
	require.ErrorContains(t, err, "unterminated")
}

// TestResultsJSON checks that the merged object has sorted keys, keeps
// errors and prints an analyzer without findings as [].
func TestResultsJSON(t *testing.T) {
	r := results{}
	r.add(results{"b": {"mustawait": {Diags: []diagnostic{{Posn: "b.go:1:1", End: "b.go:1:2", Message: "x"}}}}})
	r.add(results{"a": {"leakedspawn": {Err: "boom"}, "cancelsafe": {}}})
	var out strings.Builder
	require.NoError(t, r.writeJSON(&out))
	require.JSONEq(t, `{"a": {"cancelsafe": [], "leakedspawn": {"error": "boom"}},
		"b": {"mustawait": [{"posn": "b.go:1:1", "end": "b.go:1:2", "message": "x"}]}}`, out.String())
	require.Less(t, strings.Index(out.String(), `"a"`), strings.Index(out.String(), `"b"`))
	require.Equal(t, []string{"a: leakedspawn: boom"}, r.errors())
}

// TestWriteText checks the text lines: the check's name after the
// message, related positions indented so that they do not read as
// findings, paths relative to the working directory.
func TestWriteText(t *testing.T) {
	fs := results{"p": {
		"mustawait": {Diags: []diagnostic{{
			Posn: "/m/p/a.go:26:3", Message: "wg.Add is not followed by wg.Wait",
			Related: []related{{Posn: "/m/p/a.go:30:3", Message: "returns here without awaiting it"}},
		}}},
		"leakedspawn": {Diags: []diagnostic{{Posn: "/elsewhere/b.go:10:2", Message: "goroutine uses w"}}},
	}}.findings()
	var out strings.Builder
	require.NoError(t, writeText(&out, fs, "/m"))
	require.Equal(t, `/elsewhere/b.go:10:2: goroutine uses w (leakedspawn)
p/a.go:26:3: wg.Add is not followed by wg.Wait (mustawait)
	p/a.go:30:3: returns here without awaiting it
`, out.String())
}

func TestVersion(t *testing.T) {
	for _, tc := range []struct {
		info *debug.BuildInfo
		want string
	}{
		{&debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"}}, "scopevet version (devel) go1.26.8"},
		{&debug.BuildInfo{GoVersion: "go1.25.5", Main: debug.Module{Version: "v0.3.0"}}, "scopevet version v0.3.0 go1.25.5"},
		{&debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v0.0.0-20261201165702-57797af1f2e3+dirty"}, Settings: []debug.BuildSetting{
			{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: "57797af1f2e3"}, {Key: "vcs.time", Value: "2026-12-01T16:57:02Z"}, {Key: "vcs.modified", Value: "true"},
		}}, "scopevet version v0.0.0-20261201165702-57797af1f2e3+dirty git 57797af1f2e3 2026-12-01T16:57:02Z (modified) go1.26.8"},
	} {
		require.Equal(t, tc.want, version(tc.info, true))
	}
	require.Contains(t, version(nil, false), "unknown")
}

// TestVetID checks the -V=full line go vet keys its cache on: cmd/go
// accepts it (NAME version X, and X = devel only with buildID= last), and
// it changes when the binary does.
func TestVetID(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	require.NoError(t, os.WriteFile(a, []byte("one binary"), 0o755))
	require.NoError(t, os.WriteFile(b, []byte("another binary"), 0o755))
	idA, err := vetID(a, "scopevet version v0.3.0 git abc go1.26.8")
	require.NoError(t, err)
	idB, err := vetID(b, "scopevet version v0.3.0 git abc go1.26.8")
	require.NoError(t, err)
	require.NotEqual(t, idA, idB)
	for _, id := range []string{idA, idB} {
		f := strings.Fields(id)
		require.GreaterOrEqual(t, len(f), 3, id)
		require.Equal(t, "version", f[1], id)
		require.NotEqual(t, "devel", f[2], id)
		require.True(t, strings.HasPrefix(f[len(f)-1], "buildID="), id)
	}
	require.True(t, strings.HasPrefix(idA, "scopevet version v0.3.0 buildID="), idA)
}

func TestNewerRelease(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"go1.26.8", "go1.25.14", true},
		{"go1.26", "go1.25.5", true},
		{"go1.26rc1", "go1.25.5", true},
		{"go1.25.14", "go1.25.1", false},
		{"go1.25.0", "go1.26.8", false},
		{"go1.26.0", "go1.26.8", false},
		{"devel go1.27-abc", "go1.26.8", false},
		{"", "go1.26.8", false},
	} {
		require.Equal(t, tc.want, newerRelease(tc.a, tc.b), "%s > %s", tc.a, tc.b)
	}
	require.True(t, vetCanFix("go1.26.0"))
	require.False(t, vetCanFix("go1.25.14"))
	require.Equal(t, "scopevet: built with go1.25.14, which cannot analyze go1.26.8 code: rebuild scopevet with go1.26 or newer (go install ./cmd/scopevet from a clone)",
		tooOld("go1.25.14", "go1.26.8"))
}

// scopevet runs scopevet in dir.
func scopevet(t *testing.T, dir string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(scopevetBin, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off")
	var out, errs strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errs
	err := cmd.Run()
	var exit *exec.ExitError
	if err != nil {
		require.ErrorAs(t, err, &exit, "scopevet %q: %s", args, errs.String())
		code = exit.ExitCode()
	}
	return out.String(), errs.String(), code
}

// warm runs go vet with this test binary once, before the go vet tests run
// in parallel: each would otherwise analyze the standard library for its
// facts at the same time, none finding the others' results in the cache.
var warm = sync.OnceValues(func() (string, error) {
	cmd := exec.Command(scopevetBin, "-json", "./...")
	cmd.Dir = filepath.Join("..", "..", "testdata", "integration")
	cmd.Env = append(os.Environ(), "GOWORK=off")
	out, err := cmd.CombinedOutput()
	return string(out), err
})

// parallelVet marks a go vet test parallel once the cache is warm.
func parallelVet(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go vet")
	}
	if out, err := warm(); err != nil {
		var exit *exec.ExitError
		require.ErrorAs(t, err, &exit, "warming go vet's cache: %s", out)
	}
	t.Parallel()
}

// writeModule writes a module of one package with the given source.
func writeModule(t *testing.T, src string) string {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/m\n\ngo 1.25\n"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "m.go"), []byte(src), 0o644))
	return dir
}

// jsonFindings lists the findings of a -json output as "check posn message".
func jsonFindings(t *testing.T, js string) []string {
	var r results
	require.NoError(t, json.Unmarshal([]byte(js), &r), js)
	var fs []string
	for _, f := range r.findings() {
		fs = append(fs, f.analyzer+" "+f.Posn+" "+f.Message)
	}
	return fs
}

// TestExitContract checks the one exit contract of every mode: 1 with
// findings, 0 without, 2 when a package could not be analyzed, with the
// error on stderr and no report that would read as clean.
func TestExitContract(t *testing.T) {
	parallelVet(t)
	findings := filepath.Join("..", "..", "testdata", "integration")
	clean := writeModule(t, "package m\n\nfunc F() int { return 1 }\n")
	broken := writeModule(t, "package m\n\nvar X int = \"s\"\n")
	for _, mode := range [][]string{nil, {"-json"}, {"-format=sarif"}, {"-debug="}} {
		args := append(slices.Clone(mode), "./...")
		out, errs, code := scopevet(t, findings, args...)
		require.Equal(t, 1, code, "%q on findings: %s", args, errs)
		require.Contains(t, out, "mustawait", "%q", args)

		out, errs, code = scopevet(t, clean, args...)
		require.Equal(t, 0, code, "%q on clean code: %s", args, errs)
		require.Empty(t, errs, "%q", args)
		if len(mode) == 0 || mode[0] == "-debug=" {
			require.Empty(t, out, "%q", args)
		}

		out, errs, code = scopevet(t, broken, args...)
		require.Equal(t, 2, code, "%q on code that does not type-check: %s", args, out)
		require.Contains(t, errs, "cannot use \"s\"", "%q", args)
		require.Empty(t, out, "%q: no report that reads as clean", args)
	}
}

// TestStandaloneFindings checks the findings of both drivers on the
// integration module: the same, in text with the check's name and the
// related lines indented, and in JSON.
func TestStandaloneFindings(t *testing.T) {
	parallelVet(t)
	dir := filepath.Join("..", "..", "testdata", "integration")
	viaVet, _, _ := scopevet(t, dir, "-json", "./...")
	inProcess, _, code := scopevet(t, dir, "-json", "-debug=", "./...")
	require.Equal(t, 1, code)
	require.NotEmpty(t, jsonFindings(t, viaVet))
	require.Equal(t, jsonFindings(t, inProcess), jsonFindings(t, viaVet))

	text, _, _ := scopevet(t, dir, "./...")
	require.Contains(t, text, "main.go:27:3: wg.Add is not followed by wg.Wait on the path that returns at line 31; its goroutines outlive the function (mustawait)\n\tmain.go:31:3: returns here without awaiting it\n")
	lines := strings.Split(strings.TrimSpace(text), "\n")
	var top int
	for _, l := range lines {
		if !strings.HasPrefix(l, "\t") {
			top++
			require.Regexp(t, `^\S+\.go:\d+:\d+: .* \((mustawait|leakedspawn|cancelsafe)\)$`, l)
		}
	}
	require.Len(t, jsonFindings(t, viaVet), top)

	quiet, _, code := scopevet(t, dir, "-json", "-mustawait=false", "-leakedspawn=false", "-cancelsafe=false", "./...")
	require.Equal(t, 0, code)
	require.Empty(t, jsonFindings(t, quiet))
}

// TestFix checks -fix and -fix -diff, through go vet on go1.26 and the
// in-process driver on go1.25 (whose vet has no -fix): the fixes are
// applied (or shown), and the findings without a fix are printed, with
// exit status 1; with nothing left, 0.
func TestFix(t *testing.T) {
	parallelVet(t)
	fixture := filepath.Join("..", "..", "testdata", "golangci")
	copyModule := func() string {
		dir := t.TempDir()
		require.NoError(t, os.CopyFS(dir, os.DirFS(fixture)))
		return dir
	}
	src := filepath.Join("checks", "cancelsafe", "cancelsafe.go")
	golden, err := os.ReadFile(filepath.Join(fixture, src+".golden"))
	require.NoError(t, err)
	orig, err := os.ReadFile(filepath.Join(fixture, src))
	require.NoError(t, err)

	dir := copyModule()
	out, errs, code := scopevet(t, dir, "-fix", "-diff", "./...")
	require.Equal(t, 1, code, "-fix -diff: %s", errs)
	require.Contains(t, out, "+\tch := make(chan string, 1)", "-fix -diff")
	require.Contains(t, errs, "(mustawait)", "-fix -diff prints what it cannot fix")
	require.NotContains(t, errs, "give ch a buffer of 1", "-fix -diff")
	got, err := os.ReadFile(filepath.Join(dir, src))
	require.NoError(t, err)
	require.Equal(t, string(orig), string(got), "-diff changes no file")

	// Through go vet, and the in-process driver that go1.25 needs.
	for _, mode := range [][]string{nil, {"-debug="}} {
		dir := copyModule()
		out, errs, code := scopevet(t, dir, append(mode, "-fix", "./...")...)
		require.Equal(t, 1, code, "%q -fix: %s", mode, errs)
		require.Contains(t, out, "checks/mustawait/mustawait.go:14:", "%q -fix prints what it cannot fix", mode)
		require.NotContains(t, out, "give ch a buffer of 1", "%q -fix", mode)
		got, err := os.ReadFile(filepath.Join(dir, src))
		require.NoError(t, err)
		require.Equal(t, string(golden), string(got), "%q -fix", mode)
	}

	// Only the fixable check: nothing is left.
	out, errs, code = scopevet(t, copyModule(), "-cancelsafe", "-fix", "./...")
	require.Equal(t, 0, code, "-cancelsafe -fix: %s %s", out, errs)
	require.Empty(t, out)
}

// TestFlags checks the flags scopevet -help lists in the default mode,
// through go vet: -C, -tags and -test=false.
func TestFlags(t *testing.T) {
	parallelVet(t)
	const leak = `
func fetch() <-chan int {
	ch := make(chan int)
	go func() { ch <- 1 }()
	return ch
}

func drop() { fetch() }
`
	dir := writeModule(t, "package m\n")
	require.NoError(t, os.WriteFile(filepath.Join(dir, "tagged.go"), []byte("//go:build special\n\npackage m\n"+leak), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "m_test.go"), []byte("package m\n"+strings.NewReplacer("fetch", "fetchT", "drop", "dropT").Replace(leak)), 0o644))
	parent := filepath.Dir(dir)
	for _, tc := range []struct {
		args []string
		want []string // files with findings
	}{
		{[]string{"-C", filepath.Base(dir), "./..."}, []string{"m_test.go"}},
		{[]string{"-C", filepath.Base(dir), "-test=false", "./..."}, nil},
		{[]string{"-C", filepath.Base(dir), "-tags", "special", "./..."}, []string{"m_test.go", "tagged.go"}},
		{[]string{"-C", filepath.Base(dir), "-tags=special", "-test=false", "-debug=", "./..."}, []string{"tagged.go"}},
	} {
		out, errs, code := scopevet(t, parent, tc.args...)
		var files []string
		for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
			if file, _, ok := strings.Cut(l, ":"); ok {
				files = append(files, filepath.Base(file))
			}
		}
		require.Equal(t, tc.want, files, "%q: %s", tc.args, errs)
		require.Equal(t, min(len(tc.want), 1), code, "%q: %s", tc.args, errs)
	}
}

// TestHelpFlags checks that scopevet -help lists the flags that work
// standalone and none that do nothing there.
func TestHelpFlags(t *testing.T) {
	var out strings.Builder
	require.Equal(t, 0, help(&out, analyzers.Suite()))
	for _, want := range []string{"-format", "-json", "-fix", "-diff", "-test", "-C dir", "-tags list", "-leakedspawn.strict", "Exit status"} {
		require.Contains(t, out.String(), want)
	}
	for _, gone := range []string{"deprecated", "-source", "-all", "-V", "-flags", "-c int"} {
		require.NotContains(t, out.String(), gone)
	}
}

var update = flag.Bool("update", false, "rewrite testdata/sarif.golden")

// TestSARIF checks the SARIF log code scanning reads: the fields SARIF
// 2.1.0 requires, one result per finding with the check's name as ruleId,
// each rule's help from its doc, relatedLocations and fixes; and that
// testdata/sarif.golden is current (go test ./cmd/scopevet -update).
func TestSARIF(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "vet.json"))
	require.NoError(t, err)
	r := results{}
	require.NoError(t, decodeInto(r, data))
	suite := analyzers.Suite()
	var out strings.Builder
	require.NoError(t, encodeSARIF(&out, sarifFor(r, suite, "/m", "v0.3.0")))

	golden := filepath.Join("testdata", "sarif.golden")
	if *update {
		require.NoError(t, os.WriteFile(golden, []byte(out.String()), 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err)
	require.Equal(t, string(want), out.String(), "run go test ./cmd/scopevet -update")

	var log struct {
		Schema  string `json:"$schema"`
		Version string
		Runs    []struct {
			Tool struct {
				Driver struct {
					Name  string
					Rules []struct {
						ID               string
						ShortDescription struct{ Text string }
						Help             struct{ Text string }
					}
				}
			}
			Results []struct {
				RuleID    string
				RuleIndex int
				Message   struct{ Text string }
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI, URIBaseID string }
						Region           struct{ StartLine, StartColumn int }
					}
				}
				RelatedLocations []struct {
					ID      *int
					Message struct{ Text string }
				}
				Fixes []struct {
					Description     struct{ Text string }
					ArtifactChanges []struct {
						ArtifactLocation struct{ URI string }
						Replacements     []struct {
							DeletedRegion   struct{ ByteOffset, ByteLength *int }
							InsertedContent struct{ Text string }
						}
					}
				}
			}
		}
	}
	require.NoError(t, json.Unmarshal([]byte(out.String()), &log))
	require.Equal(t, "2.1.0", log.Version)
	require.Contains(t, log.Schema, "sarif-2.1.0")
	require.Len(t, log.Runs, 1)
	run := log.Runs[0]
	require.Equal(t, "scopevet", run.Tool.Driver.Name)
	require.Len(t, run.Tool.Driver.Rules, len(suite))
	for i, a := range suite {
		rule := run.Tool.Driver.Rules[i]
		require.Equal(t, a.Name, rule.ID)
		require.Equal(t, a.Doc, rule.Help.Text)
		require.NotEmpty(t, rule.ShortDescription.Text)
	}
	require.Len(t, run.Results, len(r.findings()))
	var related, fixes int
	for _, res := range run.Results {
		require.Equal(t, res.RuleID, run.Tool.Driver.Rules[res.RuleIndex].ID)
		require.NotEmpty(t, res.Message.Text)
		require.Len(t, res.Locations, 1)
		loc := res.Locations[0].PhysicalLocation
		require.NotContains(t, loc.ArtifactLocation.URI, "/m/", "relative to %SRCROOT%")
		require.Equal(t, "%SRCROOT%", loc.ArtifactLocation.URIBaseID)
		require.Positive(t, loc.Region.StartLine)
		require.Positive(t, loc.Region.StartColumn)
		for _, rel := range res.RelatedLocations {
			require.NotNil(t, rel.ID)
			require.NotEmpty(t, rel.Message.Text)
			related++
		}
		for _, fx := range res.Fixes {
			require.NotEmpty(t, fx.Description.Text)
			require.NotEmpty(t, fx.ArtifactChanges)
			for _, ch := range fx.ArtifactChanges {
				require.NotEmpty(t, ch.ArtifactLocation.URI)
				for _, rp := range ch.Replacements {
					require.NotNil(t, rp.DeletedRegion.ByteOffset)
					require.NotNil(t, rp.DeletedRegion.ByteLength)
				}
			}
			fixes++
		}
	}
	require.Positive(t, related, "testdata/vet.json has related positions")
	require.Positive(t, fixes, "testdata/vet.json has a fix")
}

// TestTooOld checks that a scopevet built by an older Go than the go
// command says so in one line: standalone, before running go vet, and as
// go vet's tool, where only the first package of a run says it.
func TestTooOld(t *testing.T) {
	t.Parallel()
	run := func(env []string, args ...string) (string, int) {
		cmd := exec.Command(os.Args[0], args...)
		cmd.Env = append(append(os.Environ(), "SCOPEVET_TEST_MAIN=1"), env...)
		out, err := cmd.CombinedOutput()
		var exit *exec.ExitError
		if err != nil {
			require.ErrorAs(t, err, &exit, "%s", out)
			return string(out), exit.ExitCode()
		}
		return string(out), 0
	}
	// Standalone: a go command of a later release.
	bin := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(bin, "go"), []byte("#!/bin/sh\necho go1.99.1\n"), 0o755))
	out, code := run([]string{"PATH=" + bin + string(os.PathListSeparator) + os.Getenv("PATH")}, "./...")
	require.Equal(t, 2, code, out)
	require.Equal(t, 1, strings.Count(out, "\n"), out)
	require.Contains(t, out, "rebuild scopevet with go1.99 or newer")

	// As go vet's tool: packages of a later release, in one go vet run.
	work := t.TempDir()
	var outs []string
	for _, b := range []string{"b001", "b002"} {
		dir := filepath.Join(work, b)
		require.NoError(t, os.MkdirAll(dir, 0o755))
		cfg, err := json.Marshal(map[string]any{"ID": "fmt", "ImportPath": "fmt", "Dir": dir, "GoVersion": "go1.99.1", "VetxOutput": filepath.Join(dir, "vet.out")})
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, "vet.cfg"), cfg, 0o644))
		out, code := run(nil, "-json", filepath.Join(dir, "vet.cfg"))
		outs = append(outs, out)
		if b == "b001" {
			require.Equal(t, 1, code, out)
		} else {
			require.Equal(t, 0, code, "the run has failed already: %s", out)
			require.FileExists(t, filepath.Join(dir, "vet.out"))
		}
	}
	require.Equal(t, []string{tooOld(runtime.Version(), "go1.99.1") + "\n", ""}, outs)
}

func TestTuneGC(t *testing.T) {
	old := debug.SetGCPercent(100)
	defer debug.SetGCPercent(old)
	tuneGC("")
	require.Equal(t, vetGCPercent, debug.SetGCPercent(100), "no GOGC: the vettool's own target")
	tuneGC("50")
	require.Equal(t, 100, debug.SetGCPercent(100), "the user's GOGC stays")
}
