package inequality

import (
	"errors"
	"fmt"
	"math"
)

// Atkinson returns the Atkinson inequality index and the Atkinson
// equally-distributed equivalent (EDE) of the group values for inequality
// aversion eps ≥ 0:
//
//	EDE = (Σ a_i h_i^{1−ε})^{1/(1−ε)}   (ε ≠ 1)
//	EDE = exp(Σ a_i ln h_i)             (ε = 1)
//	A_ε = 1 − EDE/μ
//
// This matches ineq::Atkinson. At ε = 0 the EDE is the mean and A = 0. Values
// must be positive when ε ≥ 1 and non-negative when 0 < ε < 1. The sum is
// evaluated on the log scale relative to μ, so large aversions (e.g. the
// English elicited ε = 10.95) do not overflow. Group order does not matter.
func Atkinson(values, weights []float64, eps float64) (index, ede float64, err error) {
	a, err := shares(values, weights)
	if err != nil {
		return 0, 0, err
	}
	if math.IsNaN(eps) || math.IsInf(eps, 0) || eps < 0 {
		return 0, 0, errors.New("inequality: Atkinson aversion must be finite and non-negative")
	}
	mu, err := positiveMean(values, a, "Atkinson")
	if err != nil {
		return 0, 0, err
	}
	if eps == 0 {
		return 0, mu, nil
	}
	if err := checkAtkinsonValues(values, a, eps); err != nil {
		return 0, 0, err
	}
	if eps == 1 {
		s := 0.0
		for i, h := range values {
			if a[i] > 0 {
				s += a[i] * math.Log(h/mu)
			}
		}
		ede = mu * math.Exp(s)
		return 1 - ede/mu, ede, nil
	}
	// ln Σ a_i (h_i/μ)^{1−ε}, skipping empty groups and (for ε < 1) zeros.
	terms := make([]float64, 0, len(values))
	for i, h := range values {
		if a[i] > 0 && h > 0 {
			terms = append(terms, math.Log(a[i])+(1-eps)*math.Log(h/mu))
		}
	}
	ede = mu * math.Exp(logSumExp(terms)/(1-eps))
	return 1 - ede/mu, ede, nil
}

func checkAtkinsonValues(values, a []float64, eps float64) error {
	for i, h := range values {
		if a[i] == 0 {
			continue
		}
		if eps >= 1 && !(h > 0) {
			return fmt.Errorf("inequality: Atkinson with ε = %g needs positive values (got %g)", eps, h)
		}
		if h < 0 {
			return fmt.Errorf("inequality: Atkinson needs non-negative values (got %g)", h)
		}
	}
	return nil
}

// AtkinsonWeights returns the Atkinson equity weights for aversion eps ≥ 0:
// the marginal social value of a unit of health in each group, proportional to
// h_i^{−ε} and normalised so that the population-weighted mean Σ a_i w_i is 1.
// A weighted sum Σ w_i ΔQALY_i is then the first-order approximation to the
// change in EDE × N. Values must be positive when ε > 0.
func AtkinsonWeights(values, weights []float64, eps float64) ([]float64, error) {
	a, err := shares(values, weights)
	if err != nil {
		return nil, err
	}
	if math.IsNaN(eps) || math.IsInf(eps, 0) || eps < 0 {
		return nil, errors.New("inequality: Atkinson aversion must be finite and non-negative")
	}
	logu := make([]float64, len(values))
	for i, h := range values {
		if eps > 0 && !(h > 0) {
			return nil, fmt.Errorf("inequality: Atkinson weights with ε = %g need positive values (got %g)", eps, h)
		}
		if eps > 0 {
			logu[i] = -eps * math.Log(h)
		}
	}
	return normalisedWeights(logu, a), nil
}

// normalisedWeights returns u_i/Σ a_j u_j for u_i = exp(logu_i).
func normalisedWeights(logu, a []float64) []float64 {
	terms := make([]float64, 0, len(logu))
	for i, l := range logu {
		if a[i] > 0 {
			terms = append(terms, math.Log(a[i])+l)
		}
	}
	lz := logSumExp(terms)
	w := make([]float64, len(logu))
	for i, l := range logu {
		w[i] = math.Exp(l - lz)
	}
	return w
}
