package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestSplitPosn(t *testing.T) {
	for _, tc := range []struct {
		posn      string
		file      string
		line, col int
	}{
		{"/a/b.go:12:3", "/a/b.go", 12, 3},
		{"C:/a/b.go:1:2", "C:/a/b.go", 1, 2},
		{"/a/b.go:7", "/a/b.go", 7, 0},
		{"/a/b.go", "/a/b.go", 0, 0},
	} {
		file, line, col := splitPosn(tc.posn)
		require.Equal(t, tc.file, file, tc.posn)
		require.Equal(t, tc.line, line, tc.posn)
		require.Equal(t, tc.col, col, tc.posn)
	}
}

// TestFindingsSortedAndUnique checks what diffing across versions relies
// on: files relative to the innermost module root, one entry for a
// finding that a package and its test variant both report, and a fixed
// order whatever the order of the raw JSON.
func TestFindingsSortedAndUnique(t *testing.T) {
	dir := t.TempDir()
	raw := `{
	"example.com/m/b [example.com/m/b.test]": {
		"mustawait": [{"posn": "/mod/b/b.go:9:2", "message": "second"}],
		"cancelsafe": {"error": "boom\nstack"}
	},
	"example.com/m/b": {
		"mustawait": [{"posn": "/mod/b/b.go:9:2", "message": "second"}],
		"leakedspawn": [{"posn": "/mod/nested/n.go:1:1", "message": "nested"}, {"posn": "/mod/a.go:3:4", "message": "first"}]
	}
}`
	require.NoError(t, os.WriteFile(filepath.Join(dir, "raw.json"), []byte(raw), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "mods.tsv"), []byte("example.com/m\t/mod\nexample.com/nested\t/mod/nested\n"), 0o644))

	tree, err := readTree(filepath.Join(dir, "raw.json"))
	require.NoError(t, err)
	mods, err := readModules(filepath.Join(dir, "mods.tsv"))
	require.NoError(t, err)
	fs, err := findingsOf(tree, mods)
	require.NoError(t, err)
	require.Equal(t, []finding{
		{"example.com/m", "a.go", 3, 4, "leakedspawn", "first"},
		{"example.com/m", "b/b.go", 9, 2, "mustawait", "second"},
		{"example.com/nested", "n.go", 1, 1, "leakedspawn", "nested"},
	}, fs)

	var buf bytes.Buffer
	require.NoError(t, writeFindings(&buf, fs))
	var back []finding
	require.NoError(t, json.Unmarshal(buf.Bytes(), &back))
	require.Equal(t, fs, back)
	require.Equal(t, len(fs)+2, bytes.Count(buf.Bytes(), []byte("\n")), "one finding per line, for diff")

	buf.Reset()
	require.NoError(t, writeFindings(&buf, nil))
	require.Equal(t, "[]\n", buf.String())
}

// TestVetLabel checks that the variants of a package that go vet analyzes
// under one ID get different labels, and that the label does not depend
// on where the build cache is.
func TestVetLabel(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, cfg map[string]any) string {
		data, err := json.Marshal(cfg)
		require.NoError(t, err)
		path := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(path, data, 0o644))
		return path
	}
	plain := write("a.cfg", map[string]any{"ID": "fmt", "VetxOnly": true, "GoFiles": []string{"/go/fmt/print.go"},
		"PackageFile": map[string]string{"os": "/cache1/ab/abcd-d"}})
	otherCache := write("b.cfg", map[string]any{"ID": "fmt", "VetxOnly": true, "GoFiles": []string{"/go/fmt/print.go"},
		"PackageFile": map[string]string{"os": "/cache2/ab/abcd-d"}})
	forTest := write("c.cfg", map[string]any{"ID": "fmt", "VetxOnly": true, "GoFiles": []string{"/go/fmt/print.go"},
		"PackageFile": map[string]string{"os": "/cache1/cd/cdef-d"}})

	a, err := vetLabel(plain)
	require.NoError(t, err)
	b, err := vetLabel(otherCache)
	require.NoError(t, err)
	c, err := vetLabel(forTest)
	require.NoError(t, err)
	require.Regexp(t, `^fmt\t[0-9a-f]{8}\ttrue$`, a)
	require.Equal(t, a, b)
	require.NotEqual(t, a, c)
}
