package summary_test

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/scopevet/scopevet/analyzers/summary"
)

func testdata(t *testing.T) string {
	dir, err := filepath.Abs(filepath.Join("..", "..", "testdata"))
	require.NoError(t, err)
	return dir
}

// lib is one run of the shared pass over mustawait/lib, which the fact
// tests share: each run loads and type-checks lib's dependencies again.
var lib struct {
	once    sync.Once
	results []*analysistest.Result
}

func libResults(t *testing.T) []*analysistest.Result {
	lib.once.Do(func() { lib.results = analysistest.Run(t, testdata(t), summary.Analyzer, "mustawait/lib") })
	require.NotEmpty(t, lib.results, "the shared run of mustawait/lib failed (see the test that ran it)")
	return lib.results
}

// TestFacts checks the summaries exported for lib against its
// `// want Name:"summary(...)"` expectations.
func TestFacts(t *testing.T) {
	t.Parallel()
	libResults(t)
}

// encodeFacts gob-encodes the facts of one run, in object-name order.
func encodeFacts(t *testing.T, results []*analysistest.Result) (names []string, blobs [][]byte) {
	type entry struct {
		name string
		blob []byte
	}
	var entries []entry
	for _, r := range results {
		for obj, facts := range r.Facts {
			for _, f := range facts {
				var buf bytes.Buffer
				require.NoError(t, gob.NewEncoder(&buf).Encode(f))
				entries = append(entries, entry{obj.Pkg().Path() + "." + obj.Name(), buf.Bytes()})
			}
		}
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].name < entries[j].name })
	for _, e := range entries {
		names = append(names, e.name)
		blobs = append(blobs, e.blob)
	}
	return names, blobs
}

// TestFactsDeterministic checks that the same input gives byte-identical
// facts, as build caches require.
func TestFactsDeterministic(t *testing.T) {
	t.Parallel()
	names1, blobs1 := encodeFacts(t, libResults(t))
	names2, blobs2 := encodeFacts(t, analysistest.Run(t, testdata(t), summary.Analyzer, "mustawait/lib"))
	require.NotEmpty(t, names1)
	require.Equal(t, names1, names2)
	require.Equal(t, blobs1, blobs2)
}

// TestFactsRoundTrip checks that every fact survives gob, which is how
// go vet and nogo carry facts between packages.
func TestFactsRoundTrip(t *testing.T) {
	t.Parallel()
	results := libResults(t)
	n := 0
	for _, r := range results {
		for _, facts := range r.Facts {
			for _, f := range facts {
				var buf bytes.Buffer
				require.NoError(t, gob.NewEncoder(&buf).Encode(f))
				back := reflect.New(reflect.TypeOf(f).Elem()).Interface().(analysis.Fact)
				require.NoError(t, gob.NewDecoder(&buf).Decode(back))
				require.Equal(t, f, back)
				n++
			}
		}
	}
	require.Greater(t, n, 5, "lib should export a fact for most of its functions")
}

// spawnReporter reports each spawn site the shared pass describes, so
// that fixtures can check the descriptions with // want.
var spawnReporter = &analysis.Analyzer{
	Name:     "spawnreporter",
	Doc:      "spawnreporter: reports spawn sites for tests",
	Requires: []*analysis.Analyzer{summary.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		res := pass.ResultOf[summary.Analyzer].(*summary.Result)
		for _, fn := range res.Funcs() {
			for _, site := range res.Spawns(fn) {
				joins := []string{}
				for _, j := range site.Joins {
					joins = append(joins, map[summary.JoinKind]string{
						summary.JoinWaitGroup: "waitgroup", summary.JoinGroup: "group", summary.JoinChannel: "channel",
					}[j.Kind])
				}
				if len(joins) == 0 {
					joins = append(joins, "-")
				}
				ops := []string{}
				for _, op := range site.Ops {
					kind := map[bool]string{true: "waits", false: "cancels"}[op.Cancel < 0]
					ops = append(ops, fmt.Sprintf("%s:%d", kind, pass.Fset.Position(op.Instr.Pos()).Line))
				}
				pass.Reportf(site.Instr.Pos(), "spawn joins=%s cancel=%t ops=[%s]",
					strings.Join(joins, ","), site.ObservesCancel, strings.Join(ops, " "))
			}
		}
		return nil, nil
	},
}

func TestSpawnSites(t *testing.T) {
	t.Parallel()
	analysistest.Run(t, testdata(t), spawnReporter, "summary/spawns")
}

// TestFactsImportable checks that only functions another package can call
// by name get facts, and that FactsAnalyzer, which builds SSA only for the
// bodies those facts depend on, exports the same ones.
func TestFactsImportable(t *testing.T) {
	t.Parallel()
	analysistest.Run(t, testdata(t), summary.Analyzer, "summary/facts")
	analysistest.Run(t, testdata(t), summary.FactsAnalyzer, "summary/facts")
}
