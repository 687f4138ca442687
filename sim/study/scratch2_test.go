package study

import (
	"fmt"
	"math"
	"testing"

	"gonum.org/v1/gonum/integrate/quad"
	"gonum.org/v1/gonum/stat/distuv"
)

func bigQuad(t, df, del float64, lo, hi float64, pieces, n int) float64 {
	h := df / 2
	lg, _ := math.Lgamma(h)
	c := math.Log(2) + h*math.Log(h) - lg
	f := func(s float64) float64 {
		if s <= 0 {
			return 0
		}
		return distuv.UnitNormal.CDF(t*s-del) * math.Exp(c+(df-1)*math.Log(s)-df*s*s/2)
	}
	w := (hi - lo) / float64(pieces)
	sum := 0.0
	for i := 0; i < pieces; i++ {
		a := lo + float64(i)*w
		sum += quad.Fixed(f, a, a+w, n, quad.Legendre{}, 0)
	}
	return sum
}

func TestScratch2(t *testing.T) {
	fmt.Printf("%.15g\n", bigQuad(3, 1e6, 2, 0.97, 1.03, 400, 60))
	fmt.Printf("%.15g\n", bigQuad(3, 1e6, 2, 0.97, 1.03, 100, 30))
	fmt.Printf("%.15g\n", bigQuad(0.5, 2.5, 0.3, 0, 40, 4000, 60))
	fmt.Printf("%.15g\n", bigQuad(3, 1e4, 2, 0.5, 1.5, 4000, 60))
	fmt.Printf("%.15g %.15g\n", NoncentralTCDF(3, 1e4, 2), nctQuad(3, 1e4, 2))
}
