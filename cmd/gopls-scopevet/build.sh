#!/usr/bin/env bash
# Build gopls-scopevet: a pinned gopls release whose analyzer list also holds
# the scopevet suite (analyzers.Suite()), enabled by default. gopls cannot load
# external analyzers (golang/go#59869), so the suite is compiled in.
#
# Usage: cmd/gopls-scopevet/build.sh OUTPUT
#   GOPLS_VERSION        gopls release to build (default v0.23.0)
#   GOPLS_XTOOLS_VERSION if set, fail unless that gopls pins this x/tools
#
# Needs only `go` and the Go module proxy: gopls comes from
# `go mod download`, scopevet from this checkout (a replace directive).
set -euo pipefail

if [[ $# -ne 1 ]]; then
	echo "usage: $0 OUTPUT" >&2
	exit 2
fi
GOPLS_VERSION=${GOPLS_VERSION:-v0.23.0}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
out=$(realpath -m -- "$1")

# gopls is its own module: no workspace, no -modfile from the caller; -mod=mod
# lets go record the requirements that scopevet adds.
export GOWORK=off
GOFLAGS=$(printf '%s' "${GOFLAGS:-}" | sed -E 's/(^| )-(modfile|mod)=[^ ]*//g')
export GOFLAGS="$GOFLAGS -mod=mod"

src=$(go mod download -json "golang.org/x/tools/gopls@$GOPLS_VERSION" |
	sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
if [[ ! -f $src/go.mod ]]; then
	echo "go mod download gave no source directory for gopls $GOPLS_VERSION" >&2
	exit 1
fi
xtools=$(awk '$1 == "golang.org/x/tools" { print $2 }' "$src/go.mod")
echo "gopls $GOPLS_VERSION pins golang.org/x/tools $xtools"
if [[ -n ${GOPLS_XTOOLS_VERSION:-} && $xtools != "$GOPLS_XTOOLS_VERSION" ]]; then
	echo "expected golang.org/x/tools $GOPLS_XTOOLS_VERSION" >&2
	exit 1
fi

work=$(mktemp -d)
trap 'chmod -R u+w "$work"; rm -rf "$work"' EXIT
cp -R "$src" "$work/gopls"
chmod -R u+w "$work/gopls" # the module cache is read-only
cd "$work/gopls"

# The one added file: AllAnalyzers is built by a variable initializer, so
# this init runs after it. A zero Analyzer is enabled by default, with
# Warning severity and quick fixes offered as code actions.
cat >internal/settings/scopevet.go <<'GO'
package settings

import "github.com/scopevet/scopevet/analyzers"

func init() {
	for _, a := range analyzers.Suite() {
		AllAnalyzers = append(AllAnalyzers, &Analyzer{analyzer: a})
	}
}
GO

# scopevet asks for a newer x/tools than gopls pins; the replace keeps
# gopls's exact version, which scopevet must build against.
go mod edit \
	-require=github.com/scopevet/scopevet@v0.0.0-00010101000000-000000000000 \
	-replace="github.com/scopevet/scopevet=$root" \
	-replace="golang.org/x/tools=golang.org/x/tools@$xtools"
cat "$root/go.sum" >>go.sum # checksums of scopevet's own requirements

go build -o "$out" .
# `go version -m` prints the required version, then "=>" and the replacement.
got=$(go version -m "$out" | awk '
	$1 == "dep" && $2 == "golang.org/x/tools" { v = $3; want = 1; next }
	want && $1 == "=>" { v = $3 }
	{ want = 0 }
	END { print v }')
if [[ $got != "$xtools" ]]; then
	echo "$out links golang.org/x/tools ${got:-(none)}, not $xtools" >&2
	exit 1
fi
echo "built $out (gopls $GOPLS_VERSION, golang.org/x/tools $got)"
