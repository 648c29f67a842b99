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

func noReason() {
	lib.Start() /* want `//nolint:mustawait needs a reason` */ //nolint:mustawait
}

func nothingToSuppress() {
	w := lib.Start() //nolint:mustawait // want `//nolint:mustawait suppresses no mustawait finding here; remove it`
	w.Wait()
}

func bareNolint() {
	lib.Start() //nolint // a bare directive covers every linter, and is not ours to police
}
