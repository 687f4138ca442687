package econ

import "math"

// DefaultDiscountRate is the NICE reference-case annual discount rate for
// costs and health effects (3.5%).
const DefaultDiscountRate = 0.035

// DiscountFactor returns 1/(1+rate)^year. Year 0 (the first year) has factor
// 1. rate must exceed −1.
func DiscountFactor(year int, rate float64) float64 {
	return math.Pow(1+rate, -float64(year))
}

// PresentValue returns Σ_t flows[t]/(1+rate)^t, with t = 0 for the first
// element, so the first year's flow is not discounted (heemod
// discount(x, r, first = FALSE)). Use it for annual cost or QALY streams.
func PresentValue(flows []float64, rate float64) float64 {
	pv := 0.0
	for t, x := range flows {
		pv += x * DiscountFactor(t, rate)
	}
	return pv
}
