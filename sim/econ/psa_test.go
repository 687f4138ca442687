package econ

import (
	"math/rand/v2"
	"testing"
)

// Three options × four draws, [option][draw].
var (
	psaCosts = [][]float64{
		{0, 0, 0, 0},         // A: usual care
		{100, 200, 150, 50},  // B
		{300, 400, 250, 350}, // C
	}
	psaQALYs = [][]float64{
		{0, 0, 0, 0},
		{0.010, 0.005, 0.010, 0.002},
		{0.020, 0.015, 0.010, 0.025},
	}
)

func TestPSAHand(t *testing.T) {
	lambdas := []float64{0, 10000, 20000, 40000}
	// Hand computation of NMB = λ·QALY − cost per draw (A is always 0):
	//
	// λ = 0:      B = −100, −200, −150, −50;  C = −300, −400, −250, −350
	//             → A wins every draw.
	// λ = 10000:  B = 100−100, 50−200, 100−150, 20−50 = 0, −150, −50, −30
	//             C = 200−300, 150−400, 100−250, 250−350 = −100, −250, −150, −100
	//             → draw 1 ties A and B (½ each), A wins draws 2–4.
	// λ = 20000:  B = 200−100, 100−200, 200−150, 40−50 = 100, −100, 50, −10
	//             C = 400−300, 300−400, 200−250, 500−350 = 100, −100, −50, 150
	//             → draw 1 ties B and C (½ each), A, B, C.
	// λ = 40000:  B = 400−100, 200−200, 400−150, 80−50 = 300, 0, 250, 30
	//             C = 800−300, 600−400, 400−250, 1000−350 = 500, 200, 150, 650
	//             → C, C, B, C.
	wantCEAC := [][]float64{
		{1, 0, 0},
		{(0.5 + 3) / 4, 0.5 / 4, 0},
		{1.0 / 4, (0.5 + 1) / 4, (0.5 + 1) / 4},
		{0, 1.0 / 4, 3.0 / 4},
	}
	ceac := CEAC(psaCosts, psaQALYs, lambdas)
	for l := range lambdas {
		for s := range wantCEAC[l] {
			near(t, "CEAC", ceac[l][s], wantCEAC[l][s], 1e-12)
		}
	}
	// Expected NMB:
	wantE := [][]float64{
		{0, (-100 - 200 - 150 - 50) / 4.0, (-300 - 400 - 250 - 350) / 4.0},
		{0, (0 - 150 - 50 - 30) / 4.0, (-100 - 250 - 150 - 100) / 4.0},
		{0, (100 - 100 + 50 - 10) / 4.0, (100 - 100 - 50 + 150) / 4.0}, // 0, 10, 25
		{0, (300 + 0 + 250 + 30) / 4.0, (500 + 200 + 150 + 650) / 4.0}, // 0, 145, 375
	}
	for l, lambda := range lambdas {
		e := ExpectedNMB(psaCosts, psaQALYs, lambda)
		for s := range e {
			near(t, "E[NMB]", e[s], wantE[l][s], 1e-9)
		}
	}
	// CEAF: option with the highest expected NMB and its CEAC.
	wantBest := []int{0, 0, 2, 2}
	wantProb := []float64{1, 3.5 / 4, 1.5 / 4, 3.0 / 4}
	for l, p := range CEAF(psaCosts, psaQALYs, lambdas) {
		if p.Best != wantBest[l] || p.Lambda != lambdas[l] {
			t.Errorf("CEAF λ=%g best %d, want %d", lambdas[l], p.Best, wantBest[l])
		}
		near(t, "CEAF prob", p.Prob, wantProb[l], 1e-12)
	}
	// EVPI = mean of per-draw maxima − max expected NMB.
	wantEVPI := []float64{
		(0+0+0+0)/4.0 - 0,
		(0+0+0+0)/4.0 - 0,
		(100+0+50+150)/4.0 - 25,     // 75 − 25 = 50
		(500+200+250+650)/4.0 - 375, // 400 − 375 = 25
	}
	for l, lambda := range lambdas {
		near(t, "EVPI", EVPI(psaCosts, psaQALYs, lambda), wantEVPI[l], 1e-9)
	}
}

func randomPSA(rng *rand.Rand, nOpt, nDraw int) (c, q [][]float64) {
	c = make([][]float64, nOpt)
	q = make([][]float64, nOpt)
	for s := range c {
		c[s] = make([]float64, nDraw)
		q[s] = make([]float64, nDraw)
		for d := range c[s] {
			c[s][d] = 100*float64(s) + 80*rng.NormFloat64()
			q[s][d] = 0.006*float64(s) + 0.008*rng.NormFloat64()
		}
	}
	return c, q
}

func TestPSAProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(2025, 4))
	lambdas := []float64{0, 5000, 10000, 15000, 20000, 25000, 30000, 50000}
	c, q := randomPSA(rng, 4, 2000)
	ceac := CEAC(c, q, lambdas)
	for l, row := range ceac {
		sum := 0.0
		for _, p := range row {
			if p < 0 || p > 1 {
				t.Errorf("CEAC out of [0,1]: %g", p)
			}
			sum += p
		}
		near(t, "CEAC sum", sum, 1, 1e-12)
		if v := EVPI(c, q, lambdas[l]); v < 0 {
			t.Errorf("EVPI %g < 0", v)
		}
	}
	// Two options: CEAC of the second = P(INB > 0) when no ties.
	c2, q2 := randomPSA(rng, 2, 1000)
	for _, lambda := range lambdas {
		pos := 0
		for d := range c2[0] {
			if INB(c2[1][d]-c2[0][d], q2[1][d]-q2[0][d], lambda) > 0 {
				pos++
			}
		}
		near(t, "two-option CEAC", CEAC(c2, q2, []float64{lambda})[0][1], float64(pos)/1000, 1e-12)
	}
	// An option cheaper than every other and at least as effective in every draw dominates at every
	// λ ≥ 0: CEAC 1 for it and EVPI exactly 0.
	dom, domQ := make([]float64, 2000), make([]float64, 2000)
	for d := range dom {
		minC, maxQ := c[0][d], q[0][d]
		for s := range c {
			minC = min(minC, c[s][d])
			maxQ = max(maxQ, q[s][d])
		}
		dom[d] = minC - 1 - rng.Float64()
		domQ[d] = maxQ + 0.001*rng.Float64()
	}
	cd := append([][]float64{dom}, c...)
	qd := append([][]float64{domQ}, q...)
	for l, row := range CEAC(cd, qd, lambdas) {
		near(t, "dominant CEAC", row[0], 1, 0)
		if v := EVPI(cd, qd, lambdas[l]); v != 0 {
			t.Errorf("EVPI with a dominant option = %g, want 0", v)
		}
	}
}

func TestPSAPanics(t *testing.T) {
	bad := []func(){
		func() { CEAC(nil, nil, []float64{1}) },
		func() { CEAC([][]float64{{1, 2}}, [][]float64{{1}}, []float64{1}) },
		func() { EVPI([][]float64{{1}}, [][]float64{{1}, {2}}, 1) },
	}
	for i, f := range bad {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("case %d did not panic", i)
				}
			}()
			f()
		}()
	}
}
