#!/usr/bin/env bash
# Recall benchmark: real, fixed goroutine leaks from public Go modules. For each
# bug in bugs.txt, runs the standalone scopevet (scopevet -json <pkg>, which hands
# the package to go vet) on the buggy package at the version before the fix and
# at the version after it, and reports whether a finding lands at the bug (its
# file, within NEAR lines of a listed line) before, and whether that place is
# silent after. See bench/README.md ("realbugs").
# Env: BUGS (data file), ONLY (comma-separated bug ids), NEAR (default 3),
# REALBUGS_OUT (logs; default a new temp dir), SCOPEVET_PKG, BUILD_FLAGS.
# Exit 0 whatever the recall; non-zero only if the harness fails (a module does
# not download or load, or scopevet crashes).
set -euo pipefail

REPO=$(cd "$(dirname "$0")/../.." && pwd)
BUGS=${BUGS:-$REPO/bench/realbugs/bugs.txt}
NEAR=${NEAR:-3}
ONLY=${ONLY:-}
SCOPEVET_PKG=${SCOPEVET_PKG:-./cmd/scopevet}
REALBUGS_OUT=${REALBUGS_OUT:-$(mktemp -d "${TMPDIR:-/tmp}/scopevet-realbugs.XXXXXX")}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/scopevet-realbugs-work.XXXXXX")
trap 'chmod -R u+w "$WORK" 2>/dev/null; rm -rf "$WORK"' EXIT
mkdir -p "$REALBUGS_OUT" "$WORK/bin"
REALBUGS_OUT=$(cd "$REALBUGS_OUT" && pwd)
# shellcheck source=bench/lib.sh
source "$REPO/bench/lib.sh"

(cd "$REPO" && go build -o "$WORK/bin/tally" ./bench/tally)
# shellcheck disable=SC2086 # BUILD_FLAGS is a list of flags
(cd "$REPO" && go build ${BUILD_FLAGS:-} -o "$WORK/bin/scopevet" "$SCOPEVET_PKG")
BUILT=$(describe_build)
echo "$BUILT"

# near LINE SPEC: whether LINE is within $NEAR of a line or range in SPEC
# ("12,40-47,60").
near() {
	local line=$1 part lo hi parts
	IFS=, read -r -a parts <<<"$2"
	for part in "${parts[@]}"; do
		lo=${part%-*} hi=${part#*-}
		((line >= lo - NEAR && line <= hi + NEAR)) && return 0
	done
	return 1
}

# check ID MODULE VERSION PKG FILE LINES: runs scopevet on PKG at MODULE@VERSION
# and sets HITS (findings at FILE near LINES), OTHER (findings elsewhere) and
# HITLIST / OTHERLIST (one "file:line: analyzer: message" per line).
check() {
	local id=$1 mod=$2 ver=$3 pkg=$4 file=$5 lines=$6 out fm f l a m rc log got
	PATTERN=$pkg
	log=$REALBUGS_OUT/$id.$ver.prepare.log
	# The throwaway module prepare_target would make, but with the bug's module
	# pinned by a replace: a dependency that requires a newer version of it
	# (prometheus/common requires client_golang) would otherwise upgrade it.
	DIR=$WORK/mod-$(tr '/@' '__' <<<"$mod@$ver")
	if [[ ! -f $DIR/go.mod ]]; then
		mkdir -p "$DIR"
		(cd "$DIR" && go mod init benchtarget && go mod edit -require="$mod@$ver" -replace="$mod=$mod@$ver") >"$log" 2>&1 || {
			echo "cannot make a module requiring $mod@$ver, see $log" >&2 && exit 1
		}
	fi
	if ! prepare_target "$mod@$ver" "$pkg" >>"$log" 2>&1; then
		echo "cannot download or load $mod@$ver $pkg, see $log:" >&2
		tail -20 "$log" >&2
		exit 1
	fi
	got=$(cd "$DIR" && go list -m -f '{{with .Replace}}{{.Version}}{{else}}{{.Version}}{{end}}' "$mod")
	if [[ $got != "$ver" ]]; then
		echo "$id: asked for $mod@$ver, the build uses $got" >&2
		exit 1
	fi
	out=$REALBUGS_OUT/$id.$ver
	# Not lib.sh's standalone, which makes go vet analyze everything again: go vet
	# keys its cached results on the tool's build ID, so a rebuilt scopevet is
	# analyzed afresh and a second run of the same build is mostly cache hits.
	rc=0
	(cd "$DIR" && "$WORK/bin/scopevet" -json "$pkg" >"$out.raw.json" 2>"$out.stderr") || rc=$?
	# A "# package" header on stderr is go vet reporting build or type errors:
	# that package (or its test variant) was not analyzed.
	if ((rc > 1)) || crashed "$out.stderr" || grep -q '^# ' "$out.stderr" ||
		! "$WORK/bin/tally" findings -modules "$WORK/$NAME.modules" "$out.raw.json" >"$out.findings.json"; then
		echo "scopevet -json $pkg at $mod@$ver failed (exit $rc), see $out.stderr:" >&2
		head -20 "$out.stderr" >&2
		exit 1
	fi
	HITS=0 OTHER=0 HITLIST="" OTHERLIST=""
	while IFS=$'\t' read -r fm f l a m; do
		if [[ $fm == "$mod" && $f == "$file" ]] && near "$l" "$lines"; then
			HITS=$((HITS + 1)) HITLIST+="$f:$l: $a: $m"$'\n'
		else
			OTHER=$((OTHER + 1)) OTHERLIST+="${fm:+$fm/}$f:$l: $a: $m"$'\n'
		fi
	done < <(jq -r '.[] | [.module, .file, .line, .analyzer, (.message | gsub("[\t\n]"; " "))] | @tsv' "$out.findings.json")
}

# trim S: S without leading and trailing blanks.
trim() {
	local s=$1
	s=${s#"${s%%[![:space:]]*}"}
	printf '%s' "${s%"${s##*[![:space:]]}"}"
}

TOTAL=0 FOUND=0 SILENT=0 ROWS=""
while IFS='|' read -r id mod before after pkg file blines alines shape link desc <&3; do
	id=$(trim "$id")
	[[ -z $id || $id == \#* ]] && continue
	mod=$(trim "$mod") before=$(trim "$before") after=$(trim "$after") pkg=$(trim "$pkg")
	file=$(trim "$file") blines=${blines//[[:space:]]/} alines=${alines//[[:space:]]/} shape=$(trim "$shape")
	if [[ -n $ONLY && ,$ONLY, != *",$id,"* ]]; then continue; fi
	TOTAL=$((TOTAL + 1))
	echo
	echo "== $id ($shape): $mod $before -> $after, $pkg, $file"
	echo "   $(trim "$desc")"
	echo "   fix: $(trim "$link")"

	check "$id" "$mod" "$before" "$pkg" "$file" "$blines"
	if ((HITS)); then
		verdict=found FOUND=$((FOUND + 1))
	else
		verdict=missed
	fi
	echo "   before $before: $verdict ($HITS at $file near lines $blines, $OTHER elsewhere)"
	printf '%s' "$HITLIST" | sed 's/^/     at bug: /'
	printf '%s' "$OTHERLIST" | sed 's/^/     elsewhere: /'

	check "$id" "$mod" "$after" "$pkg" "$file" "$alines"
	if ((HITS)); then
		averdict="not silent"
	else
		averdict=silent SILENT=$((SILENT + 1))
	fi
	echo "   after $after: $averdict ($HITS at $file near lines $alines, $OTHER elsewhere)"
	printf '%s' "$HITLIST" | sed 's/^/     at fix: /'
	printf '%s' "$OTHERLIST" | sed 's/^/     elsewhere: /'
	ROWS+="| $id | $shape | $verdict | $averdict |"$'\n'
done 3<"$BUGS"

echo
echo "| bug | shape | before the fix | after the fix |"
echo "|---|---|---|---|"
printf '%s' "$ROWS"
echo
echo "recall: $FOUND/$TOTAL found before the fix; $SILENT/$TOTAL silent after the fix (a finding counts when it is in the bug's file within $NEAR lines of a listed line)"
echo "$BUILT"
echo "logs and findings in $REALBUGS_OUT" >&2
