package report

import (
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
		require.Equal(t, tc.want, suppresses(tc.comment, "mustawait"), tc.comment)
	}
}
