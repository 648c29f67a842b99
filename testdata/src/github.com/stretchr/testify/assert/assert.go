// Package assert is a stub of testify's assert for the fixtures.
package assert

// TestingT is what the assertions need of a test.
type TestingT interface {
	Errorf(format string, args ...interface{})
}

// Fail reports a failure and returns false.
func Fail(t TestingT, failureMessage string, msgAndArgs ...interface{}) bool {
	t.Errorf("%s", failureMessage)
	return false
}
