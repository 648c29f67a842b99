// Package require is a stub of testify's require for the fixtures.
package require

// TestingT is what the assertions need of a test.
type TestingT interface {
	Errorf(format string, args ...interface{})
	FailNow()
}

// Fail reports a failure and stops the test.
func Fail(t TestingT, failureMessage string, msgAndArgs ...interface{}) {
	t.Errorf("%s", failureMessage)
	t.FailNow()
}

// NoError stops the test when err is not nil.
func NoError(t TestingT, err error, msgAndArgs ...interface{}) {
	if err != nil {
		Fail(t, err.Error(), msgAndArgs...)
	}
}
