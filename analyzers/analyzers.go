// Package analyzers lists the scopevet suite. It holds no analysis logic:
// the shared pass is in analyzers/summary and each check in its own
// top-level folder.
package analyzers

import (
	"golang.org/x/tools/go/analysis"

	"github.com/scopevet/scopevet/cancelsafe"
	"github.com/scopevet/scopevet/leakedspawn"
	"github.com/scopevet/scopevet/mustawait"
)

// Suite returns the scopevet checks, in the order they are documented.
func Suite() []*analysis.Analyzer {
	return []*analysis.Analyzer{
		mustawait.Analyzer,
		leakedspawn.Analyzer,
		cancelsafe.Analyzer,
	}
}
