package guard_test

import (
	"go/types"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/analysis"

	"github.com/scopevet/scopevet/analyzers/guard"
)

func TestPanicBecomesError(t *testing.T) {
	run := guard.Run("demo", func(pass *analysis.Pass, current *string) (any, error) {
		*current = "example.com/p.handler"
		panic("boom")
	})
	pass := &analysis.Pass{Pkg: types.NewPackage("example.com/p", "p")}
	res, err := run(pass)
	require.Nil(t, res)
	require.Error(t, err)
	require.Contains(t, err.Error(), "demo: internal error analyzing example.com/p.handler")
	require.Contains(t, err.Error(), "boom")
}

func TestNoPanicPassesThrough(t *testing.T) {
	run := guard.Run("demo", func(pass *analysis.Pass, current *string) (any, error) { return 42, nil })
	res, err := run(&analysis.Pass{Pkg: types.NewPackage("example.com/p", "p")})
	require.NoError(t, err)
	require.Equal(t, 42, res)
}
