// The //scopevet:mustawait directive where it marks nothing: each is
// reported, so that nobody relies on a mark that is ignored. The marks
// that apply come last and stay silent.
package directives

import "errors"

type Call struct{ Done chan error }

type Sender interface {
	/* want `^//scopevet:mustawait has no effect here: it marks the results of the function or method declared below it$` */ //scopevet:mustawait
	Send() *Call
}

/* want `has no effect here` */ //scopevet:mustawait
var Start = func() *Call { return &Call{} }

/* want `has no effect here` */ //scopevet:mustawait
type Handle struct{}

/* want `has no effect here` */ //scopevet:mustawait
const Limit = 3

/* want `^//scopevet:mustawait has no effect on Flush: it marks results that callers must await, and Flush returns only an error$` */ //scopevet:mustawait
func Flush() error { return errors.New("x") }

/* want `has no effect on Kick: it marks results that callers must await, and Kick returns no result` */ //scopevet:mustawait
func Kick() {}

func inside() {
	/* want `has no effect here` */ //scopevet:mustawait
	_ = 1
}

// Marks that apply: a function and a method with a result to await,
// besides an error.

//scopevet:mustawait
func Go() (*Call, error) { return &Call{}, nil }

type Client struct{}

//scopevet:mustawait
func (Client) Go() *Call { return &Call{} }

func use(c Client) {
	call, err := Go()
	if err != nil {
		return
	}
	<-call.Done
	<-c.Go().Done
}
