#!/usr/bin/env bash
# Cost benchmark: go vet -vettool=scopevet against no-op vettools on real code.
# See bench/README.md. Env: TARGETS, REPS, BENCH_OUT, SCOPEVET_PKG, BUILD_FLAGS.
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
TARGETS=${TARGETS:-$REPO/bench/targets.txt}
REPS=${REPS:-1}
SCOPEVET_PKG=${SCOPEVET_PKG:-./cmd/scopevet} # override to test the script before cmd/scopevet exists
BENCH_OUT=${BENCH_OUT:-$(mktemp -d "${TMPDIR:-/tmp}/scopevet-bench.XXXXXX")}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/scopevet-bench-work.XXXXXX")
trap 'chmod -R u+w "$WORK" 2>/dev/null; rm -rf "$WORK"' EXIT # cold caches are large
mkdir -p "$BENCH_OUT" "$WORK/bin"
BENCH_OUT=$(cd "$BENCH_OUT" && pwd)

TOOLS=(noopnofacts noop scopevet)
declare -A PKG=([noopnofacts]=./bench/noopnofacts [noop]=./bench/noop [scopevet]=$SCOPEVET_PKG)
for t in "${TOOLS[@]}"; do
	# shellcheck disable=SC2086 # BUILD_FLAGS is a list of flags
	(cd "$REPO" && go build ${BUILD_FLAGS:-} -o "$WORK/bin/$t" "${PKG[$t]}")
	# go vet starts the vettool once per package (args end in vet.cfg); the wrapper
	# appends each such run's peak RSS (KiB) to $RSS_FILE: we want the biggest, and
	# the count. go vet keys its cache of vet results on the tool's -V=full output,
	# so appending $VET_NONCE to it makes go vet redo every package ("revet").
	cat >"$WORK/bin/$t.rss" <<-WRAP
		#!/bin/sh
		tool="$WORK/bin/$t"
		case "\$*" in
		-V=full) out=\$("\$tool" -V=full) && echo "\$out\$VET_NONCE" ;;
		*.cfg) exec /usr/bin/time -f %M -a -o "\$RSS_FILE" "\$tool" "\$@" ;;
		*) exec "\$tool" "\$@" ;;
		esac
	WRAP
	chmod +x "$WORK/bin/$t.rss"
done

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf (b > 0 ? "%.2f" : "-"), a/b}'; }

# vet <tool> <gocache> <logprefix> [nonce]: runs go vet in $DIR; sets WALL and CPU
# (seconds), RUNS (vettool package runs); appends those runs' RSS to $WORK/rss.<tool>.
vet() {
	local rc=0
	: >"$3.rss"
	GOCACHE=$2 RSS_FILE=$3.rss VET_NONCE=${4:-} /usr/bin/time -f '%e %U %S' -o "$3.time" \
		go vet -vettool="$WORK/bin/$1.rss" "$PATTERN" >"$3.stdout" 2>"$3.stderr" || rc=$?
	# Exit 1 just means findings (or type errors) were reported; anything else, or a
	# crash inside a vettool (which go vet also turns into exit 1), fails the bench.
	if ((rc > 1)) || grep -qE '^panic: |internal error' "$3.stderr"; then
		echo "go vet with $1 failed (exit $rc), see $3.stderr:" >&2
		head -20 "$3.stderr" >&2
		exit 1
	fi
	read -r WALL user sys < <(tail -1 "$3.time") # after "Command exited with non-zero status 1"
	CPU=$(awk -v u="$user" -v s="$sys" 'BEGIN {print u+s}')
	grep -E '^[0-9]+$' "$3.rss" >>"$WORK/rss.$1" || true # skip "Command exited with..." lines
	RUNS=$(grep -cE '^[0-9]+$' "$3.rss" || true)
}

TABLE="| target | pkgs | Go lines | tool | cold wall s | cold cpu s | revet wall s | revet cpu s | warm wall s | warm cpu s | runs c/r/w | peak RSS MiB |
|---|---|---|---|---|---|---|---|---|---|---|---|"
RATIOS="| target | scopevet/noop: cold wall | cold cpu | revet wall | revet cpu | warm wall | warm cpu |
|---|---|---|---|---|---|---|"

while read -r SPEC PATTERN <&3; do
	[[ -z $SPEC || $SPEC == \#* ]] && continue
	if [[ $SPEC == dir:* ]]; then
		DIR=${SPEC#dir:}
		NAME=$(basename "$DIR")
	else
		NAME=$(tr '/@' '__' <<<"$SPEC")
		DIR=$WORK/mod-$NAME
		mkdir -p "$DIR"
		# A throwaway module that requires the target, so its packages build
		# from the module cache exactly as a user's dependency would.
		(cd "$DIR" && go mod init benchtarget 2>/dev/null && go get "$SPEC")
	fi
	cd "$DIR"
	# Fill go.sum and the module cache up front (tests included, as vet checks them)
	# so no timed run pays for downloads.
	GOFLAGS="${GOFLAGS:-} -mod=mod" go list -deps -test "$PATTERN" >/dev/null
	PKGS=$(go list "$PATTERN" | wc -l)
	LINES=$(go list -f '{{range $f := .GoFiles}}{{$.Dir}}/{{$f}}{{"\n"}}{{end}}{{range $f := .CgoFiles}}{{$.Dir}}/{{$f}}{{"\n"}}{{end}}{{range $f := .TestGoFiles}}{{$.Dir}}/{{$f}}{{"\n"}}{{end}}{{range $f := .XTestGoFiles}}{{$.Dir}}/{{$f}}{{"\n"}}{{end}}' "$PATTERN" |
		grep . | tr '\n' '\0' | xargs -0 cat | wc -l)
	echo "== $NAME: $PKGS packages, $LINES lines of Go (tests included), in $DIR" >&2

	declare -A R=()
	for t in "${TOOLS[@]}"; do
		log=$BENCH_OUT/$NAME.$t
		: >"$WORK/rss.$t"
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
		R[$t.rss]=$(sort -n "$WORK/rss.$t" | tail -1 | awk '{printf "%.0f", $1/1024}')
		chmod -R u+w "$cache" && rm -rf "$cache"
		row="${R[$t.cw]} | ${R[$t.cc]} | ${R[$t.rw]} | ${R[$t.rc]} | ${R[$t.ww]} | ${R[$t.wc]} | ${R[$t.cr]}/${R[$t.rr]}/${R[$t.wr]} | ${R[$t.rss]}"
		echo "   $t: $row" >&2
		TABLE+=$'\n'"| $NAME | $PKGS | $LINES | $t | $row |"
	done
	RATIOS+=$'\n'"| $NAME"
	for k in cw cc rw rc ww wc; do RATIOS+=" | $(ratio "${R[scopevet.$k]}" "${R[noop.$k]}")"; done
	RATIOS+=" |"

	# The standalone driver (go/packages, no go vet) once, for its findings.
	rc=0
	/usr/bin/time -f '%e %U %S %M' -o "$WORK/standalone.time" \
		"$WORK/bin/scopevet" -json "$PATTERN" >"$BENCH_OUT/$NAME.findings.json" 2>"$BENCH_OUT/$NAME.standalone.stderr" || rc=$?
	if ((rc > 1)) || grep -qE '^panic: |internal error' "$BENCH_OUT/$NAME.standalone.stderr"; then
		echo "scopevet -json failed (exit $rc), see $BENCH_OUT/$NAME.standalone.stderr" >&2
		exit 1
	fi
	read -r wall user sys kib < <(tail -1 "$WORK/standalone.time")
	echo "   standalone scopevet -json: ${wall}s wall, $(awk -v u="$user" -v s="$sys" 'BEGIN {print u+s}')s cpu, $((kib / 1024)) MiB; findings per analyzer:" >&2
	# Shape: {"pkgpath": {"analyzer": [diagnostic...] or {"error": "..."}}}; a package
	# and its test variant are separate keys, so a finding can appear twice.
	jq -r '([.[] | to_entries[]] | group_by(.key)[]
		| "     \(.[0].key): \([.[].value | arrays | .[] | {posn, message}] | unique | length) unique findings"
		+ " (\([.[].value | arrays | length] | add // 0) with test variants), \([.[].value | objects] | length) errors")
		// "     (no findings)"' \
		"$BENCH_OUT/$NAME.findings.json" >&2
	cd "$REPO"
done 3<"$TARGETS" # fd 3, so nothing in the loop can eat the list from stdin

printf '%s\n\n%s\n' "$TABLE" "$RATIOS" | tee "$BENCH_OUT/results.md"
echo "logs and findings in $BENCH_OUT" >&2
