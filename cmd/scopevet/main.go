// Command scopevet runs the scopevet suite. It works standalone
// (scopevet ./...) and as a vet tool (go vet -vettool=$(command -v scopevet)).
package main

import (
	"golang.org/x/tools/go/analysis/multichecker"

	"github.com/scopevet/scopevet/analyzers"
)

func main() { multichecker.Main(analyzers.Suite()...) }
