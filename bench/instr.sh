#!/usr/bin/env bash
# Instruction counts (valgrind's callgrind) of scopevet against the no-op vettool
# on the vettool runs go vet makes for a target, every package analyzed again with
# compiled dependencies cached ("revet"). See bench/README.md.
#
#   bench/instr.sh <module>@<version> <pattern>   # or dir:/abs/path, std, cmd
#
# Env: K (count every K-th run, by sorted package ID; default 1, every run),
# TOOLS (default "noop scopevet"; scopevet@REV builds cmd/scopevet at git
# revision REV of this checkout, for a before/after in one run), INSTR_OUT (logs
# and callgrind profiles; default: a new temp dir), JOBS (tools replayed at once;
# default: nproc), RUN_ENV (the environment of every replayed run; default
# "GOMAXPROCS=1 GODEBUG=asyncpreemptoff=1,gcstoptheworld=1", see bench/README.md).
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
(($# == 2)) || { echo "usage: $0 <module>@<version>|dir:/abs/path|std|cmd <pattern>" >&2 && exit 2; }
SPEC=$1 PATTERN=$2
K=${K:-1}
read -r -a TOOLS <<<"${TOOLS:-noop scopevet}"
JOBS=${JOBS:-$(nproc)}
# callgrind asserts on the signals Go's asynchronous preemption sends; with one P
# and a stop-the-world collector the counts of one run repeat within about 0.5 %.
read -r -a RUN_ENV <<<"${RUN_ENV:-GOMAXPROCS=1 GODEBUG=asyncpreemptoff=1,gcstoptheworld=1}"
INSTR_OUT=${INSTR_OUT:-$(mktemp -d "${TMPDIR:-/tmp}/scopevet-instr.XXXXXX")}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/scopevet-instr-work.XXXXXX")
GOWORK_DIR= # go vet -work's build dir, kept until the replays are done
cleanup() {
	[[ -n $GOWORK_DIR ]] && chmod -R u+w "$GOWORK_DIR" 2>/dev/null && rm -rf "$GOWORK_DIR"
	chmod -R u+w "$WORK" 2>/dev/null
	rm -rf "$WORK"
}
trap cleanup EXIT
mkdir -p "$INSTR_OUT" "$WORK/bin"
INSTR_OUT=$(cd "$INSTR_OUT" && pwd)
command -v valgrind >/dev/null || { echo "needs valgrind (apt-get install valgrind)" >&2 && exit 1; }
command -v jq >/dev/null || { echo "needs jq" >&2 && exit 1; }
# shellcheck source=bench/lib.sh
source "$REPO/bench/lib.sh"

# The tools: noop and scopevet from this checkout as it is; scopevet@REV from
# git archive REV (committed files only), built with the same module cache.
for t in "${TOOLS[@]}"; do
	case $t in
	noop) (cd "$REPO" && go build -o "$WORK/bin/$t" ./bench/noop) ;;
	scopevet) (cd "$REPO" && go build -o "$WORK/bin/$t" ./cmd/scopevet) ;;
	scopevet@*)
		src=$WORK/src-${t#scopevet@}
		mkdir -p "$src"
		git -C "$REPO" archive "${t#scopevet@}" | tar -x -C "$src"
		(cd "$src" && go build -o "$WORK/bin/$t" ./cmd/scopevet)
		;;
	*) echo "unknown tool $t (noop, scopevet, scopevet@REV)" >&2 && exit 2 ;;
	esac
done
[[ -x $WORK/bin/noop ]] || (cd "$REPO" && go build -o "$WORK/bin/noop" ./bench/noop) # for the capture
BUILT=$(describe_build)

prepare_target "$SPEC" "$PATTERN" || { echo "cannot prepare $SPEC $PATTERN" >&2 && exit 1; }

# Capture: go vet with the no-op tool and a new vet ID, so that every package is
# analyzed again (compiled dependencies come from the cache; a first go vet fills
# it). The wrapper logs each run's flags and vet.cfg in the order go vet starts
# them, which is a dependency order: go vet starts a package's vet only after its
# dependencies' vets are done, their facts written. -work keeps go vet's build
# dir, with every vet.cfg and what they name there (the facts, cgo's files).
cat >"$WORK/bin/capture" <<-WRAP
	#!/bin/sh
	case "\$*" in
	-V=full) out=\$("$WORK/bin/noop" -V=full) && echo "\$out-instr\$VET_NONCE" ;;
	*.cfg)
		for cfg; do :; done
		echo "\$*" >>"$WORK/runs"
		exec "$WORK/bin/noop" "\$@" ;;
	*) exec "$WORK/bin/noop" "\$@" ;;
	esac
WRAP
chmod +x "$WORK/bin/capture"
echo "== $NAME: filling the build cache, then capturing go vet's vettool runs" >&2
(cd "$DIR" && VET_NONCE=fill go vet -vettool="$WORK/bin/capture" "$PATTERN" >/dev/null 2>&1) || true
: >"$WORK/runs"
rc=0
(cd "$DIR" && VET_NONCE=$(date +%s%N) go vet -work -vettool="$WORK/bin/capture" "$PATTERN" >/dev/null 2>"$WORK/capture.stderr") || rc=$?
GOWORK_DIR=$(sed -n 's/^WORK=//p' "$WORK/capture.stderr" | head -1)
if ((rc > 1)) || [[ -z $GOWORK_DIR ]] || crashed "$WORK/capture.stderr"; then
	echo "go vet failed (exit $rc), see:" >&2 && head -20 "$WORK/capture.stderr" >&2 && exit 1
fi

# The sample: every K-th run by sorted key (package ID, then a hash of its files
# and its dependencies' export data, which tells test variants apart), so that
# dependency-only (VetxOnly) and target runs come in their real proportion.
while read -r args; do
	cfg=${args##* }
	key=$(jq -r '.ID + " " + ([.GoFiles[], (.PackageFile // {} | to_entries | sort_by(.key)[] | .value)] | join(","))' "$cfg")
	printf '%s %s\t%s\n' "${key%% *}" "$(sha256sum <<<"$key" | cut -c1-16)" "$cfg"
done <"$WORK/runs" | LC_ALL=C sort | awk -F'\t' -v k="$K" '(NR - 1) % k == 0 {print $2}' >"$WORK/sample"
echo "   $(wc -l <"$WORK/runs") vettool runs, $(wc -l <"$WORK/sample") counted (K=$K)" >&2

# replay TOOL: every captured run in capture order, each with this tool's own
# facts from its dependencies (PackageVetx pointed at this tool's outputs); the
# sampled ones under callgrind. Writes $INSTR_OUT/TOOL.runs: Ir, VetxOnly, ID.
replay() {
	local t=$1 out=$INSTR_OUT/$1 args cfg b flags ir
	mkdir -p "$out"
	: >"$out.runs"
	while read -r args; do
		cfg=${args##* } flags=${args% *}
		[[ $flags == "$cfg" ]] && flags=
		b=$(basename "$(dirname "$cfg")")
		mkdir -p "$out/$b"
		jq --arg w "$GOWORK_DIR/" --arg o "$out/" \
			'.VetxOutput = ($o + (.VetxOutput | ltrimstr($w))) | .Stdout = ($o + (.Stdout // "'"$b"'/vet.stdout" | ltrimstr($w))) |
			 .PackageVetx = ((.PackageVetx // {}) | map_values(if startswith($w) then $o + ltrimstr($w) else . end))' \
			"$cfg" >"$out/$b/vet.cfg"
		if grep -qxF "$cfg" "$WORK/sample"; then
			# shellcheck disable=SC2086 # flags is a list
			env "${RUN_ENV[@]}" valgrind --tool=callgrind --callgrind-out-file="$out/$b/callgrind.out" \
				"$WORK/bin/$t" $flags "$out/$b/vet.cfg" >/dev/null 2>"$out/$b/stderr" || true
			ir=$(sed -n 's/^summary: *//p; s/^totals: *//p' "$out/$b/callgrind.out" 2>/dev/null | head -1)
			[[ -n $ir ]] || echo "$t: callgrind failed on $cfg, see $out/$b/stderr" >&2
			printf '%s\t%s\t%s\t%s\n' "${ir:-0}" "$(jq -r .VetxOnly "$cfg")" "$b" "$(jq -r .ID "$cfg")" >>"$out.runs"
		else
			# shellcheck disable=SC2086
			"$WORK/bin/$t" $flags "$out/$b/vet.cfg" >/dev/null 2>"$out/$b/stderr" || true
		fi
		if crashed "$out/$b/stderr" || [[ ! -f $out/$b/vet.out ]]; then echo "$t failed on $cfg, see $out/$b/stderr" >&2; fi
	done <"$WORK/runs"
}

echo "== replaying under callgrind: ${TOOLS[*]}" >&2
running=0
for t in "${TOOLS[@]}"; do
	replay "$t" &
	running=$((running + 1))
	if ((running >= JOBS)); then wait -n && running=$((running - 1)); fi
done
wait

# Totals per tool and the ratios to noop (or to the first tool), over the sample.
base=${TOOLS[0]}
for t in "${TOOLS[@]}"; do [[ $t == noop ]] && base=noop; done
sum() { awk -F'\t' -v v="$2" '$2 == v || v == "" {s += $1} END {printf "%.0f", s}' "$INSTR_OUT/$1.runs"; }
{
	echo "$BUILT"
	echo "target $NAME ($SPEC $PATTERN): $(wc -l <"$WORK/runs") vettool runs, $(wc -l <"$WORK/sample") counted (every ${K}th by sorted ID)"
	echo
	echo "| tool | Ir, all counted runs | Ir, VetxOnly runs | Ir, target runs | × $base (all) | × $base (VetxOnly) | × $base (target) |"
	echo "|---|---|---|---|---|---|---|"
	for t in "${TOOLS[@]}"; do
		a=$(sum "$t" "") d=$(sum "$t" true) g=$(sum "$t" false)
		ba=$(sum "$base" "") bd=$(sum "$base" true) bg=$(sum "$base" false)
		awk -v t="$t" -v a="$a" -v d="$d" -v g="$g" -v ba="$ba" -v bd="$bd" -v bg="$bg" \
			'function r(x, y) {return y > 0 ? sprintf("%.3f", x / y) : "-"} BEGIN {printf "| %s | %.0f | %.0f | %.0f | %s | %s | %s |\n", t, a, d, g, r(a, ba), r(d, bd), r(g, bg)}'
	done
} | tee "$INSTR_OUT/results.md"

# Two scopevet builds: are their facts (every run's vetx) and findings the same?
sv=()
for t in "${TOOLS[@]}"; do [[ $t == scopevet* ]] && sv+=("$t"); done
if ((${#sv[@]} >= 2)); then
	for t in "${sv[@]:1}"; do
		nf=0 ns=0
		while read -r args; do
			b=$(basename "$(dirname "${args##* }")")
			cmp -s "$INSTR_OUT/${sv[0]}/$b/vet.out" "$INSTR_OUT/$t/$b/vet.out" || nf=$((nf + 1))
			cmp -s "$INSTR_OUT/${sv[0]}/$b/vet.stdout" "$INSTR_OUT/$t/$b/vet.stdout" || ns=$((ns + 1))
		done <"$WORK/runs"
		echo "${sv[0]} against $t: facts differ in $nf runs, findings (vettool stdout) in $ns" | tee -a "$INSTR_OUT/results.md"
	done
fi
echo "per-run counts (*.runs) and callgrind profiles (<tool>/b*/callgrind.out) in $INSTR_OUT" >&2
