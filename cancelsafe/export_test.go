package cancelsafe

import "golang.org/x/tools/go/analysis"

// NewAnalyzer returns a fresh analyzer, whose flags a test can set
// without touching Analyzer's.
func NewAnalyzer() *analysis.Analyzer { return newAnalyzer() }

// FlagDroppedValues is the name of the dropped-value flag.
const FlagDroppedValues = flagDroppedValues
