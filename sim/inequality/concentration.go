package inequality

import (
	"errors"
)

// ConcentrationIndex returns the grouped concentration index of values by
// deprivation rank (Wagstaff, van Doorslaer & Kakwani):
//
//	C = (2/μ) Σ a_i (h_i − μ)(R_i − ½),  μ = Σ a_i h_i,
//
// where R_i is the group's fractional rank (its ridit), with groups ordered
// most deprived first. This equals 2·cov_w(h, R)/μ with the population
// (not "unbiased") weighted covariance, and the Kakwani concentration-curve
// formula Σ_t (p_{t−1} L_t − p_t L_{t−1}). C is negative when the outcome is
// concentrated among the more deprived, positive when among the less deprived.
//
// gonum's stat.Covariance is deliberately not used: it applies the
// frequency-weight correction that biases grouped data (the rineq pitfall).
func ConcentrationIndex(values, weights []float64) (float64, error) {
	a, err := shares(values, weights)
	if err != nil {
		return 0, err
	}
	mu := weightedMean(values, a)
	if mu == 0 {
		return 0, errors.New("inequality: concentration index undefined for zero mean")
	}
	r := ridits(a)
	s := 0.0
	for i, h := range values {
		s += a[i] * (h - mu) * (r[i] - 0.5)
	}
	return 2 * s / mu, nil
}
