// Command golangci-lint-scopevet is golangci-lint with the scopevet checks
// built in as module plugins: what `golangci-lint custom` builds, made from
// the Go module proxy alone (see docs/golangci-lint.md). It follows
// golangci-lint v2.15.0's cmd/golangci-lint/main.go, except for the
// version it reports; see buildInfo.
package main

import (
	"fmt"
	"os"
	"runtime/debug"

	"github.com/golangci/golangci-lint/v2/pkg/commands"
	"github.com/golangci/golangci-lint/v2/pkg/exitcodes"

	_ "github.com/scopevet/scopevet/cmd/gclplugin" // registers one linter per scopevet check
)

func main() {
	if err := commands.Execute(buildInfo()); err != nil {
		_, _ = fmt.Fprintf(os.Stderr, "The command is terminated due to an error: %v\n", err)
		os.Exit(exitcodes.Failure)
	}
}

// buildInfo reports the golangci-lint and scopevet versions built in. The
// version stays "(devel)" because golangci-lint then salts its results
// cache with a hash of this binary: this module's own version would not
// change when the scopevet code it replaces with ../.. does, and stale
// cached results would hide new findings.
func buildInfo() commands.BuildInfo {
	info := commands.BuildInfo{Version: "(devel)", GoVersion: "unknown", Commit: "?", Date: "(unknown)"}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return info
	}
	info.GoVersion = bi.GoVersion
	info.Commit = fmt.Sprintf("golangci-lint %s, scopevet %s",
		depVersion(bi, "github.com/golangci/golangci-lint/v2"),
		depVersion(bi, "github.com/scopevet/scopevet"))
	return info
}

// depVersion returns the version of module path built in, or the
// directory that replaces it.
func depVersion(bi *debug.BuildInfo, path string) string {
	for _, d := range bi.Deps {
		if d.Path != path {
			continue
		}
		if r := d.Replace; r != nil {
			if r.Version == "" || r.Version == "(devel)" {
				return r.Path // a local directory
			}
			return r.Version
		}
		return d.Version
	}
	return "?"
}
