package econ

import "testing"

func TestPresentValue(t *testing.T) {
	five := []float64{100, 100, 100, 100, 100}
	// E1: methods.md §4.1 and §6, tol 1e-6.
	near(t, "E1 PV 100x5 @3.5% t=0..4", PresentValue(five, DefaultDiscountRate), 467.307921, 1e-6)
	near(t, "PV 100x5 @1.5%", PresentValue(five, 0.015), 485.438465, 1e-6)
	near(t, "QALY 0.05x3 @3.5%", PresentValue([]float64{0.05, 0.05, 0.05}, 0.035), 0.14498471, 5e-9)
	// t = 1..5 (first year discounted): 451.505238.
	pv := 0.0
	for year := 1; year <= 5; year++ {
		pv += 100 * DiscountFactor(year, 0.035)
	}
	near(t, "PV 100x5 @3.5% t=1..5", pv, 451.505238, 1e-6)
	near(t, "DF(0)", DiscountFactor(0, 0.035), 1, 0)
	near(t, "DF(2)", DiscountFactor(2, 0.035), 1/(1.035*1.035), 1e-15)
	near(t, "PV at 0%", PresentValue(five, 0), 500, 0)
	near(t, "PV empty", PresentValue(nil, 0.035), 0, 0)
}
