package econ

import "testing"

// Illustrative DCEA run of methods.md §4.4 (all inputs invented there).
func TestDCEAIllustrative(t *testing.T) {
	pop := 200000.0
	in := DCEAInput{
		BaselineQALE:  []float64{62.0, 65.5, 68.0, 70.3, 72.5},
		Population:    []float64{pop, pop, pop, pop, pop},
		IncQALY:       []float64{1200, 1000, 800, 600, 400},
		IncCost:       40e6,
		Threshold:     20000,
		OppCostShares: []float64{.26, .22, .20, .17, .15},
		AtkinsonEps:   []float64{0, 1, 10.95},
		KolmAlpha:     []float64{0.15},
	}
	r, err := DCEA(in)
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []float64{680, 560, 400, 260, 100} {
		near(t, "NHB by quintile", r.NHB[i], want, 1e-9)
	}
	near(t, "total NHB", r.TotalNHB, 2000, 1e-9)
	// ΔEDE × N printed to 3 dp: tolerance 5e-4.
	for i, want := range []float64{2000.000, 2059.035, 2636.383} {
		near(t, "Atkinson ΔEDE×N", r.Atkinson[i].EquityWeightedQALY, want, 5e-4)
	}
	near(t, "Kolm(0.15) ΔEDE×N", r.Kolm[0].EquityWeightedQALY, 2545.916, 5e-4)
	// Atkinson(10.95) index 0.016557 → 0.016547 (6 dp).
	near(t, "Atkinson(10.95) before", r.Atkinson[2].IndexBefore, 0.016557, 5e-7)
	near(t, "Atkinson(10.95) after", r.Atkinson[2].IndexAfter, 0.016547, 5e-7)
	// First-order approximation with normalised Atkinson weights: 2593.319.
	near(t, "first-order Atkinson(10.95)", r.Atkinson[2].FirstOrder, 2593.319, 5e-4)
	near(t, "first-order ε=0", r.Atkinson[0].FirstOrder, 2000, 1e-9)
	// SII falls from 12.9 to 12.89635.
	near(t, "SII before", r.SIIBefore, 12.9, 1e-9)
	near(t, "SII after", r.SIIAfter, 12.89635, 5e-6)
}

func TestDCEAErrors(t *testing.T) {
	ok := DCEAInput{
		BaselineQALE: []float64{60, 70}, Population: []float64{1, 1}, IncQALY: []float64{1, 1},
		IncCost: 1, Threshold: 20000, OppCostShares: []float64{.5, .5},
	}
	if _, err := DCEA(ok); err != nil {
		t.Fatal(err)
	}
	bad := ok
	bad.OppCostShares = []float64{.5, .6}
	if _, err := DCEA(bad); err == nil {
		t.Error("shares not summing to 1: want error")
	}
	bad = ok
	bad.Threshold = 0
	if _, err := DCEA(bad); err == nil {
		t.Error("zero threshold: want error")
	}
	bad = ok
	bad.IncQALY = []float64{1}
	if _, err := DCEA(bad); err == nil {
		t.Error("length mismatch: want error")
	}
}
