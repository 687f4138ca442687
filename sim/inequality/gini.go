package inequality

import "sort"

// Gini returns the population-weighted Gini coefficient of the group values,
//
//	G = Σ_i Σ_j a_i a_j |h_i − h_j| / (2μ),
//
// which matches ineq::Gini(corr = FALSE) on the expanded individual-level
// data. Group order does not matter. It is computed in O(n log n) by sorting.
// The weighted mean must be positive; negative values are allowed but then G
// may exceed 1.
func Gini(values, weights []float64) (float64, error) {
	a, err := shares(values, weights)
	if err != nil {
		return 0, err
	}
	mu, err := positiveMean(values, a, "Gini")
	if err != nil {
		return 0, err
	}
	idx := make([]int, len(values))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(x, y int) bool { return values[idx[x]] < values[idx[y]] })
	// Σ_i Σ_j a_i a_j |h_i − h_j| = 2 Σ_i a_i h_i (A_below(i) − A_above(i)),
	// where below/above are in sorted position; tied values cancel.
	below, s := 0.0, 0.0
	for _, i := range idx {
		above := 1 - below - a[i]
		s += a[i] * values[i] * (below - above)
		below += a[i]
	}
	return s / mu, nil
}
