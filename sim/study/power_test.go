package study

import (
	"context"
	"math"
	"reflect"
	"testing"
)

func rctPlan(studies int) Plan {
	return Plan{
		Design:   Design{Kind: "rct", PerArm: 100},
		World:    World{Effect: 3, SD: 9, CAC: 1, Rho: 0.5},
		Analyses: []string{"ttest", "ancova"},
		Vary:     "per_arm", Sizes: []float64{100, 150}, Studies: studies,
		Alpha: 0.05, Power: 0.8, Seed: 11,
	}
}

// The runner's closed forms are the methods reference values: P1's power,
// P2's size (rounded up to whole people) and P3's MDE; the simulated power
// agrees with the closed form within 3 Monte Carlo SE.
func TestPlanRunAgreesWithClosedForms(t *testing.T) {
	res, err := rctPlan(2000).Run(context.Background(), 2, nil)
	if err != nil {
		t.Fatal(err)
	}
	p := res.Points[0] // ttest at 100 per arm
	if p.Analysis != "ttest" || p.Size != 100 {
		t.Fatalf("first point %s at %v", p.Analysis, p.Size)
	}
	if math.Abs(p.ClosedPower-0.650108691364332) > 1e-6 {
		t.Errorf("closed-form power %v, want P1 0.6501087", p.ClosedPower)
	}
	// R's 3.583260 is uniroot's answer to its tolerance 1.22e-4 (see
	// TestMDE); MDET solves to 1e-12.
	if math.Abs(p.ClosedMDE-MDET(100, 9, 0.05, 0.8, false)) > 1e-6 || math.Abs(p.ClosedMDE-3.583260) > 1.5e-4 {
		t.Errorf("closed-form MDE %v, want P3 3.583260 (MDET %v)", p.ClosedMDE, MDET(100, 9, 0.05, 0.8, false))
	}
	if res.Needed[0].Closed != 143 {
		t.Errorf("closed-form size for 80%% power %v, want P2 142.2466 rounded up to 143", res.Needed[0].Closed)
	}
	for _, q := range res.Points {
		if d := math.Abs(q.Power - q.ClosedPower); d > 3*q.PowerSE {
			t.Errorf("%s at %v: simulated power %v, closed form %v: %.1f MC SE apart", q.Analysis, q.Size, q.Power, q.ClosedPower, d/q.PowerSE)
		}
		if q.Fitted != 2000 || q.MeanFollowed != 2*q.Size {
			t.Errorf("%s at %v: fitted %d, people %v", q.Analysis, q.Size, q.Fitted, q.MeanFollowed)
		}
		// Coverage of 95% intervals: 3 MC SE of 0.95 with 2,000 studies is 0.015.
		if math.Abs(q.Coverage-0.95) > 0.015 || math.Abs(q.TypeI-0.05) > 0.015 {
			t.Errorf("%s at %v: coverage %v, type I error %v", q.Analysis, q.Size, q.Coverage, q.TypeI)
		}
	}
	// Between the grid sizes the interpolated size lies between them.
	if n := res.Needed[0].Simulated; !(n > 100 && n < 150) {
		t.Errorf("simulated size for 80%% power %v, want between 100 and 150", n)
	}
}

// Results do not depend on the number of workers.
func TestPlanRunIsDeterministic(t *testing.T) {
	a, err := rctPlan(100).Run(context.Background(), 1, nil)
	if err != nil {
		t.Fatal(err)
	}
	b, err := rctPlan(100).Run(context.Background(), 3, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a, b) {
		t.Error("results differ between 1 and 3 workers")
	}
}

// An uncontrolled before-after study reports the natural change as effect:
// its bias is the secular change and its type I error far above alpha.
func TestBeforeAfterIsBiasedBySecularChange(t *testing.T) {
	p := Plan{
		Design: Design{Kind: "before_after", PerArm: 200}, World: World{Effect: 1, SD: 9, CAC: 1, Rho: 0.5, Secular: 2},
		Analyses: []string{"before_after"}, Vary: "per_arm", Sizes: []float64{200}, Studies: 2000, Alpha: 0.05, Power: 0.8, Seed: 3,
	}
	res, err := p.Run(context.Background(), 2, nil)
	if err != nil {
		t.Fatal(err)
	}
	q := res.Points[0]
	// The change score has SD 9·√(2(1 − 0.5)) = 9; over 2,000 studies of
	// 200 the mean estimate's MC SE is 9/√200/√2000 ≈ 0.014.
	if math.Abs(q.Bias-2) > 0.05 || q.TypeI < 0.5 {
		t.Errorf("bias %v (want 2), type I error %v (want far above 0.05)", q.Bias, q.TypeI)
	}
}

// BenchmarkStudyRCT is the speed target: the study-rct plan (6 grid
// sizes × 5,000 studies, each also simulated with no effect, two analyses)
// in under 10 s on 2 cores. Run with -benchtime 1x.
func BenchmarkStudyRCT(b *testing.B) {
	p := rctPlan(5000)
	p.Sizes = []float64{50, 100, 150, 200, 250, 300}
	p.World.Attrition = 0.1
	for b.Loop() {
		if _, err := p.Run(context.Background(), 0, nil); err != nil {
			b.Fatal(err)
		}
	}
}
