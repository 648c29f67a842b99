#!/usr/bin/env bash
# Warm go vet runs, repeated: the cost of go vet -vettool when every vet result
# is already cached, scopevet against noop, alternating the tools REPS times so
# that drift on a shared machine hits both. run.sh measures warm once per tool,
# which on a sub-second run is mostly noise. See bench/README.md.
# Env: TARGETS, REPS (default 7), WARM_GOCACHE, SCOPEVET_PKG, BUILD_FLAGS.
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
TARGETS=${TARGETS:-$REPO/bench/targets.txt}
[[ -f $TARGETS ]] || TARGETS=$REPO/bench/targets-$TARGETS.txt # TARGETS=quick
REPS=${REPS:-7}
SCOPEVET_PKG=${SCOPEVET_PKG:-./cmd/scopevet}
# Both tools fill the user's cache once (their vet results are keyed on the tool),
# then every timed run finds everything there.
WARM_GOCACHE=${WARM_GOCACHE:-$(go env GOCACHE)}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/scopevet-warm-work.XXXXXX")
trap 'chmod -R u+w "$WORK" 2>/dev/null; rm -rf "$WORK"' EXIT
mkdir -p "$WORK/bin"
# shellcheck source=bench/lib.sh disable=SC2153 # lib.sh sets WALL, CPU, RUNS
source "$REPO/bench/lib.sh"

(cd "$REPO" && go build -o "$WORK/bin/tally" ./bench/tally)
build_tool noop ./bench/noop
build_tool scopevet "$SCOPEVET_PKG"
describe_build
echo
echo "| target | pkgs | noop warm cpu s (median of $REPS) | scopevet warm cpu s | cpu × | noop wall s | scopevet wall s | wall × | vettool runs |"
echo "|---|---|---|---|---|---|---|---|---|"

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf (b > 0 ? "%.2f" : "-"), a/b}'; }

while read -r SPEC PATTERN <&3; do
	[[ -z $SPEC || $SPEC == \#* ]] && continue
	prepare_target "$SPEC" "$PATTERN" || { echo "cannot prepare $SPEC $PATTERN" >&2 && exit 1; }
	pkgs=$(cd "$DIR" && go list -e "$PATTERN" | wc -l)
	for t in noop scopevet; do vet "$t" "$WARM_GOCACHE" "$WORK/$NAME.$t.fill"; done
	declare -A cpu=() wall=()
	runs=0
	for ((i = 1; i <= REPS; i++)); do
		for t in noop scopevet; do
			vet "$t" "$WARM_GOCACHE" "$WORK/$NAME.$t.warm$i"
			cpu[$t]+=" $CPU" wall[$t]+=" $WALL" runs=$((runs + RUNS))
		done
	done
	# shellcheck disable=SC2086 # lists of numbers
	nc=$(median ${cpu[noop]}) sc=$(median ${cpu[scopevet]}) nw=$(median ${wall[noop]}) sw=$(median ${wall[scopevet]})
	echo "| $NAME | $pkgs | $nc | $sc | $(ratio "$sc" "$nc") | $nw | $sw | $(ratio "$sw" "$nw") | $runs |"
	unset cpu wall
done 3<"$TARGETS"
