package analyzers_test

import (
	"go/ast"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/scopevet/scopevet/analyzers"
)

// TestOneOwnerPerBug runs the whole suite on bugs that several checks
// can see, and requires each to be reported once, by the check its
// "owner:" line names (docs/design.md says who owns what), and the
// functions without one to stay silent.
func TestOneOwnerPerBug(t *testing.T) {
	t.Parallel()
	dir, err := filepath.Abs(filepath.Join("..", "testdata"))
	require.NoError(t, err)
	pkgs := loadGOPATH(t, dir, packages.LoadAllSyntax, "suite/owners")
	require.Len(t, pkgs, 1)
	g, err := checker.Analyze(analyzers.Suite(), pkgs, nil)
	require.NoError(t, err)

	pkg := pkgs[0]
	want := map[string]string{} // function name -> owner, "" for silent
	var decls []*ast.FuncDecl
	for _, f := range pkg.Syntax {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok {
				continue
			}
			decls = append(decls, fd)
			want[fd.Name.Name] = ""
			if fd.Doc != nil {
				for _, c := range fd.Doc.List {
					if owner, ok := strings.CutPrefix(c.Text, "// owner: "); ok {
						want[fd.Name.Name] = owner
					}
				}
			}
		}
	}
	got := map[string][]string{}
	for act := range g.All() {
		require.NoError(t, act.Err)
		if !act.IsRoot {
			continue
		}
		for _, d := range act.Diagnostics {
			for _, fd := range decls {
				if fd.Pos() <= d.Pos && d.Pos < fd.End() {
					got[fd.Name.Name] = append(got[fd.Name.Name], act.Analyzer.Name+": "+d.Message)
				}
			}
		}
	}
	for name, owner := range want {
		if owner == "" {
			require.Empty(t, got[name], "%s must stay silent", name)
			continue
		}
		require.Len(t, got[name], 1, "%s: one finding, by %s", name, owner)
		require.True(t, strings.HasPrefix(got[name][0], owner+": "), "%s: %s", name, got[name][0])
	}
}
