# shellcheck shell=bash disable=SC2034,SC2153 # globals are set for, and by, the caller
# Shared by bench/run.sh and bench/crash.sh (sourced, not run). The caller sets
# REPO (the scopevet checkout) and WORK (a scratch dir it deletes), and runs with
# set -euo pipefail. Needs go, GNU time (/usr/bin/time) and jq.

GOROOT_SRC=$(go env GOROOT)/src

# build_tool NAME PKG: builds $WORK/bin/NAME from PKG (relative to $REPO), and
# $WORK/bin/NAME.rss, the wrapper that go vet runs as its vettool. go vet starts
# the vettool once per package (args end in vet.cfg); the wrapper (tally time, as
# GNU time but to the microsecond; needs $WORK/bin/tally) appends one line per
# such run to $RSS_FILE: ID, variant (go vet analyzes a package again for each test
# that recompiles it, under the same ID), VetxOnly (a dependency analyzed only for
# facts), wall, user and system seconds, peak RSS in KiB, tab-separated. go vet
# keys its cache of vet results on the tool's -V=full output, so appending
# $VET_NONCE to it makes go vet analyze every package again ("revet").
build_tool() {
	# shellcheck disable=SC2086 # BUILD_FLAGS is a list of flags
	(cd "$REPO" && go build ${BUILD_FLAGS:-} -o "$WORK/bin/$1" "$2")
	cat >"$WORK/bin/$1.rss" <<-WRAP
		#!/bin/sh
		tool="$WORK/bin/$1"
		case "\$*" in
		-V=full) out=\$("\$tool" -V=full) && echo "\$out\$VET_NONCE" ;;
		*.cfg)
			for cfg; do :; done
			exec "$WORK/bin/tally" time -o "\$RSS_FILE" -vetcfg "\$cfg" -- "\$tool" "\$@" ;;
		*) exec "\$tool" "\$@" ;;
		esac
	WRAP
	chmod +x "$WORK/bin/$1.rss"
}

# prepare_target SPEC PATTERN: sets NAME and DIR (where to run), fills go.sum and
# the module cache so that no timed run downloads, and writes $WORK/$NAME.modules
# (module path <TAB> root dir, for file paths relative to module roots). SPEC is
# <module>@<version> (a throwaway module requires it, so its packages build from
# the module cache exactly as a user's dependency would), dir:/abs/path (run in
# place, as it is; a package of it that does not load, say an embed of files a
# build step makes, is left to the tools to report), or std / cmd (the Go
# distribution's own). Returns 1 if the target cannot be prepared.
prepare_target() {
	local spec=$1 pattern=$2
	case $spec in
	std | cmd)
		NAME=$spec
		DIR=$GOROOT_SRC
		[[ $spec == cmd ]] && DIR=$GOROOT_SRC/cmd
		go list -deps -test "$pattern" >/dev/null || return 1
		;;
	dir:*)
		DIR=${spec#dir:}
		NAME=$(basename "$DIR")
		(cd "$DIR" && go list -e -deps -test "$pattern" >/dev/null) || return 1
		;;
	*)
		NAME=$(tr '/@' '__' <<<"$spec")
		DIR=$WORK/mod-$NAME
		if [[ ! -f $DIR/go.mod ]]; then
			mkdir -p "$DIR"
			(cd "$DIR" && go mod init benchtarget 2>/dev/null && go get "$spec") || return 1
		fi
		# -mod=mod adds what the tests import to the throwaway go.mod.
		(cd "$DIR" && GOFLAGS="${GOFLAGS:-} -mod=mod" go list -deps -test "$pattern" >/dev/null) || return 1
		;;
	esac
	{
		printf 'std\t%s\ncmd\t%s\n' "$GOROOT_SRC" "$GOROOT_SRC/cmd"
		(cd "$DIR" && go list -e -f '{{with .Module}}{{.Path}}{{"\t"}}{{.Dir}}{{end}}' "$pattern" | sort -u)
	} >"$WORK/$NAME.modules"
}

# count_target PATTERN: in $DIR, sets PKGS (packages the pattern matches) and
# LINES (lines of their .go files, tests included: vet checks tests too).
count_target() {
	PKGS=$(cd "$DIR" && go list -e "$1" | wc -l)
	# shellcheck disable=SC2016 # a go list template, not shell
	LINES=$(cd "$DIR" && go list -e -f '{{range $f := .GoFiles}}{{$.Dir}}/{{$f}}{{"\n"}}{{end}}{{range $f := .CgoFiles}}{{$.Dir}}/{{$f}}{{"\n"}}{{end}}{{range $f := .TestGoFiles}}{{$.Dir}}/{{$f}}{{"\n"}}{{end}}{{range $f := .XTestGoFiles}}{{$.Dir}}/{{$f}}{{"\n"}}{{end}}' "$1" |
		grep . | tr '\n' '\0' | xargs -0 cat | wc -l)
}

# SKIPPED_RE matches the errors (in tally errors lines) of actions the driver
# skipped because the package, or one it imports, does not load or type-check:
# the target's problem, not scopevet's. Only with RunDespiteErrors would they run.
SKIPPED_RE='analysis skipped due to errors in package$|failed prerequisites: '

# crashed FILE: reports whether a log shows a crash: a Go panic, or an analyzer
# error from guard ("<analyzer>: internal error analyzing <pkg>: ...").
crashed() { grep -qE '^panic: |^fatal error: |internal error' "$1"; }

# vet TOOL GOCACHE LOGPREFIX [NONCE]: runs go vet -vettool in $DIR on $PATTERN
# ($VETFLAGS first); sets WALL and CPU (seconds, go vet and all its children) and
# RUNS (vettool runs); per-run lines go to LOGPREFIX.procs. Fails on a crash.
vet() {
	local rc=0
	: >"$3.procs"
	# shellcheck disable=SC2086 # VETFLAGS is a list of flags
	(cd "$DIR" && GOCACHE=$2 RSS_FILE=$3.procs VET_NONCE=${4:-} /usr/bin/time -f '%e %U %S' -o "$3.time" \
		go vet ${VETFLAGS:-} -vettool="$WORK/bin/$1.rss" "$PATTERN" >"$3.stdout" 2>"$3.stderr") || rc=$?
	# Exit 1 just means findings (or type errors) were reported; anything else, or a
	# crash inside a vettool (which go vet also turns into exit 1), is a failure.
	if ((rc > 1)) || crashed "$3.stderr"; then
		echo "go vet with $1 failed (exit $rc), see $3.stderr:" >&2
		head -20 "$3.stderr" >&2
		return 1
	fi
	local user sys
	read -r WALL user sys < <(tail -1 "$3.time") # after "Command exited with non-zero status 1"
	CPU=$(awk -v u="$user" -v s="$sys" 'BEGIN {print u+s}')
	RUNS=$(awk -F'\t' 'NF == 7' "$3.procs" | wc -l)
}

# peak_rss_mib FILE...: the largest RSS of any vettool run in these logs, in MiB.
peak_rss_mib() { cat "$@" | awk -F'\t' 'NF == 7 && $7 > m {m = $7} END {printf "%.0f", m / 1024}'; }

# standalone OUT [FLAGS...]: runs the standalone driver, scopevet -json FLAGS
# $PATTERN, in $DIR. scopevet hands the packages to go vet (with the user's
# GOCACHE), unless FLAGS has a profiling flag such as -debug=t: then it loads
# them all from source and analyzes them in one process. It runs as a copy with
# bytes appended (the loader ignores them), so that its vet tool ID is new and go
# vet analyzes every package again, its compiled dependencies cached: what a
# user pays after a change to scopevet or to the code. Writes OUT.raw.json (as
# printed), OUT.stderr, OUT.findings.json (sorted, unique, files relative to
# module roots) and OUT.errors (one line per failed action, dependencies
# included); sets S_WALL, S_CPU, S_RSS (MiB: the largest process, go vet's
# children included), S_RC (0 clean, 1 findings, 2 some package not analyzed)
# and S_CRASH (0 or 1).
standalone() {
	local out=$1 user sys kib tool=$WORK/bin/scopevet.standalone
	shift
	S_RC=0
	cp "$WORK/bin/scopevet" "$tool" && date +%s%N >>"$tool"
	(cd "$DIR" && /usr/bin/time -f '%e %U %S %M' -o "$out.time" \
		"$tool" -json "$@" "$PATTERN" >"$out.raw.json" 2>"$out.stderr") || S_RC=$?
	read -r S_WALL user sys kib < <(tail -1 "$out.time")
	S_CPU=$(awk -v u="$user" -v s="$sys" 'BEGIN {print u+s}')
	S_RSS=$((kib / 1024))
	S_CRASH=0
	# Exit 2: some package could not be analyzed (the errors are counted
	# below); with no finding at all, scopevet prints no report then.
	if ((S_RC > 2)) || crashed "$out.stderr"; then S_CRASH=1; fi
	if ((S_RC == 2)) && ! [[ -s $out.raw.json ]]; then echo '{}' >"$out.raw.json"; fi
	if ! "$WORK/bin/tally" findings -modules "$WORK/$NAME.modules" "$out.raw.json" >"$out.findings.json" ||
		! "$WORK/bin/tally" errors "$out.raw.json" >"$out.errors"; then
		S_CRASH=1 # unreadable JSON: the driver died mid-output
		: >"$out.findings.json"
	fi
}

# describe_build: one line naming what was measured: the commit, a hash of the
# Go sources as they are (the tree may have uncommitted changes), Go, the date.
describe_build() {
	local commit sum
	commit=$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown)
	sum=$(cd "$REPO" && find . -name '*.go' -not -path '*/testdata/*' | LC_ALL=C sort | xargs sha256sum | sha256sum | cut -c1-12)
	echo "scopevet at $commit, Go sources sha256 $sum; $(go version); $(date -u +%FT%TZ); $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
}
