package study

import (
	"errors"
	"testing"
)

type swCase struct {
	name             string
	I, S, b, t       int
	n                float64
	sigmaE2, tau2    float64
	theta            float64
	variance         float64 // HH = GLS (methods.md §2.3)
	powerHH, powerSW float64 // one tail (HH); both tails (swCRTdesign::swPwr)
}

func swCases() []swCase {
	sA, thA := HHBinomial(0.05, 0.035)
	return []swCase{
		{"A binomial (S1)", 24, 4, 1, 1, 120, sA, 0.01 * 0.01, thA, 2.96823136e-05, 0.7861884, 0.7861896},
		{"B", 20, 4, 1, 1, 20, 0.95 * 81, 0.05 * 81, 3, 0.4636481013, 0.9927746, 0.9927746184},
		{"C", 10, 5, 1, 1, 15, 0.98 * 81, 0.02 * 81, 2, 0.9058965517, 0.5562028, 0.5562271828},
		{"D continuous (S2)", 20, 4, 1, 1, 10, 0.95 * 81, 0.05 * 81, 2, 0.8668653061, 0.5746144, 0.5746343334},
	}
}

func TestSWDesign(t *testing.T) {
	X := SWDesign(6, 3, 1, 2)
	want := [][]float64{
		{0, 1, 1, 1, 1, 1, 1},
		{0, 1, 1, 1, 1, 1, 1},
		{0, 0, 0, 1, 1, 1, 1},
		{0, 0, 0, 1, 1, 1, 1},
		{0, 0, 0, 0, 0, 1, 1},
		{0, 0, 0, 0, 0, 1, 1},
	}
	for i := range want {
		for j := range want[i] {
			if X[i][j] != want[i][j] {
				t.Fatalf("SWDesign(6,3,1,2) row %d = %v, want %v", i, X[i], want[i])
			}
		}
	}
	defer func() {
		if recover() == nil {
			t.Error("SWDesign(10, 4, 1, 1) should panic")
		}
	}()
	SWDesign(10, 4, 1, 1)
}

// S1, S2 and cases B, C: HH closed form, GLS, and both power conventions.
func TestHHGolden(t *testing.T) {
	for _, c := range swCases() {
		X := SWDesign(c.I, c.S, c.b, c.t)
		v := HHVar(X, c.sigmaE2, c.tau2, c.n)
		near(t, c.name+" HHVar", v, c.variance, 1e-6)
		near(t, c.name+" HHVar relative", v/c.variance, 1, 1e-9)
		g, err := GLSVar(X, c.sigmaE2, c.tau2, ConstantN(c.I, len(X[0]), c.n))
		if err != nil {
			t.Fatal(err)
		}
		near(t, c.name+" GLSVar/HHVar", g/v, 1, 1e-9)
		near(t, c.name+" HHPower (1 tail)", HHPower(c.theta, X, c.sigmaE2, c.tau2, c.n, 0.05), c.powerHH, 1e-6)
		near(t, c.name+" swPwr (2 tails)", WaldPowerZ(c.theta, v, 0.05, true), c.powerSW, 1e-6)
	}
}

// Property: the HH closed form holds for any complete 0/1 design with
// equal cluster-period sizes, not only stepped wedges.
func TestGLSEqualsHHOnOtherDesigns(t *testing.T) {
	designs := map[string][][]float64{
		"SW b=2 t=2": SWDesign(12, 3, 2, 2),
		"parallel":   {{1, 1, 1}, {1, 1, 1}, {0, 0, 0}, {0, 0, 0}},
		"crossover":  {{1, 0}, {1, 0}, {0, 1}, {0, 1}, {0, 1}},
		"irregular":  {{0, 1, 1, 0}, {0, 0, 1, 1}, {1, 0, 0, 1}, {0, 0, 0, 1}, {0, 1, 1, 1}},
	}
	for name, X := range designs {
		h := HHVar(X, 0.9, 0.1, 7)
		g, err := GLSVar(X, 0.9, 0.1, ConstantN(len(X), len(X[0]), 7))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		near(t, name+" GLS/HH", g/h, 1, 1e-9)
	}
}

// Comparator in methods.md §2.3: a parallel CRT with 10 clusters per arm
// and 50 observations per cluster has DE 3.45 and power 0.4728 (θ = 2).
func TestGLSParallelComparator(t *testing.T) {
	X := make([][]float64, 20)
	for i := range X {
		X[i] = make([]float64, 5)
		if i < 10 {
			for j := range X[i] {
				X[i][j] = 1
			}
		}
	}
	g, err := GLSVar(X, 0.95*81, 0.05*81, ConstantN(20, 5, 10))
	if err != nil {
		t.Fatal(err)
	}
	near(t, "parallel GLS = 2σ²DE/(km)", g, ClusterVarDiff(10, 50, 9, DesignEffect(50, 0.05)), 1e-12)
	near(t, "parallel comparator power", WaldPowerZ(2, g, 0.05, false), 0.4728, 5e-5)

	// CAC: for a parallel design Var = (2/k)(cac·τ² + ((1 − cac)τ² + σ²/n)/T).
	for _, cac := range []float64{1, 0.8, 0.5} {
		gc, err := GLSVarCAC(X, 0.95*81, 0.05*81, cac, ConstantN(20, 5, 10))
		if err != nil {
			t.Fatal(err)
		}
		want := 2.0 / 10 * (cac*0.05*81 + ((1-cac)*0.05*81+0.95*81/10)/5)
		near(t, "parallel GLS with CAC", gc, want, 1e-12)
	}
}

func TestGLSIncompleteAndErrors(t *testing.T) {
	X := SWDesign(8, 4, 1, 1)
	full := ConstantN(8, 5, 10)
	v0, _ := GLSVar(X, 0.95, 0.05, full)
	cac1, _ := GLSVarCAC(X, 0.95, 0.05, 1, full)
	near(t, "GLSVarCAC(cac=1) = GLSVar", cac1, v0, 1e-15)
	// Lower CAC raises SW variance here.
	cac5, _ := GLSVarCAC(X, 0.95, 0.05, 0.5, full)
	if !(cac5 > v0) {
		t.Errorf("CAC 0.5 variance %g not above CAC 1 %g", cac5, v0)
	}
	// Dropping cells (incomplete design) cannot reduce the variance.
	inc := ConstantN(8, 5, 10)
	inc[0][4], inc[7][0] = 0, 0
	v1, err := GLSVar(X, 0.95, 0.05, inc)
	if err != nil {
		t.Fatal(err)
	}
	if !(v1 > v0) {
		t.Errorf("incomplete design variance %g not above complete %g", v1, v0)
	}
	// Unequal sizes: doubling every n lowers the variance.
	dbl := ConstantN(8, 5, 20)
	v2, _ := GLSVar(X, 0.95, 0.05, dbl)
	near(t, "GLS n=20 = HH n=20", v2, HHVar(X, 0.95, 0.05, 20), 1e-12)
	// No treated cells: not estimable.
	zero := make([][]float64, 4)
	for i := range zero {
		zero[i] = make([]float64, 3)
	}
	if _, err := GLSVar(zero, 1, 0.1, ConstantN(4, 3, 5)); !errors.Is(err, ErrNotEstimable) {
		t.Errorf("all-control design: err = %v, want ErrNotEstimable", err)
	}
	if _, err := GLSVarCAC(X, 1, 0.1, 1.5, full); err == nil {
		t.Error("cac > 1 should be an error")
	}
}

// S3: Woertman DEs from Kristunas et al. (2017) Table 2, ICC .05; and the
// DE implied by the HH variance, I·n·Var_HH/(4σ²), which should equal them
// for any number of clusters per step.
func TestWoertmanGolden(t *testing.T) {
	cases := []struct {
		k    int
		n    float64
		want float64
	}{{4, 10, 0.5351}, {3, 20, 0.7667}, {4, 20, 0.5724}}
	for _, c := range cases {
		de := WoertmanDE(c.k, 1, 1, c.n, 0.05)
		near(t, "S3 WoertmanDE", de, c.want, 1e-4)
		for _, per := range []int{1, 3, 7} {
			I := c.k * per
			X := SWDesign(I, c.k, 1, 1)
			hh := float64(I) * c.n * HHVar(X, 0.95, 0.05, c.n) / 4
			near(t, "HH-implied DE", hh, de, 1e-9)
		}
	}
}
