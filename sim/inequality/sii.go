package inequality

import (
	"errors"
	"math"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"
)

// ErrFewGroups is returned when a regression-based measure has fewer than two
// groups with positive population.
var ErrFewGroups = errors.New("inequality: SII needs at least two groups with positive population")

// SII returns the slope index of inequality and the intercept of the PHE/OHID
// regression (PHEindicatormethods phe_sii; Low & Low 2004).
//
// The group values are regressed on the groups' ridit midpoints by weighted
// least squares with weights equal to the population shares (equivalently the
// no-intercept regression √a·y = β₀√a + β₁ b√a). Groups must be ordered most
// deprived first, so ridit 0 is the most deprived extreme and ridit 1 the least
// deprived extreme:
//
//	SII = β₁ = fitted(1) − fitted(0)   (least deprived minus most deprived)
//	intercept = β₀ = fitted(0)         (the most deprived extreme)
//
// The SII is positive when values rise towards the least deprived. No
// polarity multiplier is applied; negate it for "lower is better" indicators.
// PHE additionally requires 5–100 groups; this function needs only two.
func SII(values, weights []float64) (sii, intercept float64, err error) {
	a, err := shares(values, weights)
	if err != nil {
		return 0, 0, err
	}
	pos := 0
	for _, ai := range a {
		if ai > 0 {
			pos++
		}
	}
	if pos < 2 {
		return 0, 0, ErrFewGroups
	}
	// gonum's weighted LinearRegression divides the covariance and the
	// variance by (Σw − 1); the factor cancels in the slope unless Σw is
	// exactly 1, when it gives 0/0. Shares sum to one, so pass 2a (Σ = 2):
	// WLS is invariant to scaling the weights.
	w := make([]float64, len(a))
	for i, ai := range a {
		w[i] = 2 * ai
	}
	intercept, sii = stat.LinearRegression(ridits(a), values, w, false)
	return sii, intercept, nil
}

// RII returns the relative index of inequality in the PHE/OHID form
//
//	RII = (β₀ + β₁)/β₀ = fitted(1)/fitted(0),
//
// the ratio of the fitted value at the least deprived extreme to the fitted
// value at the most deprived extreme, from the same regression as SII. It is
// not Mackenbach's fitted(0)/fitted(1) nor dceasimR's SII/mean. PHE's
// inversion for negative multipliers is not applied. An error is returned if
// the intercept is zero.
func RII(values, weights []float64) (float64, error) {
	sii, b0, err := SII(values, weights)
	if err != nil {
		return 0, err
	}
	if b0 == 0 {
		return 0, errors.New("inequality: RII undefined, fitted value at the most deprived extreme is zero")
	}
	return (b0 + sii) / b0, nil
}

// SIIConfInt returns the analytic confidence interval for the SII given the
// standard error of each group value:
//
//	SII ± z·sqrt(Σ c_i² se_i²),  c_i = a_i (b_i − b̄)/Σ_j a_j (b_j − b̄)²,
//
// where b are the ridits, b̄ = Σ a_i b_i and z the standard-normal quantile at
// (1+level)/2. c is row 2 of (XᵀWX)⁻¹XᵀW, so this is the interval the PHE Low
// & Low Monte Carlo procedure (y_i* ~ N(y_i, se_i), refit, percentiles)
// converges to, because the SII is linear in y. (The RII interval needs the
// Monte Carlo; it is not provided here.) level is e.g. 0.95.
func SIIConfInt(values, weights, se []float64, level float64) (lo, hi float64, err error) {
	if len(se) != len(values) {
		return 0, 0, ErrLength
	}
	if !(level > 0 && level < 1) {
		return 0, 0, errors.New("inequality: confidence level must be in (0, 1)")
	}
	for _, s := range se {
		if math.IsNaN(s) || math.IsInf(s, 0) || s < 0 {
			return 0, 0, errors.New("inequality: standard errors must be finite and non-negative")
		}
	}
	sii, _, err := SII(values, weights)
	if err != nil {
		return 0, 0, err
	}
	a, _ := normalise(weights)
	b := ridits(a)
	bbar := weightedMean(b, a)
	sxx := 0.0
	for i := range b {
		d := b[i] - bbar
		sxx += a[i] * d * d
	}
	v := 0.0
	for i := range b {
		c := a[i] * (b[i] - bbar) / sxx
		v += c * c * se[i] * se[i]
	}
	z := distuv.UnitNormal.Quantile((1 + level) / 2)
	h := z * math.Sqrt(v)
	return sii - h, sii + h, nil
}
