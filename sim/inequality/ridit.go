package inequality

// Ridits returns the ridit (relative rank) score of each group: the midpoint
// of the group's range in the cumulative population distribution,
//
//	ridit_i = Σ_{j<i} a_j + a_i/2,  a_i = w_i/Σw,
//
// with groups taken in the order given (most deprived first). This is
// PHEindicatormethods' FindXValues. Weights may be counts or shares.
//
// Ridits panics if weights is empty, contains a negative or non-finite
// weight, or sums to zero.
func Ridits(weights []float64) []float64 {
	a, err := normalise(weights)
	if err != nil {
		panic(err)
	}
	return ridits(a)
}

// ridits computes ridits from shares that already sum to one.
func ridits(a []float64) []float64 {
	r := make([]float64, len(a))
	cum := 0.0
	for i, ai := range a {
		r[i] = cum + ai/2
		cum += ai
	}
	return r
}
