package study

import (
	"math"
	"testing"
)

// near fails the test if |got − want| > tol and logs the error otherwise,
// so that `go test -v` shows how closely each reference value is met.
func near(t *testing.T, name string, got, want, tol float64) {
	t.Helper()
	err := math.Abs(got - want)
	if !(err <= tol) {
		t.Errorf("%s = %.12g, want %.12g (|err| %.3g > tol %g)", name, got, want, err, tol)
		return
	}
	t.Logf("%-40s got %.12g want %.12g |err| %.2g", name, got, want, err)
}
