package econ

import (
	"math"
	"math/rand/v2"
	"testing"
)

// The five options of methods.md §4.1.
var fiveOptions = []Option{
	{"Usual care", 0, 0},
	{"Digital signposting", 60, 0.004},
	{"Link worker", 320, 0.018},
	{"LW + grants", 520, 0.024},
	{"Group activities only", 300, 0.010},
}

func TestFrontierGolden(t *testing.T) {
	// E2: ICERs 15000, 18571.43, 33333.33 (tol 1e-2); "Group activities only"
	// extendedly dominated. Rows in cost order.
	rows := Frontier(fiveOptions)
	want := []struct {
		name   string
		status Status
		comp   string
		icer   float64
	}{
		{"Usual care", Reference, "", math.NaN()},
		{"Digital signposting", OnFrontier, "Usual care", 15000},
		{"Group activities only", ExtendedlyDominated, "", math.NaN()},
		{"Link worker", OnFrontier, "Digital signposting", 18571.43},
		{"LW + grants", OnFrontier, "Link worker", 33333.33},
	}
	if len(rows) != len(want) {
		t.Fatalf("got %d rows", len(rows))
	}
	for i, w := range want {
		r := rows[i]
		if r.Name != w.name || r.Status != w.status || r.Comparator != w.comp {
			t.Errorf("row %d = %q %v vs %q, want %q %v vs %q", i, r.Name, r.Status, r.Comparator, w.name, w.status, w.comp)
		}
		if math.IsNaN(w.icer) {
			if !math.IsNaN(r.ICER) {
				t.Errorf("row %d ICER = %g, want NaN", i, r.ICER)
			}
		} else {
			near(t, "E2 ICER "+w.name, r.ICER, w.icer, 1e-2)
		}
	}
	if rows[2].Index != 4 || rows[3].Index != 2 {
		t.Errorf("Index not kept: %d %d", rows[2].Index, rows[3].Index)
	}
	near(t, "LW incremental cost", rows[3].IncCost, 260, 1e-12)
	near(t, "LW incremental QALY", rows[3].IncQALY, 0.014, 1e-15)
}

func TestNMBGolden(t *testing.T) {
	for _, c := range []struct {
		lambda float64
		want   []float64
	}{
		{20000, []float64{0, 20, 40, -40, -100}},
		{30000, []float64{0, 60, 220, 200, 0}},
	} {
		best := 0
		for i, o := range fiveOptions {
			v := NMB(o.Cost, o.QALY, c.lambda)
			near(t, o.Name+" NMB", v, c.want[i], 1e-9)
			if v > NMB(fiveOptions[best].Cost, fiveOptions[best].QALY, c.lambda) {
				best = i
			}
		}
		if fiveOptions[best].Name != "Link worker" {
			t.Errorf("best at %g = %s, want Link worker", c.lambda, fiveOptions[best].Name)
		}
	}
	// LW vs UC alone.
	near(t, "LW vs UC ICER", ICER(320, 0.018), 17777.78, 1e-2)
	near(t, "LW vs UC INB@20k", INB(320, 0.018, 20000), 40, 1e-9)
	near(t, "LW vs UC NHB (k=20k)", NHB(320, 0.018, 20000), 0.002, 1e-15)
}

func TestFrontierStrongDominance(t *testing.T) {
	opts := []Option{
		{"A", 100, 0.01},
		{"B", 100, 0.02},  // same cost, more effective: dominates A
		{"C", 150, 0.015}, // costlier and less effective than B
		{"D", 0, 0},
		{"E", 200, 0.02}, // costlier, equally effective as B
		{"F", 100, 0.02}, // exact duplicate of B: the first (B) is kept
	}
	rows := Frontier(opts)
	got := map[string]FrontierRow{}
	for _, r := range rows {
		got[r.Name] = r
	}
	for name, want := range map[string]Status{"A": StronglyDominated, "B": OnFrontier, "C": StronglyDominated,
		"D": Reference, "E": StronglyDominated, "F": StronglyDominated} {
		if got[name].Status != want {
			t.Errorf("%s: %v, want %v", name, got[name].Status, want)
		}
	}
	if got["A"].Comparator != "B" || got["C"].Comparator != "B" {
		t.Errorf("dominators: A by %q, C by %q", got["A"].Comparator, got["C"].Comparator)
	}
	near(t, "B ICER", got["B"].ICER, 5000, 1e-9)
	if Frontier(nil) != nil {
		t.Error("empty input")
	}
	one := Frontier([]Option{{"only", 5, 1}})
	if len(one) != 1 || one[0].Status != Reference {
		t.Errorf("single option: %+v", one)
	}
}

// The frontier rule and the max-NMB rule pick the same option (methods §4.1).
func TestFrontierMatchesNMBRule(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := 0; trial < 500; trial++ {
		opts := make([]Option, 2+rng.IntN(6))
		for i := range opts {
			opts[i] = Option{Name: string(rune('A' + i)), Cost: rng.Float64() * 1000, QALY: rng.Float64() * 0.05}
		}
		rows := Frontier(opts)
		prev := math.Inf(-1)
		for _, r := range rows {
			if r.Status == OnFrontier {
				if r.ICER <= prev || r.ICER <= 0 {
					t.Fatalf("ICERs not increasing: %+v", rows)
				}
				prev = r.ICER
			}
		}
		for _, lambda := range []float64{0, 5000, 20000, 30000, 100000} {
			chosen := ""
			for _, r := range rows {
				if r.Status == Reference || (r.Status == OnFrontier && r.ICER <= lambda) {
					chosen = r.Name
				}
			}
			best := opts[0]
			for _, o := range opts[1:] {
				if NMB(o.Cost, o.QALY, lambda) > NMB(best.Cost, best.QALY, lambda) {
					best = o
				}
			}
			if chosen != best.Name {
				t.Fatalf("λ=%g: frontier picks %s, NMB picks %s\n%+v", lambda, chosen, best.Name, rows)
			}
		}
	}
}
