package study

import (
	"math"
	"testing"
)

func TestRTMGolden(t *testing.T) {
	// Barnett example: μ = 60, σ = 15, selected if ≤ 40, ρ = 0, .1, …, 1.
	want := []float64{26.9720, 24.2748, 21.5776, 18.8804, 16.1832, 13.4860, 10.7888, 8.0916, 5.3944, 2.6972, 0}
	for i, w := range want {
		rho := float64(i) / 10
		near(t, "RTMBarnett rho", RTMBarnett(60, 15, rho, 40, 1), w, 1e-4)
	}
	near(t, "B1 RTMBarnett rho=.5", RTMBarnett(60, 15, 0.5, 40, 1), 13.4860, 1e-4)
	near(t, "RTMBarnett m=2", RTMBarnett(60, 15, 0.5, 40, 2), 8.5408, 1e-4)
	// WEMWBS: μ = 51, σ = 9, referred if < 40, ρ = .7.
	base := SelectedMeanBelow(51, 9, 40)
	near(t, "WEMWBS referred baseline", base, 35.6473, 1e-4)
	near(t, "B1 WEMWBS RTMGalton", RTMGalton(0.7, 51, base), 4.6058, 1e-4)
	near(t, "B1 WEMWBS RTMBarnett", RTMBarnett(51, 9, 0.7, 40, 1), 4.6058, 1e-4)
	// Galton and Barnett agree exactly for one baseline measurement.
	for _, rho := range []float64{0.1, 0.4, 0.9} {
		near(t, "Galton = Barnett (m=1)", RTMGalton(rho, 60, SelectedMeanBelow(60, 15, 40)), RTMBarnett(60, 15, rho, 40, 1), 1e-12)
	}
	// More baseline measurements reduce RTM.
	if !(RTMBarnett(60, 15, 0.5, 40, 3) < RTMBarnett(60, 15, 0.5, 40, 2)) {
		t.Error("RTM should fall with more baseline measurements")
	}
	// The Mills ratio stays finite far in the tail (≈ z).
	if r := millsUpper(40); math.Abs(r-40.025) > 1e-3 {
		t.Errorf("millsUpper(40) = %g", r)
	}
}

func TestLTFUGolden(t *testing.T) {
	// B2: 60% retention, λ = .3, σ = 9.
	near(t, "B2 LTFUBias", LTFUBias(0.3, 9, 0.6), 1.7385, 1e-4)
	near(t, "no selection", LTFUBias(0, 9, 0.6), 0, 0)
	// Full retention has (almost) no bias; lower retention more.
	if !(LTFUBias(0.3, 9, 0.4) > LTFUBias(0.3, 9, 0.6)) {
		t.Error("bias should grow as retention falls")
	}
}
