package leakedspawn

import "golang.org/x/tools/go/analysis"

// NewAnalyzer returns a fresh analyzer, whose flags a test can set
// without touching Analyzer's, so that flag tests can run in parallel.
func NewAnalyzer() *analysis.Analyzer { return newAnalyzer() }
