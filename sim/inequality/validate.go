package inequality

import (
	"errors"
	"fmt"
	"math"
)

// Errors returned for invalid input.
var (
	ErrLength  = errors.New("inequality: values and weights differ in length")
	ErrEmpty   = errors.New("inequality: no groups")
	ErrWeights = errors.New("inequality: weights must be finite, non-negative and have a positive total")
	ErrValues  = errors.New("inequality: values must be finite")
)

// shares validates values and weights and returns the normalised population
// shares a_i = w_i/Σw.
func shares(values, weights []float64) ([]float64, error) {
	if len(values) != len(weights) {
		return nil, ErrLength
	}
	if len(values) == 0 {
		return nil, ErrEmpty
	}
	for _, v := range values {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, ErrValues
		}
	}
	return normalise(weights)
}

func normalise(weights []float64) ([]float64, error) {
	if len(weights) == 0 {
		return nil, ErrEmpty
	}
	total := 0.0
	for _, w := range weights {
		if math.IsNaN(w) || math.IsInf(w, 0) || w < 0 {
			return nil, ErrWeights
		}
		total += w
	}
	if !(total > 0) || math.IsInf(total, 0) {
		return nil, ErrWeights
	}
	a := make([]float64, len(weights))
	for i, w := range weights {
		a[i] = w / total
	}
	return a, nil
}

// weightedMean returns Σ a_i h_i for shares a that sum to one.
func weightedMean(values, a []float64) float64 {
	m := 0.0
	for i, v := range values {
		m += a[i] * v
	}
	return m
}

func positiveMean(values, a []float64, measure string) (float64, error) {
	mu := weightedMean(values, a)
	if !(mu > 0) {
		return 0, fmt.Errorf("inequality: %s needs a positive weighted mean (got %g)", measure, mu)
	}
	return mu, nil
}

// logSumExp returns ln Σ exp(x_i) without overflow.
func logSumExp(x []float64) float64 {
	mx := math.Inf(-1)
	for _, v := range x {
		if v > mx {
			mx = v
		}
	}
	if math.IsInf(mx, -1) {
		return mx
	}
	s := 0.0
	for _, v := range x {
		s += math.Exp(v - mx)
	}
	return mx + math.Log(s)
}
