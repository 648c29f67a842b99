#!/usr/bin/env bash
# Integration test: scopevet as a `go vet -vettool` and standalone, on the
# fixture module in this directory (example.com/integration).
#
# Asserts:
#   - `go vet -vettool=$BIN ./...` exits 1 (findings exist);
#   - every line of expected.txt ("FILE.go:LINE: substring") matches a line of
#     that output (file base name, line number and substring);
#   - `go vet -vettool=$BIN -NAME=false ...` for every check silences it;
#   - `go vet -vettool=$BIN -json ./...` passes -json through (JSON names "mustawait");
#   - `$BIN ./...` (standalone, through go vet) exits 1 with go vet's findings,
#     each line ending in the check's name, related lines indented;
#   - `$BIN -json ./...` exits 1 with one JSON object naming the checks, and so
#     does `$BIN -json -debug= ./...` (in-process);
#   - `$BIN` on a package that does not type-check exits 2, error on stderr,
#     nothing on stdout;
#   - `$BIN -flags` and `$BIN help mustawait` describe the mustawait analyzer;
#   - `$BIN version` (-version, -V) names the VCS revision; -V=full changes
#     with the binary;
#   - `go install ./cmd/scopevet` and `go tool scopevet` (a tool directive)
#     work from a clone;
#   - no output contains "panic" or "internal error" (crashes, or panics that
#     analyzers/guard turned into errors).
#
# Usage: bash testdata/integration/run.sh   (from anywhere; needs only `go`)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
expected=$here/expected.txt

fails=0 passes=0
pass() {
	printf 'PASS: %s\n' "$*"
	passes=$((passes + 1))
}
fail() {
	printf 'FAIL: %s\n' "$*"
	fails=$((fails + 1))
}
# show LABEL FILE: print a captured output, indented, for the log.
show() {
	printf -- '--- %s ---\n' "$1"
	sed 's/^/    /' "$2"
	printf -- '--- end ---\n'
}
# no_crash LABEL FILE: the output has no panic and no internal error.
no_crash() {
	if grep -Eiq 'panic|internal error' "$2"; then
		fail "$1: output mentions a panic or an internal error:"
		grep -Ei 'panic|internal error' "$2" | head -20 | sed 's/^/    /'
	else
		pass "$1: no panic, no internal error"
	fi
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bin=$tmp/scopevet

# The fixture module stands alone: no workspace, no inherited -modfile.
export GOWORK=off
export GOFLAGS="${GOFLAGS:-}"
GOFLAGS=$(printf '%s' "$GOFLAGS" | sed -E 's/(^| )-modfile=[^ ]*//g')

echo "integration: building scopevet"
if ! (cd "$root" && go build -o "$bin" ./cmd/scopevet); then
	fail "go build ./cmd/scopevet"
	echo "integration: 0 checks run, build failed"
	exit 1
fi
pass "built $bin"

cd "$here"

if ! [[ -f go.mod ]]; then
	fail "no go.mod in $here"
	exit 1
fi

# 1. go vet -vettool: exit status 1 and the expected findings.
rc=0
go vet -vettool="$bin" ./... >"$tmp/vet.txt" 2>&1 || rc=$?
show "go vet -vettool=scopevet ./... (exit $rc)" "$tmp/vet.txt"
if [[ $rc -eq 1 ]]; then
	pass "go vet -vettool exits 1 on findings"
else
	fail "go vet -vettool exited $rc, want 1"
fi
no_crash "go vet -vettool" "$tmp/vet.txt"

nexp=0
if [[ -f $expected ]]; then
	while IFS= read -r line || [[ -n $line ]]; do
		line=${line%$'\r'}
		[[ -z ${line//[[:space:]]/} || $line =~ ^[[:space:]]*# ]] && continue
		if ! [[ $line =~ ^[[:space:]]*([^[:space:]:]+\.go):([0-9]+):[[:space:]]*(.*[^[:space:]])[[:space:]]*$ ]]; then
			fail "expected.txt: malformed line (want FILE.go:LINE: substring): $line"
			continue
		fi
		file=${BASH_REMATCH[1]##*/} lno=${BASH_REMATCH[2]} sub=${BASH_REMATCH[3]}
		nexp=$((nexp + 1))
		# A line matches when "file:lno:" starts the line or follows "/" or
		# a blank, and the line contains sub (fixed strings, no regexps).
		if KEY="$file:$lno:" SUB="$sub" awk '
			BEGIN { key = ENVIRON["KEY"]; sub_ = ENVIRON["SUB"]; found = 0 }
			{
				i = index($0, key)
				if (i == 0 || index($0, sub_) == 0) next
				c = (i == 1) ? "" : substr($0, i - 1, 1)
				if (c == "" || c == "/" || c == " " || c == "\t") { found = 1; exit }
			}
			END { exit !found }' "$tmp/vet.txt"; then
			pass "found $file:$lno: $sub"
		else
			fail "missing $file:$lno: $sub"
		fi
	done <"$expected"
fi
if [[ $nexp -eq 0 ]]; then
	fail "expected.txt is missing or lists no findings"
fi
# Nothing else is reported: the clean twins and the //nolint line stay silent.
# (Related information lines carry a tab after the position; they don't count.)
ngot=$(grep -cE '\.go:[0-9]+:[0-9]+: [^[:space:]]' "$tmp/vet.txt" || true)
if [[ $ngot -eq $nexp ]]; then
	pass "go vet reports exactly the $nexp expected findings"
else
	fail "go vet reports $ngot findings, expected.txt lists $nexp"
fi

# 2. Analyzer flags pass through go vet: disabling every check (the names
# "scopevet help" lists) silences it.
rc=0
off=()
while read -r name; do off+=("-$name=false"); done < <("$bin" help 2>&1 |
	sed -n '/^Registered analyzers:/,/^By default/s/^    \([a-z][a-z0-9]*\) .*/\1/p')
go vet -vettool="$bin" "${off[@]}" ./... >"$tmp/vetoff.txt" 2>&1 || rc=$?
if [[ ${#off[@]} -gt 0 && $rc -eq 0 ]] && ! [[ -s $tmp/vetoff.txt ]]; then
	pass "go vet -vettool ${off[*]} exits 0 with no findings"
else
	show "go vet -vettool=scopevet ${off[*]} ./... (exit $rc)" "$tmp/vetoff.txt"
	fail "go vet -vettool ${off[*]} exited $rc or printed findings"
fi

# 3. go vet passes -json through to the vet tool.
rc=0
go vet -vettool="$bin" -json ./... >"$tmp/vetjson.txt" 2>&1 || rc=$?
show "go vet -vettool=scopevet -json ./... (exit $rc)" "$tmp/vetjson.txt"
if grep -q '"mustawait"' "$tmp/vetjson.txt"; then
	pass "go vet -json output names \"mustawait\""
else
	fail "go vet -json output does not name \"mustawait\""
fi
no_crash "go vet -vettool -json" "$tmp/vetjson.txt"

# 4. Standalone: scopevet hands the packages to go vet, so its findings are
# go vet's, printed by scopevet: "(check)" after each message, related lines
# indented by a tab. -json prints one JSON object. A profiling flag (-debug=)
# keeps the in-process multichecker, with the same findings. The exit status
# is 1 on findings in every mode.
rc=0
"$bin" ./... >"$tmp/standalone.txt" 2>&1 || rc=$?
# go vet's lines, as scopevet prints them: related lines ("file:l:c: \tmsg")
# indented, each finding followed by its check's name (the one that -NAME=false
# silences, so look it up in the -json output below).
# go1.25's vet also prints "# package" headers and "./" before each file.
grep -v '^# ' "$tmp/vet.txt" | sed -E 's#^\./##; s/^([^[:space:]]+\.go:[0-9]+:[0-9]+): \t/\t\1: /' |
	sort >"$tmp/vet.sorted"
sed -E 's/ \((mustawait|leakedspawn|cancelsafe)\)$//' "$tmp/standalone.txt" | sort >"$tmp/standalone.sorted"
if [[ $rc -eq 1 ]] && diff "$tmp/vet.sorted" "$tmp/standalone.sorted" >"$tmp/standalone.diff"; then
	pass "scopevet ./... exits 1 with go vet's findings"
else
	show "scopevet ./... (exit $rc)" "$tmp/standalone.txt"
	show "diff against go vet" "$tmp/standalone.diff"
	fail "scopevet ./... exited $rc (want 1) or differs from go vet -vettool"
fi
nnamed=$(grep -cE '^[^[:space:]]+\.go:[0-9]+:[0-9]+: .* \((mustawait|leakedspawn|cancelsafe)\)$' "$tmp/standalone.txt" || true)
ntop=$(grep -cE '^[^[:space:]]' "$tmp/standalone.txt" || true)
if [[ $nnamed -eq $nexp && $ntop -eq $nexp ]]; then
	pass "scopevet ./... prints $nexp findings, each naming its check; related lines are indented"
else
	fail "scopevet ./...: $ntop unindented lines, $nnamed naming a check; want $nexp"
fi
for mode in "" "-debug="; do
	rc=0
	# shellcheck disable=SC2086 # an empty $mode is no argument
	"$bin" -json $mode ./... >"$tmp/json.txt" 2>"$tmp/json.err" || rc=$?
	show "scopevet -json $mode ./... (exit $rc)" "$tmp/json.txt"
	if [[ $rc -eq 1 ]]; then
		pass "scopevet -json $mode exits 1 on findings"
	else
		show "stderr" "$tmp/json.err"
		fail "scopevet -json $mode exited $rc, want 1"
	fi
	if grep -q '"mustawait"' "$tmp/json.txt" && grep -q '"leakedspawn"' "$tmp/json.txt"; then
		pass "scopevet -json $mode output names \"mustawait\" and \"leakedspawn\""
	else
		fail "scopevet -json $mode output does not name \"mustawait\" and \"leakedspawn\""
	fi
	if [[ $(grep -c '^{' "$tmp/json.txt") -eq 1 ]]; then
		pass "scopevet -json $mode prints one JSON object"
	else
		fail "scopevet -json $mode prints $(grep -c '^{' "$tmp/json.txt") JSON objects, want 1"
	fi
	no_crash "scopevet -json $mode" "$tmp/json.txt"
done
broken=$tmp/broken
mkdir -p "$broken"
printf 'module example.com/broken\n\ngo 1.25\n' >"$broken/go.mod"
printf 'package broken\n\nvar X int = "s"\n' >"$broken/broken.go"
for mode in "" "-json"; do
	rc=0
	# shellcheck disable=SC2086 # an empty $mode is no argument
	(cd "$broken" && "$bin" $mode ./...) >"$tmp/broken.out" 2>"$tmp/broken.err" || rc=$?
	if [[ $rc -eq 2 ]] && ! [[ -s $tmp/broken.out ]] && grep -q 'cannot use' "$tmp/broken.err"; then
		pass "scopevet $mode on code that does not type-check exits 2, the error on stderr, no report"
	else
		show "scopevet $mode on broken code (exit $rc): stdout" "$tmp/broken.out"
		show "stderr" "$tmp/broken.err"
		fail "scopevet $mode on broken code: exit $rc (want 2), or a report on stdout, or no error on stderr"
	fi
done

# 5. The flags go vet reads, and the help text the README points to.
rc=0
"$bin" -flags >"$tmp/flags.txt" 2>&1 || rc=$?
if [[ $rc -eq 0 ]] && grep -q '"mustawait' "$tmp/flags.txt"; then
	pass "scopevet -flags lists mustawait"
else
	show "scopevet -flags (exit $rc)" "$tmp/flags.txt"
	fail "scopevet -flags: exit $rc or no mustawait flag"
fi
rc=0
"$bin" help mustawait >"$tmp/help.txt" 2>&1 || rc=$?
if [[ $rc -eq 0 ]] && grep -q 'mustawait' "$tmp/help.txt"; then
	pass "scopevet help mustawait"
else
	show "scopevet help mustawait (exit $rc)" "$tmp/help.txt"
	fail "scopevet help mustawait: exit $rc or no mustawait text"
fi

# 6. Version: module version and VCS revision from the build information,
# the same for `version`, -version and -V; -V=full (go vet's cache key)
# names it and changes with the binary.
# go stamps VCS information only where .git is a directory (not in a git
# worktree), so build from a fresh clone of the committed HEAD.
vcsbin=$tmp/scopevet-vcs
rev=$(git -C "$root" rev-parse HEAD 2>/dev/null || true)
if [[ -n $rev ]] && git clone -q "$root" "$tmp/clone" &&
	(cd "$tmp/clone" && go build -buildvcs=true -o "$vcsbin" ./cmd/scopevet); then
	v=$("$vcsbin" version 2>&1 || true)
	if [[ $v == "scopevet version "*" git $rev "* ]]; then
		pass "scopevet version names the revision: $v"
	else
		fail "scopevet version does not name revision $rev: $v"
	fi
	for flag in -version -V; do
		if [[ $("$vcsbin" $flag 2>&1 || true) == "$v" ]]; then
			pass "scopevet $flag prints the version"
		else
			fail "scopevet $flag does not print the version"
		fi
	done
	id1=$("$bin" -V=full 2>&1 || true) id2=$("$vcsbin" -V=full 2>&1 || true)
	if [[ $id1 == "scopevet version "*" buildID="* && $id1 != "$id2" ]]; then
		pass "scopevet -V=full changes with the binary: $id1"
	else
		fail "scopevet -V=full: '$id1' and '$id2' (want 'scopevet version ... buildID=...', different)"
	fi
else
	fail "version: cannot clone $root and build scopevet there with -buildvcs=true"
fi

# 7. Install routes the README leads with: go install from a clone, and a
# `tool` directive in a project's go.mod (go tool scopevet).
gobin=$tmp/gobin
if (cd "$root" && GOBIN=$gobin go install ./cmd/scopevet) && [[ -x $gobin/scopevet ]]; then
	rc=0
	"$gobin/scopevet" ./... >"$tmp/installed.txt" 2>&1 || rc=$?
	if [[ $rc -eq 1 ]] && grep -q '(mustawait)' "$tmp/installed.txt"; then
		pass "go install ./cmd/scopevet: the installed scopevet reports the findings"
	else
		show "installed scopevet ./... (exit $rc)" "$tmp/installed.txt"
		fail "go install ./cmd/scopevet: the installed scopevet exited $rc or named no mustawait finding"
	fi
else
	fail "go install ./cmd/scopevet"
fi
user=$tmp/tooluser
mkdir -p "$user"
cp "$here"/*.go "$user"/
rc=0
# The README's commands, with the clone at $root.
(cd "$user" && go mod init example.com/tooluser &&
	go mod edit -require=github.com/scopevet/scopevet@v0.0.0 -replace=github.com/scopevet/scopevet="$root" \
		-tool=github.com/scopevet/scopevet/cmd/scopevet &&
	go mod tidy && go tool scopevet ./...) >"$tmp/tool.txt" 2>&1 || rc=$?
if [[ $rc -eq 1 ]] && grep -q '(mustawait)' "$tmp/tool.txt"; then
	pass "go tool scopevet (a tool directive in go.mod) reports the findings"
else
	show "go mod tidy && go tool scopevet ./... (exit $rc)" "$tmp/tool.txt"
	fail "go tool scopevet exited $rc (want 1) or named no mustawait finding"
fi

if [[ $fails -ne 0 ]]; then
	echo "integration: FAILED ($fails failing checks)"
	exit 1
fi
echo "integration: OK ($passes checks)"
