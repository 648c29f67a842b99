#!/usr/bin/env bash
# Editor check: gopls-scopevet (gopls with the scopevet suite compiled in)
# reports our findings through gopls's own CLI, on the fixture module in this
# directory (example.com/goplsfixture). The finding in handler/ depends on a
# fact from fetch/, so gopls's cross-package fact plumbing is exercised too.
#
# Asserts, for each line of expected.txt whose analyzer is in the suite:
#   - `gopls-scopevet check FILE` prints the diagnostic at FILE:LINE;
#   - `gopls-scopevet codeaction -kind=quickfix FILE` offers the quick fix.
# Lines for analyzers not in the suite, and suite analyzers with no line,
# are reported as notices.
#
# Usage: bash testdata/gopls/run.sh GOPLS_SCOPEVET_BINARY
set -euo pipefail

if [[ $# -ne 1 || ! -x $1 ]]; then
	echo "usage: $0 GOPLS_SCOPEVET_BINARY (build it with cmd/gopls-scopevet/build.sh)" >&2
	exit 2
fi
bin=$(realpath -- "$1")
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)

# The fixture module stands alone: no workspace, no inherited -modfile.
export GOWORK=off
GOFLAGS=$(printf '%s' "${GOFLAGS:-}" | sed -E 's/(^| )-modfile=[^ ]*//g')
export GOFLAGS

fails=0 passes=0
pass() {
	printf 'PASS: %s\n' "$*"
	passes=$((passes + 1))
}
fail() {
	printf 'FAIL: %s\n' "$*"
	fails=$((fails + 1))
}

# The suite, as `scopevet help` lists it ("    name   summary" lines).
suite=$(cd "$root" && go run ./cmd/scopevet help |
	sed -n '/^Registered analyzers:/,/^By default/s/^    \([a-z][a-z0-9]*\) .*/\1/p')
if [[ -z $suite ]]; then
	fail "could not list the suite with scopevet help"
	exit 1
fi
echo "suite: $(tr '\n' ' ' <<<"$suite")"
in_suite() { grep -qxF -- "$1" <<<"$suite"; }

cd "$here"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

covered=() ndiag=0 nfix=0
while IFS= read -r line || [[ -n $line ]]; do
	[[ -z ${line//[[:space:]]/} || $line =~ ^[[:space:]]*# ]] && continue
	if [[ $line =~ ^([a-z0-9]+)[[:space:]]+([^[:space:]:]+\.go):[[:space:]]*fix:[[:space:]]*(.*[^[:space:]])[[:space:]]*$ ]]; then
		kind=fix name=${BASH_REMATCH[1]} file=${BASH_REMATCH[2]} text=${BASH_REMATCH[3]}
	elif [[ $line =~ ^([a-z0-9]+)[[:space:]]+([^[:space:]:]+\.go):([0-9]+):[[:space:]]*(.*[^[:space:]])[[:space:]]*$ ]]; then
		kind=diag name=${BASH_REMATCH[1]} file=${BASH_REMATCH[2]} lno=${BASH_REMATCH[3]} text=${BASH_REMATCH[4]}
	else
		fail "expected.txt: malformed line: $line"
		continue
	fi
	if ! in_suite "$name"; then
		echo "notice: skipped ($name is not in the suite): $line"
		continue
	fi
	covered+=("$name")
	out=$tmp/out.txt
	if [[ $kind == diag ]]; then
		ndiag=$((ndiag + 1))
		rc=0
		"$bin" check "$file" >"$out" 2>&1 || rc=$?
		# gopls prints "/abs/FILE:LINE:COL[-END]: message".
		if [[ $rc -eq 0 ]] && grep -F -- "$text" "$out" | grep -qE "(^|/)$file:$lno:[0-9]"; then
			pass "check $file: $name reports at line $lno: $text"
		else
			fail "check $file (exit $rc): no $name diagnostic at line $lno containing: $text"
			sed 's/^/    /' "$out"
		fi
	else
		nfix=$((nfix + 1))
		rc=0
		"$bin" codeaction -kind=quickfix "$file" >"$out" 2>&1 || rc=$?
		# gopls prints one action a line: edit|command TAB "Title" [kind].
		if [[ $rc -eq 0 ]] && grep -qF -- "\"$text\" [quickfix]" "$out"; then
			pass "codeaction -kind=quickfix $file: $name offers \"$text\""
		else
			fail "codeaction -kind=quickfix $file (exit $rc): no quick fix \"$text\" from $name"
			sed 's/^/    /' "$out"
		fi
	fi
done <"$here/expected.txt"

for name in $suite; do
	if [[ " ${covered[*]} " != *" $name "* ]]; then
		echo "notice: $name has no line in testdata/gopls/expected.txt: nothing of it is checked in gopls"
	fi
done
if [[ $nfix -eq 0 ]]; then
	echo "notice: quick-fix check skipped: no fix line in expected.txt is for an analyzer in the suite"
fi
if [[ $ndiag -eq 0 ]]; then
	fail "no diagnostic line in expected.txt is for an analyzer in the suite"
fi

if [[ $fails -ne 0 ]]; then
	echo "gopls: FAILED ($fails failing checks)"
	exit 1
fi
echo "gopls: OK ($passes checks)"
