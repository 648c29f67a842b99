package report

import (
	"go/ast"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestSuppresses(t *testing.T) {
	for _, tc := range []struct {
		comment string
		want    bool
	}{
		{"//nolint:mustawait // reason", true},
		{"//nolint:errcheck,mustawait // reason", true},
		{"//nolint:all // reason", true},
		{"//nolint // reason", true},
		{"//nolint", true},
		{"//nolint:errcheck // reason", false},
		{"//nolint:mustawaitx // reason", false},
		{"// nolint:mustawait", false}, // golangci-lint requires no space either
		{"//nolintmustawait", false},
		{"// a comment mentioning nolint:mustawait", false},
	} {
		require.Equal(t, tc.want, parse(&ast.Comment{Text: tc.comment}, "mustawait") != nil, tc.comment)
	}
}

func TestReasonAndNaming(t *testing.T) {
	d := parse(&ast.Comment{Text: "//nolint:mustawait // drained at shutdown"}, "mustawait")
	require.True(t, d.named)
	require.True(t, d.hasReason)
	d = parse(&ast.Comment{Text: "//nolint:mustawait"}, "mustawait")
	require.False(t, d.hasReason)
	d = parse(&ast.Comment{Text: "//nolint:all // generated shim"}, "mustawait")
	require.False(t, d.named, "all is not a directive this check polices")
}
