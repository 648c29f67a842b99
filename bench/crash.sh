#!/usr/bin/env bash
# Crash-freedom, determinism and per-package cost of the suite on real code: std,
# cmd and the bench targets. See bench/README.md.
# Env: TARGETS, STD, VET, WARMUP, VETFLAGS, CRASH_OUT, CRASH_GOCACHE, SCOPEVET_PKG,
# BUILD_FLAGS, LIMIT.
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
TARGETS=${TARGETS:-$REPO/bench/targets.txt}
[[ -f $TARGETS ]] || TARGETS=$REPO/bench/targets-$TARGETS.txt # TARGETS=quick
STD=${STD-std cmd}   # Go's own trees to check first; STD= for none
VET=${VET:-1}        # 0: skip the go vet runs (per-package times)
WARMUP=${WARMUP:-1}  # 0: no untimed go vet run first (when GOCACHE already has it all)
LIMIT=${LIMIT:-5}    # per-package CPU ratio, scopevet/noop, above which a package is listed
SCOPEVET_PKG=${SCOPEVET_PKG:-./cmd/scopevet}
CRASH_OUT=${CRASH_OUT:-$(mktemp -d "${TMPDIR:-/tmp}/scopevet-crash.XXXXXX")}
# go vet needs compiled export data of every dependency; the user's cache has most
# of it. Only the vettool runs are timed, so compiling does not skew them.
CRASH_GOCACHE=${CRASH_GOCACHE:-$(go env GOCACHE)}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/scopevet-crash-work.XXXXXX")
trap 'chmod -R u+w "$WORK" 2>/dev/null; rm -rf "$WORK"' EXIT
mkdir -p "$CRASH_OUT" "$WORK/bin"
CRASH_OUT=$(cd "$CRASH_OUT" && pwd)
# shellcheck source=bench/lib.sh
source "$REPO/bench/lib.sh"

(cd "$REPO" && go build -o "$WORK/bin/tally" ./bench/tally)
build_tool noop ./bench/noop
build_tool scopevet "$SCOPEVET_PKG"
BUILT=$(describe_build)

TABLE="| target | pkgs | standalone s (run 1, 2) | RSS MiB | findings | analyzer errors (skipped) | crashed | same JSON | same sorted findings | vet runs | worst package × | over ${LIMIT}× |
|---|---|---|---|---|---|---|---|---|---|---|---|"
FAILED=()
fail() { FAILED+=("$NAME: $*") && echo "   FAIL: $*" >&2; }

check() {
	if ! prepare_target "$SPEC" "$PATTERN"; then
		NAME=$SPEC
		fail "cannot prepare $SPEC $PATTERN (see the go command's errors above)"
		return
	fi
	local out=$CRASH_OUT/$NAME pkgs rss walls crash=no same sorted errs skipped
	pkgs=$(cd "$DIR" && go list -e "$PATTERN" | wc -l)
	echo "== $NAME ($PATTERN, $pkgs packages) in $DIR" >&2

	# The standalone driver twice, with the checker's per-action timing (-debug=t,
	# to stderr). The JSON lists errors of every action, dependencies included.
	standalone "$out.1" -debug=t
	walls=$S_WALL rss=$S_RSS
	((S_CRASH)) && crash=yes && fail "run 1 crashed (exit $S_RC), see $out.1.stderr"
	standalone "$out.2" -debug=t
	walls+=", $S_WALL" rss=$((S_RSS > rss ? S_RSS : rss))
	((S_CRASH)) && crash=yes && fail "run 2 crashed (exit $S_RC), see $out.2.stderr"
	# A package that does not load (type errors, a missing embed) is skipped by the
	# driver, and so is all that depends on it: not a failure of ours.
	errs=$(cat "$out.1.errors" "$out.2.errors" | sort -u | grep -cvE "$SKIPPED_RE" || true)
	((errs > 0)) && fail "$errs analyzer errors, see $out.1.errors"
	skipped=$(sort -u "$out.1.errors" | grep -cE "$SKIPPED_RE" || true)
	same=yes sorted=yes
	cmp -s "$out.1.raw.json" "$out.2.raw.json" || same=no
	cmp -s "$out.1.findings.json" "$out.2.findings.json" || { sorted=no && fail "findings differ between runs: diff $out.1.findings.json $out.2.findings.json"; }
	echo "   standalone: ${walls}s, $rss MiB, $("$WORK/bin/tally" count "$out.1.findings.json"); errors $errs (skipped: $skipped actions on packages that do not load); same JSON $same, same sorted $sorted" >&2

	# go vet with each tool, every package analyzed again (a new nonce each time):
	# each vettool run's CPU, scopevet against noop.
	local runs=- worst=- over=-
	if ((VET)); then
		if ((WARMUP)); then vet noop "$CRASH_GOCACHE" "$out.vet.warmup" "-warmup$$" || fail "go vet with noop failed"; fi
		if vet noop "$CRASH_GOCACHE" "$out.vet.noop" "-a$$" && vet scopevet "$CRASH_GOCACHE" "$out.vet.scopevet" "-b$$"; then
			runs=$RUNS
			"$WORK/bin/tally" perpkg -name "$NAME" -limit "$LIMIT" "$out.vet.noop.procs" "$out.vet.scopevet.procs" >"$out.perpkg.md"
			head -3 "$out.perpkg.md" | sed 's/^/   /' >&2
			worst=$(sed -n 's/^worst ratio: \([0-9.]*\)x.*/\1/p' "$out.perpkg.md")
			over=$(sed -n 's/^packages over [0-9.]*x: //p' "$out.perpkg.md")
			worst=${worst:--} over=${over:--} # go vet analyzed nothing: see its stderr
		else
			crash=yes
			fail "go vet crashed, see $out.vet.*.stderr"
		fi
	fi
	TABLE+=$'\n'"| $NAME | $pkgs | $walls | $rss | $("$WORK/bin/tally" count "$out.1.findings.json") | $errs ($skipped) | $crash | $same | $sorted | $runs | $worst | $over |"
}

for std in $STD; do
	SPEC=$std PATTERN=$std
	check
done
while read -r SPEC PATTERN <&3; do
	[[ -z $SPEC || $SPEC == \#* ]] && continue
	check
done 3<"$TARGETS"

{
	printf '%s\n\n%s\n\n' "$BUILT" "$TABLE"
	if ((${#FAILED[@]})); then
		printf 'FAILED:\n'
		printf -- '- %s\n' "${FAILED[@]}"
	else
		printf 'no crash, no analyzer error, same findings on both runs\n'
	fi
} | tee "$CRASH_OUT/results.md"
echo "logs in $CRASH_OUT (per target: .1/.2 standalone runs, .perpkg.md, .vet.*)" >&2
((${#FAILED[@]} == 0))
