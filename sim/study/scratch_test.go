package study

import (
	"fmt"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"
)

func TestScratch(t *testing.T) {
	df := 198.0
	ncp := 3.0 / 9 * 7.0710678118654755
	tc := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: df}.Quantile(0.975)
	fmt.Printf("%.15f\n", 1-NoncentralTCDF(tc, df, ncp))
	fmt.Printf("%.15f\n", 1-nctQuad(tc, df, ncp))
	for _, c := range [][3]float64{{1, 1, 1}, {-1, 3, 2}, {2, 5, -1}, {10, 4, 8}, {-3, 10, -2}, {0.5, 2.5, 0.3}, {50, 10, 38}, {3, 1e6, 2}} {
		fmt.Printf("%v %.15g %.15g\n", c, NoncentralTCDF(c[0], c[1], c[2]), nctQuad(c[0], c[1], c[2]))
	}
}
