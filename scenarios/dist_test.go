package scenarios

import (
	"math"
	"testing"
)

func TestDrawDeterministicAndIndependent(t *testing.T) {
	one, err := Load("pcn-typical", []string{`effects.wellbeing={dist="normal",mean=0.5,sd=0.2}`})
	if err != nil {
		t.Fatal(err)
	}
	// More distributions, given in a different order, must not change the draw.
	many, err := Load("pcn-typical", []string{
		`support.onward_uptake={dist="beta",alpha=2,beta=3}`,
		`effects.wellbeing={dist="normal",mean=0.5,sd=0.2}`,
		`effects.gp_rr={dist="gamma",shape=20,rate=20}`,
	})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[float64]bool{}
	for seed := range uint64(50) {
		a, _, _, err := one.Arms(0, seed)
		if err != nil {
			t.Fatal(err)
		}
		b, _, _, _ := one.Arms(7, seed) // run index does not matter, only the seed
		c, _, draws, _ := many.Arms(0, seed)
		if a.Effects.Wellbeing != b.Effects.Wellbeing || a.Effects.Wellbeing != c.Effects.Wellbeing {
			t.Errorf("seed %d: draws %g, %g, %g differ", seed, a.Effects.Wellbeing, b.Effects.Wellbeing, c.Effects.Wellbeing)
		}
		if len(draws) != 3 || draws[0].Key != "effects.gp_rr" || draws[2].Key != "support.onward_uptake" {
			t.Errorf("draws = %v, want sorted by key", draws)
		}
		seen[a.Effects.Wellbeing] = true
	}
	if len(seen) < 50 {
		t.Errorf("only %d distinct values over 50 seeds", len(seen))
	}
}

func TestDrawWithinRange(t *testing.T) {
	// Most of this normal lies outside [-2, 3]; draws are truncated to it.
	d := dist{name: "normal", p: []float64{2.5, 1}}
	lo, hi := -2.0, 3.0
	for seed := range uint64(2000) {
		x, err := d.draw(seed, "effects.wellbeing", &lo, &hi, false)
		if err != nil {
			t.Fatal(err)
		}
		if x < lo || x > hi {
			t.Fatalf("seed %d: %g outside [%g, %g]", seed, x, lo, hi)
		}
	}
	// Integers are rounded, then kept in range.
	i := dist{name: "uniform", p: []float64{0, 5}}
	ilo, ihi := 1.0, 4.0
	for seed := range uint64(500) {
		x, err := i.draw(seed, "support.onward_at_contact", &ilo, &ihi, true)
		if err != nil {
			t.Fatal(err)
		}
		if x != math.Round(x) || x < ilo || x > ihi {
			t.Fatalf("seed %d: %g", seed, x)
		}
	}
	// A distribution that can never land in range fails after maxRedraws.
	far := dist{name: "uniform", p: []float64{10, 11}}
	if _, err := far.draw(1, "k", &lo, &hi, false); err == nil {
		t.Error("no error for a distribution outside the range")
	}
}

func TestDrawMean(t *testing.T) {
	d := dist{name: "normal", p: []float64{0.5, 0.2}}
	lo, hi := -2.0, 3.0
	const n = 20000
	var sum float64
	for seed := range uint64(n) {
		x, err := d.draw(seed, "effects.wellbeing", &lo, &hi, false)
		if err != nil {
			t.Fatal(err)
		}
		sum += x
	}
	mean, se := sum/n, 0.2/math.Sqrt(n)
	if math.Abs(mean-0.5) > 4*se {
		t.Errorf("mean of %d draws = %g, want 0.5 ± %g", n, mean, 4*se)
	}
}

func TestDistMeans(t *testing.T) {
	tests := []struct {
		d    dist
		mean float64
	}{
		{dist{"normal", []float64{0.5, 0.2}}, 0.5},
		{dist{"lognormal", []float64{0, 0.5}}, math.Exp(0.125)},
		{dist{"beta", []float64{2, 6}}, 0.25},
		{dist{"gamma", []float64{4, 2}}, 2},
		{dist{"uniform", []float64{1, 3}}, 2},
		{dist{"triangular", []float64{0, 1, 5}}, 2},
	}
	for _, tt := range tests {
		if got := tt.d.representative(nil, nil, false); math.Abs(got-tt.mean) > 1e-9 {
			t.Errorf("%s: representative %g, want %g", tt.d, got, tt.mean)
		}
		if msg := tt.d.check(); msg != "" {
			t.Errorf("%s: %s", tt.d, msg)
		}
		if msg := tt.d.checkRange(nil, nil); msg != "" {
			t.Errorf("%s unbounded: %s", tt.d, msg)
		}
		lo, hi := 0.0, 1.0
		if msg := tt.d.checkRange(&lo, &hi); msg != "" && tt.d.name != "uniform" && tt.d.name != "gamma" {
			t.Errorf("%s in [0, 1]: %s", tt.d, msg)
		}
	}
}
