package doctext

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"testing"
)

// TestLineCommentDoc checks the parser-free path against go/parser, on the
// suite's doc.go files and on shapes it must leave to the parser.
func TestLineCommentDoc(t *testing.T) {
	files, err := filepath.Glob("../../*/doc.go")
	if err != nil || len(files) < 3 {
		t.Fatalf("doc.go files: %v, %v", files, err)
	}
	var inputs []string
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, string(data))
	}
	inputs = append(inputs,
		"// A\n//\n// B  \n//go:build x\n//  C\npackage p\n",
		"// A\n\n// B\npackage p\n",
		"// A\n\npackage p\n",
		"package p\n",
		"//A\n// B\n//\n//\n\n//\n// x\npackage p // trailing\n",
		"// A\n/* B */\npackage p\n",
		"// A\r\npackage p\r\n",
		"  // A\npackage p\n",
		"// A\npackage\tp\n",
	)
	for _, in := range inputs {
		doc, ok := lineCommentDoc(in)
		if !ok {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), "doc.go", in, parser.ParseComments|parser.PackageClauseOnly)
		if err != nil {
			t.Errorf("%q: fast path taken, but the parser fails: %v", in, err)
			continue
		}
		if (doc == nil) != (f.Doc == nil) {
			t.Errorf("%q: doc %v, parser's %v", in, doc, f.Doc)
			continue
		}
		if doc != nil && doc.Text() != f.Doc.Text() {
			t.Errorf("%q: text %q, parser's %q", in, doc.Text(), f.Doc.Text())
		}
	}
	for _, in := range inputs[:len(files)] {
		if doc, ok := lineCommentDoc(in); !ok || doc == nil {
			t.Errorf("a doc.go of the suite is not on the fast path")
		}
	}
}
