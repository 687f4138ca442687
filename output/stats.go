package output

import (
	"math"
	"slices"

	"gonum.org/v1/gonum/stat"
)

// numQuantiles is the number of across-run quantiles reported per statistic.
const numQuantiles = 5

// quantileProbs are the probabilities of the reported quantiles, in the order
// of quantileColumns.
func quantileProbs() [numQuantiles]float64 { return [...]float64{0.025, 0.10, 0.50, 0.90, 0.975} }

// quantileColumns names the quantile columns of summary.json and timeseries.csv.
func quantileColumns() [numQuantiles]string {
	return [...]string{"p2_5", "p10", "p50", "p90", "p97_5"}
}

// quantileMethod names the quantile definition for the output dictionary.
const quantileMethod = "gonum stat.Quantile with stat.LinInterp on the sorted values " +
	"(Hyndman & Fan type 4: with n values x(1) <= ... <= x(n) and h = n·p, " +
	"Q(p) = x(1) for h <= 1, otherwise linear interpolation between x(⌈h⌉-1) and x(⌈h⌉) at position h)"

// stats describes one set of across-run values.
type stats struct {
	n        int
	mean     float64
	sd       float64 // sample standard deviation (n-1); 0 when n = 1
	mcse     float64 // Monte Carlo standard error of the mean, sd/√n
	quantile [numQuantiles]float64
	quartile [2]float64 // 25% and 75%: the 50% band of a fan chart (timeseries.csv only)
}

// describe summarises the defined values of x, taken in the order given
// (run-index order at every call site). ok is false when none is defined.
func describe(x []float64) (s stats, ok bool) {
	x = definedOnly(x)
	if len(x) == 0 {
		return stats{}, false
	}
	// Unit weights keep gonum on its plain sequential loop: unweighted Mean
	// sums with SIMD assembly on amd64 whose grouping depends on the slice's
	// memory alignment, which would make results differ between runs of the
	// program in the last bit.
	mean, variance := stat.MeanVariance(x, unitWeights(len(x)))
	s = stats{n: len(x), mean: mean}
	if s.n > 1 {
		s.sd = math.Sqrt(variance)
		s.mcse = s.sd / math.Sqrt(float64(s.n))
	}
	sorted := slices.Clone(x)
	slices.Sort(sorted)
	for i, p := range quantileProbs() {
		s.quantile[i] = stat.Quantile(p, stat.LinInterp, sorted, nil)
	}
	for i, p := range [...]float64{0.25, 0.75} {
		s.quartile[i] = stat.Quantile(p, stat.LinInterp, sorted, nil)
	}
	return s, true
}

// meanOf is the mean of the defined values of x; ok is false when none is.
func meanOf(x []float64) (mean float64, ok bool) {
	x = definedOnly(x)
	if len(x) == 0 {
		return 0, false
	}
	return stat.Mean(x, unitWeights(len(x))), true // unit weights: see describe
}

// definedOnly returns the non-NaN values of x, in order.
func definedOnly(x []float64) []float64 {
	out := make([]float64, 0, len(x))
	for _, v := range x {
		if !math.IsNaN(v) {
			out = append(out, v)
		}
	}
	return out
}

func unitWeights(n int) []float64 {
	w := make([]float64, n)
	for i := range w {
		w[i] = 1
	}
	return w
}
