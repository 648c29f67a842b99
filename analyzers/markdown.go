package analyzers

import (
	"flag"
	"fmt"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// Markdown renders an analyzer's documentation page, docs/<name>.md, from
// its Doc string and flags, so that the page cannot drift from `scopevet
// help <name>`.
func Markdown(a *analysis.Analyzer) string {
	var b strings.Builder
	summary, body, _ := strings.Cut(a.Doc, "\n")
	fmt.Fprintf(&b, "# %s\n\n<!-- Generated from %s/doc.go by `go test ./analyzers -update`. Do not edit. -->\n\n", a.Name, a.Name)
	fmt.Fprintf(&b, "%s\n", strings.TrimSpace(summary))
	for _, line := range strings.Split(strings.TrimSpace(body), "\n") {
		if strings.HasPrefix(line, "\t") {
			line = "    " + strings.TrimPrefix(line, "\t") // indented code block
		}
		b.WriteString(strings.TrimRight("\n"+line, " "))
	}
	b.WriteString("\n\n## Flags\n\n")
	n := 0
	a.Flags.VisitAll(func(f *flag.Flag) {
		fmt.Fprintf(&b, "- `-%s.%s` (default `%s`): %s\n", a.Name, f.Name, f.DefValue, f.Usage)
		n++
	})
	if n == 0 {
		b.WriteString("None.\n")
	}
	fmt.Fprintf(&b, "\n## Suppressing\n\n`//nolint:%s // reason` on the line, or on the enclosing declaration.\n", a.Name)
	return b.String()
}
