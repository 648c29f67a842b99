#!/usr/bin/env bash
# golangci-lint test: golangci-lint-scopevet (cmd/golangci-lint-scopevet, the
# scopevet checks as module plugins) on the fixture module in this directory
# (example.com/golangci). What it checks follows analyzers.Suite(), read from
# `scopevet -flags`; a case under checks/NAME/ for a check that is not in the
# suite yet is skipped with a notice.
#
# Asserts, for every check NAME in the suite:
#   - NAME is enabled in .golangci.yml and has a case under checks/NAME/;
#   - every expected.txt line "checks/NAME/FILE.go:LINE: substring" matches a
#     finding of linter NAME, and nothing else is reported: no related
#     information as an issue of its own (.golangci.yml drops them, as the
#     README's config does, which must hold the same settings);
#   - every //nolint:NAME // reason in checks/NAME/ suppresses: with the
#     directives removed, a NAME finding appears on each of their lines
#     (a case without one fails);
#   - --fix: a check whose package offers a SuggestedFix has a golden
#     checks/NAME/FILE.go.golden, and `run --fix` turns FILE.go into it; no
#     other file changes (when no check offers fixes yet, this says SKIP);
#   - an unknown setting stops golangci-lint with an error naming it;
# and for the whole run:
#   - the shared pass scopevetsummary runs at most once per package, however
#     many checks are on (GL_DEBUG=goanalysis/analyze logs each action that
#     golangci-lint runs; compared with `go list -deps`);
#   - no output mentions a panic or an internal error.
#
# Usage: bash testdata/golangci/run.sh [BINARY]
#   BINARY is a golangci-lint-scopevet already built (CI passes the one it
#   built); without it the script builds one.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)

fails=0 passes=0
pass() {
	printf 'PASS: %s\n' "$*"
	passes=$((passes + 1))
}
fail() {
	printf 'FAIL: %s\n' "$*"
	fails=$((fails + 1))
}
skip() { printf 'SKIP: %s\n' "$*"; }
# show LABEL FILE: print a captured output, indented, for the log.
show() {
	printf -- '--- %s ---\n' "$1"
	sed 's/^/    /' "$2"
	printf -- '--- end ---\n'
}
# no_crash LABEL FILE...: no panic and no internal error in the outputs.
no_crash() {
	local label=$1
	shift
	if grep -Eiq 'panic|internal error' "$@"; then
		fail "$label: output mentions a panic or an internal error:"
		grep -Ehi 'panic|internal error' "$@" | head -20 | sed 's/^/    /'
	else
		pass "$label: no panic, no internal error"
	fi
}
# has_finding FILE PATH LINE LINTER [SUBSTRING]: FILE has a finding of
# LINTER at PATH:LINE (text output, paths relative to the fixture root).
has_finding() {
	KEY="$2:$3:" LINTER="($4)" SUB="${5:-}" awk '
		BEGIN { key = ENVIRON["KEY"]; lt = ENVIRON["LINTER"]; sub_ = ENVIRON["SUB"]; found = 0 }
		index($0, key) == 1 && index($0, sub_) > 0 &&
			substr($0, length($0) - length(lt) + 1) == lt { found = 1; exit }
		END { exit !found }' "$1"
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The fixture module stands alone: no workspace, no inherited -modfile.
export GOWORK=off
export GOFLAGS="${GOFLAGS:-}"
GOFLAGS=$(printf '%s' "$GOFLAGS" | sed -E 's/(^| )-modfile=[^ ]*//g')

bin=${1:-}
if [[ -z $bin ]]; then
	echo "golangci: building golangci-lint-scopevet"
	start=$SECONDS
	if ! (cd "$root/cmd/golangci-lint-scopevet" && go build -o "$tmp/golangci-lint-scopevet" .); then
		fail "go build ./cmd/golangci-lint-scopevet"
		exit 1
	fi
	echo "built in $((SECONDS - start))s"
	bin=$tmp/golangci-lint-scopevet
fi
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
"$bin" version

# The suite, as the scopevet binary lists it.
if ! (cd "$root" && go build -o "$tmp/scopevet" ./cmd/scopevet); then
	fail "go build ./cmd/scopevet"
	exit 1
fi
mapfile -t suite < <("$tmp/scopevet" -flags |
	sed -nE 's/^[[:space:]]*"Usage": "enable \\"([a-z0-9_]+)\\" analysis",?$/\1/p')
if [[ ${#suite[@]} -eq 0 ]]; then
	fail "no checks found in scopevet -flags"
	exit 1
fi
echo "suite: ${suite[*]}"
in_suite() {
	local s
	for s in "${suite[@]}"; do [[ $s == "$1" ]] && return 0; done
	return 1
}

# The fixture, less the cases of checks not in the suite, in a scratch copy
# (--fix edits it).
fx=$tmp/fixture
cp -R "$here" "$fx"
rm -f "$fx/run.sh"
for d in "$fx"/checks/*/; do
	name=$(basename "$d")
	if ! in_suite "$name"; then
		skip "checks/$name: $name is not in analyzers.Suite() yet"
		rm -rf "$d"
		# golangci-lint stops on a custom linter that is not registered.
		grep -Ev "^[[:space:]]+(- )?$name(:.*)?[[:space:]]*$" "$fx/.golangci.yml" >"$tmp/cfg.yml"
		mv "$tmp/cfg.yml" "$fx/.golangci.yml"
	fi
done
for name in "${suite[@]}"; do
	if grep -Eq "^[[:space:]]+- ${name}[[:space:]]*$" "$fx/.golangci.yml" &&
		grep -Eq "^[[:space:]]+$name: \{ *type: module" "$fx/.golangci.yml"; then
		pass "$name is enabled in .golangci.yml"
	else
		fail "$name is in analyzers.Suite() but testdata/golangci/.golangci.yml does not enable it: add '- $name' to linters.enable and '$name: { type: module }' to linters.settings.custom"
	fi
	if compgen -G "$here/checks/$name/*.go" >/dev/null; then
		pass "checks/$name has a case"
	else
		fail "$name is in analyzers.Suite() but testdata/golangci/checks/$name/ has no case"
	fi
done
cd "$fx"
# run: golangci-lint run with an empty results cache, so that every package
# is analyzed again, and cached findings of one copy of the fixture never
# stand for another (the cache keys files by module-relative path).
run() {
	GOLANGCI_LINT_CACHE=$(mktemp -d "$tmp/cache.XXXXXX") \
		"$bin" run --output.text.print-issued-lines=false --output.text.colors=false "$@"
}

# 1. The findings, each from the right linter, and nothing else.
rc=0
GL_DEBUG=goanalysis/analyze run ./... >"$tmp/run.txt" 2>"$tmp/debug.txt" || rc=$?
show "golangci-lint-scopevet run ./... (exit $rc)" "$tmp/run.txt"
if [[ $rc -eq 1 ]]; then
	pass "run exits 1 on findings"
else
	fail "run exited $rc, want 1"
	grep -v 'goanalysis/analyze' "$tmp/debug.txt" | head -20 | sed 's/^/    /'
fi
no_crash "run" "$tmp/run.txt" "$tmp/debug.txt"

nexp=0
while IFS= read -r line || [[ -n $line ]]; do
	line=${line%$'\r'}
	[[ -z ${line//[[:space:]]/} || $line =~ ^[[:space:]]*# ]] && continue
	if ! [[ $line =~ ^[[:space:]]*(checks/([a-z0-9_]+)/[^[:space:]:]+\.go):([0-9]+):[[:space:]]*(.*[^[:space:]])[[:space:]]*$ ]]; then
		fail "expected.txt: malformed line (want checks/NAME/FILE.go:LINE: substring): $line"
		continue
	fi
	file=${BASH_REMATCH[1]} name=${BASH_REMATCH[2]} lno=${BASH_REMATCH[3]} sub=${BASH_REMATCH[4]}
	if ! in_suite "$name"; then
		skip "expected.txt: $file:$lno ($name is not in the suite yet)"
		continue
	fi
	nexp=$((nexp + 1))
	if has_finding "$tmp/run.txt" "$file" "$lno" "$name" "$sub"; then
		pass "found $file:$lno: $sub ($name)"
	else
		fail "missing $file:$lno: $sub ($name)"
	fi
done <"$here/expected.txt"
# Every issue is a real finding: the README's config drops the related
# information golangci-lint would make issues of its own.
ngot=$(grep -cE '^[^[:space:]]+\.go:[0-9]+:([0-9]+:)? ' "$tmp/run.txt" || true)
if [[ $nexp -gt 0 && $ngot -eq $nexp ]]; then
	pass "golangci-lint reports $ngot issues, exactly the $nexp expected findings"
else
	fail "golangci-lint reports $ngot issues, expected.txt lists $nexp findings for the suite"
fi
if grep -q '(related information)' "$tmp/run.txt"; then
	fail "golangci-lint reports related information as issues of their own"
else
	pass "no related information reported as an issue"
fi
# The README's minimal config carries the settings this count relies on.
for want in "$(grep -E '^[[:space:]]*- text: .*related information' "$here/.golangci.yml" | sed -E 's/^[[:space:]]*//')" 'uniq-by-line: false'; do
	if [[ -n $want ]] && grep -qF -- "$want" "$root/README.md"; then
		pass "README's golangci-lint config has: $want"
	else
		fail "README's golangci-lint config lacks: $want"
	fi
done

# 2. The shared pass runs at most once per package. Each analyzed action
# logs `<prefix>: <analyzer>: analyzed package "<name>"`; package names
# repeat across paths (sync/atomic, internal/runtime/atomic), so compare
# counts per name with go list.
go list -deps -test -f '{{.Name}}' ./... | sort | uniq -c | awk '{print $2, $1}' >"$tmp/pkgs.txt"
analyzed() {
	sed -nE "s/.*: $1: analyzed package \\\\\"([^\\\\]+)\\\\\".*/\\1/p" "$tmp/debug.txt" |
		sort | uniq -c | awk '{print $2, $1}'
}
analyzed scopevetsummary >"$tmp/summary.txt"
nsum=$(awk '{n += $2} END {print n + 0}' "$tmp/summary.txt")
over=$(awk 'NR == FNR { have[$1] = $2; next } $2 > have[$1] + 0 { print $1 " x" $2 }' \
	"$tmp/pkgs.txt" "$tmp/summary.txt")
counts=""
for name in "${suite[@]}"; do
	counts+=" $name:$(analyzed "$name" | awk '{n += $2} END {print n + 0}')"
done
echo "actions run:$counts scopevetsummary:$nsum ($(awk '{n += $2} END {print n}' "$tmp/pkgs.txt") packages in go list -deps)"
if [[ $nsum -gt 0 && -z $over ]]; then
	pass "scopevetsummary ran at most once per package, with$counts"
else
	fail "scopevetsummary ran $nsum times; more often than go list lists these packages: ${over:-(none: it never ran; GL_DEBUG output changed?)}"
fi

# 3. //nolint:NAME // reason suppresses: remove the directives, and a NAME
# finding appears on each of their lines.
nl=$tmp/nolint
cp -R "$fx" "$nl"
declare -a directives=()
for name in "${suite[@]}"; do
	found=0
	while IFS=: read -r f lno _; do
		directives+=("$name ${f#"$fx"/} $lno")
		found=1
	done < <(grep -Hn "//nolint:$name // " "$fx"/checks/"$name"/*.go 2>/dev/null || true)
	if [[ $found -eq 0 ]]; then
		fail "checks/$name has no '//nolint:$name // reason' case"
	fi
	for f in "$nl"/checks/"$name"/*.go; do
		[[ -e $f ]] && sed -i -E "s#[[:space:]]*//nolint:$name // .*##" "$f"
	done
done
if [[ ${#directives[@]} -gt 0 ]]; then
	rc=0
	(cd "$nl" && run ./...) >"$tmp/nolint.txt" 2>&1 || rc=$?
	for d in "${directives[@]}"; do
		read -r name file lno <<<"$d"
		if grep -q "^$file:$lno:" "$tmp/run.txt"; then
			fail "$file:$lno: reported despite //nolint:$name"
		elif has_finding "$tmp/nolint.txt" "$file" "$lno" "$name"; then
			pass "//nolint:$name at $file:$lno suppresses a $name finding"
		else
			show "run without the //nolint directives (exit $rc)" "$tmp/nolint.txt"
			fail "$file:$lno: no $name finding without its //nolint:$name, so the directive suppresses nothing"
		fi
	done
	no_crash "run without //nolint" "$tmp/nolint.txt"
fi

# 4. --fix applies each check's SuggestedFixes; a check whose package
# offers one must have a golden.
fixers=0
# offers_fixes NAME: the check's package (NAME/ at the root) mentions
# SuggestedFix outside its tests.
offers_fixes() {
	local f
	for f in "$root/$1"/*.go; do
		[[ -f $f && $f != *_test.go ]] || continue
		if grep -q 'SuggestedFix' "$f"; then return 0; fi
	done
	return 1
}
for name in "${suite[@]}"; do
	if compgen -G "$fx/checks/$name/*.go.golden" >/dev/null; then
		fixers=$((fixers + 1))
	elif offers_fixes "$name"; then
		fail "$name offers SuggestedFixes, but testdata/golangci/checks/$name/ has no FILE.go.golden for --fix"
	fi
done
fix=$tmp/fix
cp -R "$fx" "$fix"
rc=0
(cd "$fix" && run --fix ./...) >"$tmp/fix.txt" 2>&1 || rc=$?
no_crash "run --fix" "$tmp/fix.txt"
while IFS= read -r -d '' f; do
	rel=${f#"$fx"/}
	if [[ -f $f.golden ]]; then
		if diff -u "$f.golden" "$fix/$rel" >"$tmp/diff.txt"; then
			pass "--fix turns $rel into $rel.golden"
		else
			show "$rel after --fix, against $rel.golden" "$tmp/diff.txt"
			fail "--fix: $rel differs from $rel.golden"
		fi
	elif ! cmp -s "$f" "$fix/$rel"; then
		diff -u "$f" "$fix/$rel" >"$tmp/diff.txt" || true
		show "$rel changed by --fix" "$tmp/diff.txt"
		fail "--fix changed $rel, which has no .golden"
	fi
done < <(find "$fx" -name '*.go' -print0)
if [[ $fixers -eq 0 ]]; then
	skip "--fix: no check in analyzers.Suite() offers a SuggestedFix yet; checked only that --fix changes nothing"
else
	pass "--fix checked for $fixers check(s)"
fi

# 5. An unknown setting is an error that names it.
cat >"$tmp/bad.yml" <<EOF
version: "2"
linters:
  default: none
  enable: [${suite[0]}]
  settings:
    custom:
      ${suite[0]}:
        type: module
        settings:
          no-such-setting: "1"
EOF
rc=0
run -c "$tmp/bad.yml" ./... >"$tmp/bad.txt" 2>&1 || rc=$?
if [[ $rc -ne 0 ]] && grep -q "${suite[0]}: unknown setting \"no-such-setting\"" "$tmp/bad.txt"; then
	pass "an unknown ${suite[0]} setting is an error: $(grep -o "plugin(${suite[0]}).*" "$tmp/bad.txt" | head -1)"
else
	show "run with an unknown setting (exit $rc)" "$tmp/bad.txt"
	fail "an unknown ${suite[0]} setting: exit $rc, or the error does not name it"
fi

if [[ $fails -ne 0 ]]; then
	echo "golangci: FAILED ($fails failing checks)"
	exit 1
fi
echo "golangci: OK ($passes checks)"
