package mustawait_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/scopevet/scopevet/mustawait"
)

func TestMustAwait(t *testing.T) {
	testdata, err := filepath.Abs(filepath.Join("..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	for _, pkg := range []string{
		"mustawait/chans",
		"mustawait/groups",
		"mustawait/process",
		"mustawait/handles",
		"mustawait/client",
		"mustawait/daemon",
		"mustawait/suppress",
	} {
		t.Run(pkg, func(t *testing.T) {
			analysistest.Run(t, testdata, mustawait.Analyzer, pkg)
		})
	}
}
