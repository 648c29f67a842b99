// Directives and generated code silence findings.
package suppress

import "mustawait/lib"

func onTheLine() {
	lib.Start() //nolint:mustawait // the worker runs for the life of the process
}

//nolint:mustawait // a fire-and-forget warmup
func onTheDecl() {
	lib.Start()
}

func otherLinter() {
	lib.Start() //nolint:errcheck // want `result of lib.Start is discarded`
}
