package inequality

import (
	"math"
	"testing"
)

// Golden data from methods.md §3 (reference values recomputed in R there).

// PHE test data (PHEindicatormethods testdata_SII.xlsx), area1, deciles,
// most deprived first (methods.md §3.2). Vectors I1 (deciles) and I2 (first
// five groups as quintiles).
var (
	pheDecilePop = []float64{7291, 7997, 6105, 7666, 5790, 6934, 5918, 5974, 7147, 7534}
	pheDecileVal = []float64{75.933459010308098, 78.344238272784295, 83.836063104165405,
		83.637539966493094, 80.465503152955904, 81.115675985702197, 81.693083571856207,
		84.190006206098701, 80.595564108147201, 86.289434957862397}
	pheDecileSE = []float64{1.6384724263585451, 1.578192884542907, 1.5134355059640296,
		1.7754906175801293, 1.7013390591981388, 1.5641210737675499, 1.3681148366878566,
		1.4001418005940802, 2.4328463975781616, 1.5665181695934678}
)

// Made-up WEMWBS table (iii), vector I3.
var (
	wemPop = []float64{12000, 11000, 10500, 10000, 9500}
	wemVal = []float64{45.2, 47.0, 48.9, 50.1, 51.3}
	wemSE  = []float64{.40, .42, .45, .44, .46}
)

// dceasimR HALE by IMD quintile, equal shares, vector I4.
var (
	halePop = []float64{1, 1, 1, 1, 1}
	haleVal = []float64{52.1, 56.3, 59.8, 63.2, 66.8}
)

func near(t *testing.T, name string, got, want, tol float64) {
	t.Helper()
	if math.IsNaN(got) || math.Abs(got-want) > tol {
		t.Errorf("%s = %.12g, want %.12g (tol %g, diff %.3g)", name, got, want, tol, got-want)
	}
}

func mustShares(w []float64) []float64 {
	a, err := normalise(w)
	if err != nil {
		panic(err)
	}
	return a
}
