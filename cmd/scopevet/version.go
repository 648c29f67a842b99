package main

import (
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"
)

// version describes this binary from its build information: the module
// version ("(devel)" when built from a clone without VCS stamping), the
// VCS revision and the Go release that built it.
func version(info *debug.BuildInfo, ok bool) string {
	if !ok {
		return "scopevet version unknown (no build information)"
	}
	v := info.Main.Version
	if v == "" {
		v = "(devel)"
	}
	s := "scopevet version " + v
	settings := map[string]string{}
	for _, kv := range info.Settings {
		settings[kv.Key] = kv.Value
	}
	if rev := settings["vcs.revision"]; rev != "" {
		s += " " + settings["vcs"] + " " + rev
		if t := settings["vcs.time"]; t != "" {
			s += " " + t
		}
		if settings["vcs.modified"] == "true" {
			s += " (modified)"
		}
	}
	return s + " " + info.GoVersion
}

// vetID is what -V=full prints: go vet keys its cache on this line, so it
// names the version and ends in a hash of the executable, which changes
// whenever the binary does. cmd/go reads "NAME version X ... buildID=ID";
// X must not be "devel" unless the line ends in buildID=.
func vetID(exe, ver string) (string, error) {
	f, err := os.Open(exe)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	fields := strings.Fields(ver) // "scopevet version V ..."
	v := "(devel)"
	if len(fields) > 2 {
		v = fields[2]
	}
	return fmt.Sprintf("scopevet version %s buildID=%x", v, h.Sum(nil)), nil
}

// printVetID answers go vet's -V=full.
func printVetID() int {
	exe, err := os.Executable()
	if err == nil {
		var id string
		if id, err = vetID(exe, version(debug.ReadBuildInfo())); err == nil {
			fmt.Println(id)
			return 0
		}
	}
	fmt.Fprintf(os.Stderr, "scopevet: -V=full: %v\n", err)
	return 2
}
