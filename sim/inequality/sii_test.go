package inequality

import "testing"

func TestSIIGolden(t *testing.T) {
	cases := []struct {
		name                string
		val, pop            []float64
		sii, rii, intercept float64
		tol, itol           float64
	}{
		// I1: PHE deciles, tol 1e-9 (methods.md §6); intercept printed to 8 dp.
		{"I1 PHE deciles", pheDecileVal, pheDecilePop, 6.934616473668814, 1.088818080444621, 78.07663078, 1e-9, 5e-9},
		// I2: PHE first five groups as quintiles.
		{"I2 PHE quintiles", pheDecileVal[:5], pheDecilePop[:5], 7.919334147100877, 1.103711695252726, 0, 1e-9, 0},
		// I3: made-up WEMWBS table, tol 1e-8; values printed to 9 dp.
		{"I3 WEMWBS", wemVal, wemPop, 7.741400391, 1.174144741, 44.453828107, 1e-8, 1e-8},
		// dceasimR HALE: SII 18.15, intercept 50.565, RII 1.3589439 (7 dp).
		{"HALE", haleVal, halePop, 18.15, 1.3589439, 50.565, 1e-9, 1e-9},
	}
	for _, c := range cases {
		sii, b0, err := SII(c.val, c.pop)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		near(t, c.name+" SII", sii, c.sii, c.tol)
		if c.itol > 0 {
			near(t, c.name+" intercept", b0, c.intercept, c.itol)
		}
		rii, err := RII(c.val, c.pop)
		if err != nil {
			t.Fatal(err)
		}
		rtol := c.tol
		if c.name == "HALE" {
			rtol = 5e-8 // printed to 7 dp
		}
		near(t, c.name+" RII", rii, c.rii, rtol)
	}
}

func TestSIIPropertiesAndErrors(t *testing.T) {
	// Shares and counts give the same fit; scaling weights changes nothing.
	s1, b1, _ := SII(wemVal, wemPop)
	sh := make([]float64, len(wemPop))
	for i, p := range wemPop {
		sh[i] = p / 53000 * 7
	}
	s2, b2, _ := SII(wemVal, sh)
	near(t, "SII scale", s2, s1, 1e-12)
	near(t, "intercept scale", b2, b1, 1e-12)
	// An exactly linear gradient in ridit is recovered.
	r := Ridits(wemPop)
	y := make([]float64, len(r))
	for i := range r {
		y[i] = 10 - 4*r[i]
	}
	s, b, _ := SII(y, wemPop)
	near(t, "linear SII", s, -4, 1e-12)
	near(t, "linear intercept", b, 10, 1e-12)

	if _, _, err := SII([]float64{1, 2}, []float64{1}); err != ErrLength {
		t.Errorf("length mismatch: %v", err)
	}
	if _, _, err := SII([]float64{1, 2, 3}, []float64{0, 5, 0}); err != ErrFewGroups {
		t.Errorf("one populated group: %v", err)
	}
	if _, _, err := SII([]float64{1, 2}, []float64{1, -1}); err != ErrWeights {
		t.Errorf("negative weight: %v", err)
	}
	// Weights that are exactly shares (Σ = 1) or sum to 1 + ε must work
	// (gonum divides by Σw − 1 internally).
	for _, w := range [][]float64{{0.2, 0.2, 0.2, 0.2, 0.2}, {0.5, 0.25, 0.25 + 1e-16, 0, 0}, {1, 1, 1, 1, 1}} {
		s, _, err := SII(haleVal, w)
		if err != nil || s != s {
			t.Errorf("SII weights %v: %v %v", w, s, err)
		}
	}
	if _, err := RII([]float64{1, 3}, []float64{1, 1}); err == nil {
		t.Errorf("RII with zero intercept: want error")
	}
}

func TestSIIConfInt(t *testing.T) {
	// I5: analytic limit of the PHE Low & Low MC interval, printed to 4 dp.
	lo, hi, err := SIIConfInt(pheDecileVal, pheDecilePop, pheDecileSE, 0.95)
	if err != nil {
		t.Fatal(err)
	}
	near(t, "I5 lower", lo, 3.0899, 5e-5)
	near(t, "I5 upper", hi, 10.7793, 5e-5)
	// Made-up table (iii): analytic 6.4089–9.0739.
	lo, hi, _ = SIIConfInt(wemVal, wemPop, wemSE, 0.95)
	near(t, "(iii) lower", lo, 6.4089, 5e-5)
	near(t, "(iii) upper", hi, 9.0739, 5e-5)
	if _, _, err := SIIConfInt(wemVal, wemPop, wemSE[:4], 0.95); err != ErrLength {
		t.Errorf("se length: %v", err)
	}
}
