package inequality

import (
	"math"
	"testing"
)

// kakwaniCI is the grouped concentration-curve formula Σ (p_{t−1} L_t − p_t L_{t−1}).
func kakwaniCI(h, w []float64) float64 {
	tw, th := 0.0, 0.0
	for i := range h {
		tw += w[i]
		th += w[i] * h[i]
	}
	c, p0, l0 := 0.0, 0.0, 0.0
	for i := range h {
		p1 := p0 + w[i]/tw
		l1 := l0 + w[i]*h[i]/th
		c += p0*l1 - p1*l0
		p0, l0 = p1, l1
	}
	return c
}

func TestConcentrationIndex(t *testing.T) {
	// I4 (HALE) and I3 (WEMWBS): 0.04869215 and 0.02561005, tol 1e-8.
	c, err := ConcentrationIndex(haleVal, halePop)
	if err != nil {
		t.Fatal(err)
	}
	near(t, "I4 HALE CI", c, 0.04869215, 1e-8)
	c, _ = ConcentrationIndex(wemVal, wemPop)
	near(t, "I3 WEMWBS CI", c, 0.02561005, 1e-8)
	near(t, "CI = Kakwani", c, kakwaniCI(wemVal, wemPop), 1e-14)
	// Reversing the order (least deprived first) flips the sign.
	rv := []float64{51.3, 50.1, 48.9, 47.0, 45.2}
	rp := []float64{9500, 10000, 10500, 11000, 12000}
	cr, _ := ConcentrationIndex(rv, rp)
	near(t, "reversed CI", cr, -c, 1e-14)
	// Monotone in rank: |C| = G.
	g, _ := Gini(wemVal, wemPop)
	near(t, "CI = Gini when monotone", c, g, 1e-14)
}

func TestGini(t *testing.T) {
	g, err := Gini(haleVal, halePop)
	if err != nil {
		t.Fatal(err)
	}
	near(t, "HALE Gini", g, 0.04869215292, 1e-11)
	g, _ = Gini(wemVal, wemPop)
	near(t, "WEMWBS Gini", g, 0.02561004718, 1e-11)
	// Brute-force double sum on an unordered vector with ties.
	h := []float64{3, 1, 4, 1, 5, 9, 2, 6}
	w := []float64{2, 1, 3, 1, 1, 4, 2, 1}
	tw, mu := 0.0, 0.0
	for i := range h {
		tw += w[i]
	}
	for i := range h {
		mu += w[i] / tw * h[i]
	}
	s := 0.0
	for i := range h {
		for j := range h {
			s += w[i] / tw * w[j] / tw * math.Abs(h[i]-h[j])
		}
	}
	g, _ = Gini(h, w)
	near(t, "Gini brute force", g, s/(2*mu), 1e-14)
	// Equal values: zero.
	g, _ = Gini([]float64{5, 5, 5}, []float64{1, 2, 3})
	near(t, "Gini equal", g, 0, 1e-15)
}

func TestAtkinson(t *testing.T) {
	// HALE table (methods.md §3.4); index tol 1e-8 (I4 for ε = 10.95), EDE printed to 6 dp.
	cases := []struct{ eps, idx, ede float64 }{
		{0.5, 0.0018683267, 59.528573},
		{1, 0.0037449547, 59.416651},
		{2, 0.0075143876, 59.191842},
		{10.95, 0.0395570800, 57.280816},
	}
	for _, c := range cases {
		a, ede, err := Atkinson(haleVal, halePop, c.eps)
		if err != nil {
			t.Fatal(err)
		}
		near(t, "HALE Atkinson", a, c.idx, 1e-8)
		near(t, "HALE Atkinson EDE", ede, c.ede, 5e-7)
	}
	a, _, _ := Atkinson(wemVal, wemPop, 10.95)
	near(t, "WEMWBS Atkinson(10.95)", a, 0.01139039136, 1e-11)
	a, ede, _ := Atkinson(wemVal, wemPop, 0)
	near(t, "Atkinson(0)", a, 0, 0)
	near(t, "EDE(0) = mean", ede, weightedMean(wemVal, mustShares(wemPop)), 1e-12)
	// Continuity at ε = 1.
	a1, _, _ := Atkinson(haleVal, halePop, 1)
	a2, _, _ := Atkinson(haleVal, halePop, 1+1e-7)
	near(t, "continuity at ε=1", a2, a1, 1e-9)
	// Extreme aversion does not overflow.
	a, ede, err := Atkinson([]float64{1e-3, 1e3}, []float64{1, 1}, 200)
	if err != nil || math.IsNaN(a) || math.IsInf(ede, 0) || ede <= 0 {
		t.Errorf("extreme ε: %v %v %v", a, ede, err)
	}
	// Errors.
	if _, _, err := Atkinson([]float64{0, 1}, []float64{1, 1}, 1); err == nil {
		t.Errorf("zero value with ε=1: want error")
	}
	if _, _, err := Atkinson([]float64{0, 1}, []float64{1, 1}, 0.5); err != nil {
		t.Errorf("zero value with ε=0.5: %v", err)
	}
	if _, _, err := Atkinson(haleVal, halePop, -1); err == nil {
		t.Errorf("negative ε: want error")
	}
}

func TestKolm(t *testing.T) {
	cases := []struct{ alpha, idx float64 }{
		{0.15, 1.9045051152}, {0.5, 4.5976305051}, {1, 5.9459076688},
	}
	for _, c := range cases {
		k, _, err := Kolm(haleVal, halePop, c.alpha)
		if err != nil {
			t.Fatal(err)
		}
		near(t, "HALE Kolm", k, c.idx, 1e-8)
	}
	_, ede, _ := Kolm(haleVal, halePop, 0.15)
	near(t, "HALE Kolm EDE", ede, 57.735495, 5e-7)
	k, _, _ := Kolm(wemVal, wemPop, 0.15)
	near(t, "WEMWBS Kolm(0.15)", k, 0.3629763106, 1e-10)
	k, ede, _ = Kolm(haleVal, halePop, 0)
	near(t, "Kolm(0)", k, 0, 0)
	near(t, "Kolm EDE(0)", ede, 59.64, 1e-12)
	// Large α·h does not overflow.
	k, ede, err := Kolm([]float64{1000, 2000}, []float64{1, 1}, 5)
	if err != nil || math.IsNaN(k) || math.IsInf(ede, 0) {
		t.Errorf("large α·h: %v %v %v", k, ede, err)
	}
	near(t, "large α·h EDE", ede, 1000+math.Log(2)/5, 1e-9)
}

func TestEquityWeights(t *testing.T) {
	// Normalised Atkinson(10.95) weights at the DCEA baseline QALE (methods.md §4.4),
	// printed to 4 dp.
	qale := []float64{62.0, 65.5, 68.0, 70.3, 72.5}
	w, err := AtkinsonWeights(qale, halePop, 10.95)
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []float64{2.1325, 1.1688, 0.7755, 0.5388, 0.3845} {
		near(t, "Atkinson weight", w[i], want, 5e-5)
	}
	// Population-weighted mean one; ratios follow h^-ε and e^-αh.
	wk, _ := KolmWeights(wemVal, wemPop, 0.15)
	wa, _ := AtkinsonWeights(wemVal, wemPop, 2)
	a := mustShares(wemPop)
	near(t, "Kolm weights mean", weightedMean(wk, a), 1, 1e-14)
	near(t, "Atkinson weights mean", weightedMean(wa, a), 1, 1e-14)
	near(t, "Kolm ratio", wk[0]/wk[4], math.Exp(0.15*(51.3-45.2)), 1e-12)
	near(t, "Atkinson ratio", wa[0]/wa[4], math.Pow(51.3/45.2, 2), 1e-12)
	// Zero aversion: all ones.
	w0, _ := AtkinsonWeights(wemVal, wemPop, 0)
	for _, v := range w0 {
		near(t, "ε=0 weight", v, 1, 1e-15)
	}
}
