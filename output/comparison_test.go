package output

import (
	"math"
	"testing"

	"spsim/sim"
)

// fakeRun is a run whose scenario arm costs cost (all on link workers) and
// gains qaly, against a comparator costing 100 with 10 QALYs.
func fakeRun(run int, cost, qaly float64) *sim.RunResult {
	r := &sim.RunResult{Run: run}
	set := func(a sim.Arm, lw, use, q float64) {
		v := &r.Values[a]
		v[sim.MCostLW][sim.GroupAll] = lw
		v[sim.MCostGP][sim.GroupAll] = use
		v[sim.MQALYs][sim.GroupAll] = q
		for g := sim.GroupIMD1; g <= sim.GroupIMD5; g++ {
			v[sim.MQALYs][g] = q / 5
			v[sim.MAdults][g] = 1000
		}
	}
	set(sim.ScenarioArm, cost, 100, 10+qaly)
	set(sim.CounterfactualArm, 0, 100, 10)
	return r
}

// The analysis of fixed runs matches a hand computation: increments are
// per-run differences, the ICER is the ratio of mean increments, the chance
// of being cost-effective is the share of runs with a positive incremental
// NMB, and the acceptability curves credit each run to its best option.
func TestComparisonAnalysisByHand(t *testing.T) {
	meta := CompareMeta{Name: "t", Options: []OptionMeta{{"base", ""}, {"a", ""}, {"b", ""}}, Comparator: 0, Runs: 2,
		Thresholds: []float64{20000}, OppCostThreshold: 20000,
		OppCostShares: [5]float64{.2, .2, .2, .2, .2}, BaselineQALE: [5]float64{60, 62, 64, 66, 68}}
	c := NewComparison(meta)
	// Option a: costs 1,000 and 3,000, gains 0.1 and 0.05 QALYs.
	c.Add(1, fakeRun(0, 1000, 0.1))
	c.Add(1, fakeRun(1, 3000, 0.05))
	// Option b: costs 500 and 500, gains 0.01 and 0.03.
	c.Add(2, fakeRun(0, 500, 0.01))
	c.Add(2, fakeRun(1, 500, 0.03))
	a := c.analyse()
	near := func(got, want float64) bool { return math.Abs(got-want) <= 1e-9*math.Max(1, math.Abs(want)) }
	oa, ob := a.options[1], a.options[2]
	if !near(oa.IncCost.Mean, 2000) || !near(oa.IncQALYs.Mean, 0.075) || !near(oa.ICER, 2000/0.075) {
		t.Errorf("a: inc cost %v, QALYs %v, ICER %v; want 2000, 0.075, %v", oa.IncCost.Mean, oa.IncQALYs.Mean, oa.ICER, 2000/0.075)
	}
	if !near(oa.IncCostBy["nhs_social_prescribing"].Mean, 2000) || oa.IncCostBy["nhs_use"].Mean != 0 {
		t.Errorf("a: by payer %v", oa.IncCostBy)
	}
	// INB at 20,000: a: 2000-1000 = 1000 > 0, 1000-3000 < 0 → 0.5;
	// b: 200-500 < 0, 600-500 > 0 → 0.5.
	if oa.ProbCE[0] != 0.5 || ob.ProbCE[0] != 0.5 {
		t.Errorf("P(CE) a %v, b %v; want 0.5, 0.5", oa.ProbCE[0], ob.ProbCE[0])
	}
	// NMB by run at 20,000 (relative to the comparator's, which is 0):
	// run 0: a 1000, b -300 → a; run 1: a -2000, b 100 → b.
	i := 20 // lambda 20,000 on the 1,000 grid
	if a.lambdas[i] != 20000 || a.ceac[i][1] != 0.5 || a.ceac[i][2] != 0.5 || a.ceac[i][0] != 0 {
		t.Errorf("CEAC at %v: %v", a.lambdas[i], a.ceac[i])
	}
	// EVPI: E[max NMB] - max E[NMB] = (1000 + 100)/2 - max(0, -500, -100) = 550.
	if !near(a.evpi[0], 550) {
		t.Errorf("EVPI %v, want 550", a.evpi[0])
	}
	// Distributional: opportunity cost 2000/20000 = 0.1 QALYs, 0.02 each.
	if oa.DCEA == nil || !near(oa.DCEA.OppCostQALY[0], 0.02) || !near(oa.DCEA.NHB[0], 0.075/5-0.02) {
		t.Errorf("a DCEA %+v", oa.DCEA)
	}
}
