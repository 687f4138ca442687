package study

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"
)

// P1 (methods.md §6): power.t.test(n=100, delta=3, sd=9)$power and
// pwr::pwr.t.test(n=100, d=3/9)$power.
func TestNoncentralTCDFReferencePower(t *testing.T) {
	df := 198.0
	ncp := math.Sqrt(50) * 3 / 9
	tc := tQuantile(0.975, df)
	upper := 1 - NoncentralTCDF(tc, df, ncp)
	near(t, "P1 upper tail via NoncentralTCDF", upper, 0.650108691364332, 1e-9)
	both := upper + NoncentralTCDF(-tc, df, ncp)
	near(t, "P1 both tails via NoncentralTCDF", both, 0.6501170, 1e-6)
}

// The AS 243 series agrees with independent quadrature of
// E[Φ(x√(V/ν) − δ)] over a grid including negative x and δ.
func TestNoncentralTCDFSeriesVsQuadrature(t *testing.T) {
	for _, df := range []float64{3, 5, 10, 28, 198, 1000, 5e4} {
		for _, ncp := range []float64{-4, -1.5, -0.2, 0.3, 1, 2.8, 6, 12} {
			for _, x := range []float64{-6, -2, -0.5, 0.1, 1, 1.96, 3, 8, 20} {
				s := NoncentralTCDF(x, df, ncp)
				q := nctQuad(x, df, ncp)
				if math.Abs(s-q) > 1e-10 {
					t.Errorf("F(%g; %g, %g): series %.15g quad %.15g", x, df, ncp, s, q)
				}
			}
		}
	}
}

func TestNoncentralTCDFProperties(t *testing.T) {
	// ncp = 0 is the central t.
	for _, x := range []float64{-3, -1, 0, 0.7, 2.5} {
		c := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: 7}.CDF(x)
		near(t, "central t", NoncentralTCDF(x, 7, 0), c, 1e-14)
		// Tiny ncp is continuous with the central case.
		near(t, "ncp→0", NoncentralTCDF(x, 7, 1e-9), c, 1e-9)
	}
	// F(0; ν, δ) = Φ(−δ).
	near(t, "F(0)", NoncentralTCDF(0, 12, 1.3), phi(-1.3), 1e-14)
	// Infinite df is the normal.
	near(t, "df=Inf", NoncentralTCDF(1.2, math.Inf(1), 0.5), phi(0.7), 1e-15)
	// Very large df approaches the normal.
	near(t, "df=1e8", NoncentralTCDF(1.2, 1e8, 0.5), phi(0.7), 1e-7)
	// Large ncp uses the quadrature branch and stays monotone in x.
	prev := 0.0
	for x := 30.0; x <= 60; x += 2 {
		f := NoncentralTCDF(x, 20, 40)
		if f < prev-1e-12 || f < 0 || f > 1 {
			t.Fatalf("not a CDF at x=%g: %g after %g", x, f, prev)
		}
		prev = f
	}
	// Monotone decreasing in ncp.
	if !(NoncentralTCDF(2, 10, 1) > NoncentralTCDF(2, 10, 2)) {
		t.Error("CDF should decrease in ncp")
	}
	if !math.IsNaN(NoncentralTCDF(1, 0, 1)) {
		t.Error("df=0 should be NaN")
	}
}
