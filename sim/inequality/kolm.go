package inequality

import (
	"errors"
	"math"
)

// Kolm returns the absolute Kolm inequality index and the Kolm
// equally-distributed equivalent (EDE) for aversion alpha ≥ 0:
//
//	EDE = −(1/α) ln Σ a_i e^{−α h_i}
//	K_α = μ − EDE = (1/α) ln Σ a_i e^{α(μ − h_i)}
//
// This matches ineq::Kolm. At α = 0 (the limit) the EDE is the mean and K = 0.
// K is in the units of the values (e.g. QALYs). Evaluated with log-sum-exp,
// so large α·h does not overflow. Group order does not matter.
func Kolm(values, weights []float64, alpha float64) (index, ede float64, err error) {
	a, err := shares(values, weights)
	if err != nil {
		return 0, 0, err
	}
	if math.IsNaN(alpha) || math.IsInf(alpha, 0) || alpha < 0 {
		return 0, 0, errors.New("inequality: Kolm aversion must be finite and non-negative")
	}
	mu := weightedMean(values, a)
	if alpha == 0 {
		return 0, mu, nil
	}
	terms := make([]float64, 0, len(values))
	for i, h := range values {
		if a[i] > 0 {
			terms = append(terms, math.Log(a[i])+alpha*(mu-h))
		}
	}
	index = logSumExp(terms) / alpha
	return index, mu - index, nil
}

// KolmWeights returns the Kolm equity weights for aversion alpha ≥ 0:
// proportional to e^{−α h_i} and normalised so that the population-weighted
// mean Σ a_i w_i is 1.
func KolmWeights(values, weights []float64, alpha float64) ([]float64, error) {
	a, err := shares(values, weights)
	if err != nil {
		return nil, err
	}
	if math.IsNaN(alpha) || math.IsInf(alpha, 0) || alpha < 0 {
		return nil, errors.New("inequality: Kolm aversion must be finite and non-negative")
	}
	logu := make([]float64, len(values))
	for i, h := range values {
		logu[i] = -alpha * h
	}
	return normalisedWeights(logu, a), nil
}
