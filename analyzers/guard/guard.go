// Package guard keeps an analyzer's panic from crashing the driver.
package guard

import (
	"fmt"
	"runtime/debug"

	"golang.org/x/tools/go/analysis"
)

// Run wraps an analyzer's run function. A panic becomes an error naming
// the analyzer and what it was analyzing; run keeps *current up to date.
func Run(name string, run func(pass *analysis.Pass, current *string) (any, error)) func(*analysis.Pass) (any, error) {
	return func(pass *analysis.Pass) (result any, err error) {
		current := pass.Pkg.Path()
		defer func() {
			if r := recover(); r != nil {
				result = nil
				err = fmt.Errorf("%s: internal error analyzing %s: %v\n%s", name, current, r, debug.Stack())
			}
		}()
		return run(pass, &current)
	}
}
