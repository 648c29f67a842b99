package analyzers_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/scopevet/scopevet/analyzers"
)

// hostileShapes are functions that repeat one statement n times, each
// under the size bounds: the shapes that once made a query per goroutine
// walk every use again (4,400 go statements on one channel took 40 s).
var hostileShapes = []struct {
	name    string
	imports string
	head    string
	repeat  string // %d is the statement's number
	tail    string
}{
	{"sends", ``, "\tch := make(chan int)\n", "\tgo func() { ch <- %d }()\n", "\t<-ch\n"},
	{"waitgroup", `"sync"`, "\tvar wg sync.WaitGroup\n", "\twg.Add(1)\n\tgo func() { defer wg.Done() }()\n", "\twg.Wait()\n"},
	{"selects", ``, "\tch := make(chan int)\n",
		"\tgo func() { ch <- %d }()\n\tselect {\n\tcase <-ch:\n\tcase <-ctx.Done():\n\t\treturn\n\t}\n", ""},
	{"futures", ``, "",
		"\tif r := fetch(ctx); r != nil {\n\t\tselect {\n\t\tcase <-r:\n\t\tcase <-ctx.Done():\n\t\t\treturn\n\t\t}\n\t}\n", ""},
	{"commands", `"os/exec"`, "",
		"\tif c := exec.Command(\"true\"); c.Start() == nil {\n\t\tdefer c.Wait()\n\t}\n", ""},
	{"tickers", `"time"`, "\tt := time.NewTicker(time.Second)\n\tdefer t.Stop()\n",
		"\tgo func() { for range t.C {} }()\n", ""},
	{"writers", `"net/http"`, "\tvar w http.ResponseWriter\n\tdone := make(chan bool)\n",
		"\tgo func() { w.Write(nil); done <- true }()\n", "\t<-done\n"},
	{"servers", `"net/http"`, "",
		"\tif s := new(http.Server); s != nil {\n\t\tgo s.ListenAndServe()\n\t\tdefer s.Shutdown(ctx)\n\t}\n", ""},
	{"cancels", `"time"`, "\tgo func() {\n\t\tfor {\n",
		"\t\t\tselect {\n\t\t\tcase <-ctx.Done():\n\t\t\tcase <-time.After(%d):\n\t\t\t}\n", "\t\t}\n\t}()\n"},
	{"resends", ``, "\tch := make(chan int, 1)\n\tsend := func(c chan int) {\n",
		"\t\tif ctx.Err() == nil {\n\t\t\tc <- %d\n\t\t}\n", "\t}\n\tgo send(ch)\n\t<-ch\n"},
	{"families", ``, "\tvar chans []chan int\n",
		"\tfor range 2 {\n\t\tch := make(chan int)\n\t\tgo func() { ch <- %d }()\n\t\tchans = append(chans, ch)\n\t}\n",
		"\tfor _, ch := range chans {\n\t\tif <-ch == 0 {\n\t\t\treturn\n\t\t}\n\t}\n"},
	{"firstround", `"sync"`, "\tvar wg sync.WaitGroup\n\tstop := ctx == nil\n\twg.Add(10)\n\tfor range 10 {\n",
		"\t\tif stop {\n\t\t\treturn\n\t\t}\n\t\t_ = %d\n", "\t\tgo func() { defer wg.Done() }()\n\t}\n\twg.Wait()\n"},
	{"fields", ``, "\tvar c struct{ done chan int }\n",
		"\tc.done = make(chan int)\n\tgo func() { c.done <- %d }()\n\tselect {\n\tcase <-c.done:\n\tcase <-ctx.Done():\n\t\treturn\n\t}\n", ""},
}

// hostileSource returns package name with one function that repeats
// shape's statement n times.
func hostileSource(name string, shapeIndex, n int) string {
	shape := hostileShapes[shapeIndex]
	var b strings.Builder
	fmt.Fprintf(&b, "package %s\n\nimport (\n\t\"context\"\n\t%s\n)\n\n", name, shape.imports)
	b.WriteString("func fetch(ctx context.Context) <-chan int {\n\tch := make(chan int)\n\tgo func() { ch <- 1 }()\n\treturn ch\n}\n\n")
	b.WriteString("func F(ctx context.Context) {\n" + shape.head)
	for i := range n {
		if strings.Contains(shape.repeat, "%d") {
			fmt.Fprintf(&b, shape.repeat, i)
		} else {
			b.WriteString(shape.repeat)
		}
	}
	b.WriteString(shape.tail + "}\n")
	return b.String()
}

// loadHostile writes one package per shape, each repeating its statement
// size(shape) times, into a GOPATH and loads them all at once, their
// imports from export data: what the checks see of a dependency's is its
// facts, and these packages need none.
func loadHostile(tb testing.TB, size func(shape string) int) []*packages.Package {
	gopath := tb.TempDir()
	var names []string
	for i, shape := range hostileShapes {
		name := shape.name
		dir := filepath.Join(gopath, "src", name)
		require.NoError(tb, os.MkdirAll(dir, 0o755))
		require.NoError(tb, os.WriteFile(filepath.Join(dir, name+".go"), []byte(hostileSource(name, i, size(name))), 0o644))
		names = append(names, name)
	}
	pkgs := loadGOPATH(tb, gopath, packages.LoadSyntax, names...)
	require.Len(tb, pkgs, len(hostileShapes))
	for _, pkg := range pkgs {
		pkg.Imports = nil // the checker would analyze them, and they have no syntax
	}
	return pkgs
}

// analyzeSuite runs the suite on one package and returns its findings.
func analyzeSuite(tb testing.TB, pkg *packages.Package) []string {
	g, err := checker.Analyze(analyzers.Suite(), []*packages.Package{pkg}, nil)
	require.NoError(tb, err)
	var findings []string
	for act := range g.All() {
		require.NoError(tb, act.Err, "%s on %s", act.Analyzer.Name, act.Package.ID)
		if act.IsRoot {
			for _, d := range act.Diagnostics {
				findings = append(findings, act.Analyzer.Name+": "+d.Message)
			}
		}
	}
	return findings
}

// TestHostileShapesAreLinear runs the suite on 4,400 go statements on
// one channel, and on the other shapes at 1,500 statements, where each is
// still under the size bounds. Before the walks were memoized and
// budgeted, the first took 20 to 40 s; it must now take well under a
// second, and the bound here leaves room for a slow, loaded machine. The
// figures are BenchmarkHostileShapes'.
func TestHostileShapesAreLinear(t *testing.T) {
	pkgs := loadHostile(t, func(shape string) int {
		if shape == "sends" {
			return 4400
		}
		return 1500
	})
	for _, pkg := range pkgs {
		start := time.Now()
		analyzeSuite(t, pkg)
		require.Less(t, time.Since(start), 5*time.Second, "the suite is not linear on %s", pkg.Name)
	}
}

// BenchmarkHostileShapes runs the suite on each shape at 500 to 4,000
// statements; the cost grows linearly with n, until a function passes the
// size bounds (then it is built without its body and costs next to
// nothing). cpu-ms/op is the process's CPU time, which other work on a
// loaded machine does not inflate as it does ns/op.
//
//	go test ./analyzers -run '^$' -bench HostileShapes
func BenchmarkHostileShapes(b *testing.B) {
	for _, n := range []int{500, 1000, 2000, 4000} {
		for _, pkg := range loadHostile(b, func(string) int { return n }) {
			b.Run(fmt.Sprintf("%s/%d", pkg.Name, n), func(b *testing.B) {
				start := cpuTime(b)
				for b.Loop() {
					analyzeSuite(b, pkg)
				}
				b.ReportMetric(float64(cpuTime(b)-start)/1e6/float64(b.N), "cpu-ms/op")
			})
		}
	}
}

// cpuTime returns the CPU time the process has used, user and system.
func cpuTime(tb testing.TB) time.Duration {
	var ru syscall.Rusage
	require.NoError(tb, syscall.Getrusage(syscall.RUSAGE_SELF, &ru))
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
