#!/usr/bin/env bash
# Cost benchmark: go vet -vettool=scopevet against no-op vettools on real code,
# and the standalone driver's findings. See bench/README.md.
# Env: TARGETS, REPS, TOOLS, BENCH_OUT, SCOPEVET_PKG, BUILD_FLAGS, VETFLAGS.
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
TARGETS=${TARGETS:-$REPO/bench/targets.txt}
[[ -f $TARGETS ]] || TARGETS=$REPO/bench/targets-$TARGETS.txt # TARGETS=quick
REPS=${REPS:-1}
read -r -a TOOLS <<<"${TOOLS:-noop scopevet}" # noop first: it is the baseline
SCOPEVET_PKG=${SCOPEVET_PKG:-./cmd/scopevet}  # override to test the script before cmd/scopevet exists
BENCH_OUT=${BENCH_OUT:-$(mktemp -d "${TMPDIR:-/tmp}/scopevet-bench.XXXXXX")}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/scopevet-bench-work.XXXXXX")
trap 'chmod -R u+w "$WORK" 2>/dev/null; rm -rf "$WORK"' EXIT # cold caches are large
mkdir -p "$BENCH_OUT" "$WORK/bin"
BENCH_OUT=$(cd "$BENCH_OUT" && pwd)
# shellcheck source=bench/lib.sh
source "$REPO/bench/lib.sh"

(cd "$REPO" && go build -o "$WORK/bin/tally" ./bench/tally)
declare -A PKG=([noopnofacts]=./bench/noopnofacts [noop]=./bench/noop [scopevet]=$SCOPEVET_PKG)
for t in "${TOOLS[@]}"; do build_tool "$t" "${PKG[$t]}"; done
[[ -x $WORK/bin/scopevet ]] || build_tool scopevet "$SCOPEVET_PKG" # for the standalone run
BUILT=$(describe_build)

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf (b > 0 ? "%.2f" : "-"), a/b}'; }

SUMMARY="| target | pkgs | Go lines | cold cpu × | cold wall × | revet cpu × | warm cpu × | warm wall × | vettool peak RSS MiB | worst package × | standalone s / RSS MiB | findings | errors |
|---|---|---|---|---|---|---|---|---|---|---|---|---|"
TABLE="| target | pkgs | Go lines | tool | cold wall s | cold cpu s | revet wall s | revet cpu s | warm wall s | warm cpu s | runs c/r/w | peak RSS MiB |
|---|---|---|---|---|---|---|---|---|---|---|---|"
FINDINGS=()

while read -r SPEC PATTERN <&3; do
	[[ -z $SPEC || $SPEC == \#* ]] && continue
	prepare_target "$SPEC" "$PATTERN" || { echo "cannot prepare $SPEC $PATTERN" >&2 && exit 1; }
	count_target "$PATTERN"
	echo "== $NAME: $PKGS packages, $LINES lines of Go (tests included), in $DIR" >&2

	declare -A R=()
	for t in "${TOOLS[@]}"; do
		log=$BENCH_OUT/$NAME.$t
		cache=$WORK/cache-$t # cold: a new empty GOCACHE, so std and deps compile too
		mkdir -p "$cache"
		vet "$t" "$cache" "$log.cold"
		R[$t.cw]=$WALL R[$t.cc]=$CPU R[$t.cr]=$RUNS
		for m in revet warm; do # revet: compiled deps cached, every package re-analyzed
			walls=() cpus=()    # warm: the same command again, vet results cached too
			for ((i = 1; i <= REPS; i++)); do
				vet "$t" "$cache" "$log.$m$i" "$([[ $m == revet ]] && echo "-$m$i")"
				walls+=("$WALL") cpus+=("$CPU")
			done
			R[$t.${m:0:1}r]=$RUNS R[$t.${m:0:1}w]=$(median "${walls[@]}") R[$t.${m:0:1}c]=$(median "${cpus[@]}")
		done
		R[$t.rss]=$(peak_rss_mib "$log".cold.procs "$log".revet*.procs)
		cat "$log".revet*.procs >"$log.revet.procs" # every revet run, for per-package times
		chmod -R u+w "$cache" && rm -rf "$cache"
		row="${R[$t.cw]} | ${R[$t.cc]} | ${R[$t.rw]} | ${R[$t.rc]} | ${R[$t.ww]} | ${R[$t.wc]} | ${R[$t.cr]}/${R[$t.rr]}/${R[$t.wr]} | ${R[$t.rss]}"
		echo "   $t: $row" >&2
		TABLE+=$'\n'"| $NAME | $PKGS | $LINES | $t | $row |"
	done

	# Per package: each vettool run's CPU in the revet runs, scopevet against noop.
	worst=-
	if [[ -n ${R[noop.cc]:-} && -n ${R[scopevet.cc]:-} ]]; then
		"$WORK/bin/tally" perpkg -name "$NAME" "$BENCH_OUT/$NAME.noop.revet.procs" "$BENCH_OUT/$NAME.scopevet.revet.procs" >"$BENCH_OUT/$NAME.perpkg.md"
		head -3 "$BENCH_OUT/$NAME.perpkg.md" | sed 's/^/   /' >&2
		worst=$(sed -n 's/^worst ratio: \([0-9.]*\)x.*/\1/p' "$BENCH_OUT/$NAME.perpkg.md")
		worst=${worst:--}
	fi

	# The standalone driver once, for its findings: scopevet ./..., which hands
	# the packages to go vet.
	standalone "$BENCH_OUT/$NAME"
	if ((S_CRASH)); then
		echo "scopevet -json crashed (exit $S_RC), see $BENCH_OUT/$NAME.stderr" >&2
		exit 1
	fi
	counts=$("$WORK/bin/tally" count "$BENCH_OUT/$NAME.findings.json")
	errors=$(grep -cvE "$SKIPPED_RE" "$BENCH_OUT/$NAME.errors" || true) # not counting packages that do not load
	echo "   standalone scopevet -json: ${S_WALL}s wall, ${S_CPU}s cpu, $S_RSS MiB; findings: $counts; $errors analyzer errors" >&2
	FINDINGS+=("$BENCH_OUT/$NAME.findings.json")

	if [[ -n ${R[noop.cc]:-} && -n ${R[scopevet.cc]:-} ]]; then
		ratios=""
		for k in cc cw rc wc ww; do ratios+=" | $(ratio "${R[scopevet.$k]}" "${R[noop.$k]}")"; done
		SUMMARY+=$'\n'"| $NAME | $PKGS | $LINES$ratios | ${R[scopevet.rss]} (noop ${R[noop.rss]}) | $worst | $S_WALL / $S_RSS | $counts | $errors |"
	else
		SUMMARY+=$'\n'"| $NAME | $PKGS | $LINES | - | - | - | - | - | - | - | $S_WALL / $S_RSS | $counts | $errors |"
	fi
done 3<"$TARGETS" # fd 3, so nothing in the loop can eat the list from stdin

"$WORK/bin/tally" merge "${FINDINGS[@]}" >"$BENCH_OUT/findings.json"
printf '%s\n\n%s\n\n%s\n' "$BUILT" "$SUMMARY" "$TABLE" | tee "$BENCH_OUT/results.md"
echo "logs, per-package times (*.perpkg.md) and findings (findings.json) in $BENCH_OUT" >&2
