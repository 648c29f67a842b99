package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
)

// langVersion returns the release of a Go version: go1.25.5 and go1.25
// give 1, 25. ok is false for devel builds and other shapes.
func langVersion(v string) (major, minor int, ok bool) {
	v, found := strings.CutPrefix(v, "go")
	if !found {
		return 0, 0, false
	}
	parts := strings.SplitN(v, ".", 3)
	if len(parts) < 2 {
		return 0, 0, false
	}
	minorStr := parts[1]
	if i := strings.IndexFunc(minorStr, func(r rune) bool { return r < '0' || r > '9' }); i >= 0 {
		minorStr = minorStr[:i] // go1.26rc1
	}
	major, err1 := strconv.Atoi(parts[0])
	minor, err2 := strconv.Atoi(minorStr)
	return major, minor, err1 == nil && err2 == nil
}

// newerRelease reports whether Go version a is of a later release than b
// (go1.26.0 is newer than go1.25.9; go1.25.9 is not newer than go1.25.1).
func newerRelease(a, b string) bool {
	amaj, amin, ok1 := langVersion(a)
	bmaj, bmin, ok2 := langVersion(b)
	if !ok1 || !ok2 {
		return false
	}
	return amaj > bmaj || amaj == bmaj && amin > bmin
}

// tooOld is the one line that says a binary built by an older Go cannot
// read the packages of a newer one (go/types refuses them file by file).
func tooOld(built, want string) string {
	major, minor, _ := langVersion(want)
	return fmt.Sprintf("scopevet: built with %s, which cannot analyze %s code: rebuild scopevet with go%d.%d or newer (go install ./cmd/scopevet from a clone)",
		built, want, major, minor)
}

// checkVetConfig runs before the vet tool analyzes a package for go vet:
// when the package needs a newer Go than built this binary, it fails with
// one line that says so. go/types would print its own complaint for every
// package instead, some 45 lines for a hello world. go vet runs every tool
// of one run in one temporary directory (b001/vet.cfg, b002/vet.cfg...):
// the first package to fail leaves a marker there, and the packages after
// it stay silent, the run having failed already.
func checkVetConfig(cfgPath string, cfg vetConfig) bool {
	if !cfg.read {
		return true // unitchecker reports it
	}
	marker := filepath.Join(filepath.Dir(filepath.Dir(cfgPath)), "scopevet-too-old")
	if _, err := os.Stat(marker); err == nil {
		quiet(cfg.VetxOutput)
	}
	want := cfg.GoVersion
	if root, ok := strings.CutSuffix(filepath.ToSlash(cfg.Dir), "/src/"+cfg.ImportPath); ok && want == "" {
		// A standard package: its Go release is the toolchain's.
		if v, err := os.ReadFile(filepath.Join(root, "VERSION")); err == nil {
			want, _, _ = strings.Cut(string(v), "\n")
		}
	}
	if !newerRelease(want, runtime.Version()) {
		return true
	}
	f, err := os.OpenFile(marker, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if err != nil {
		quiet(cfg.VetxOutput) // another package said it first
	}
	f.Close()
	fmt.Fprintln(os.Stderr, tooOld(runtime.Version(), want))
	return false
}

// quiet ends a vet tool run whose go vet run has failed already: no facts,
// no findings.
func quiet(vetx string) {
	if vetx != "" {
		_ = os.WriteFile(vetx, nil, 0o666)
	}
	os.Exit(0)
}
