package sim

import (
	"context"
	"math"
	"testing"
)

// The event engine and the reference engine (every person stepped every
// week) simulate the same model with different random numbers, so across
// runs their metrics must agree within Monte Carlo error. For each metric the
// test compares the two engines' means over n runs and fails if they differ
// by more than 4 standard errors of the difference (sqrt(sd1^2/n + sd2^2/n)).
// With 17 metrics compared in each of two cases, a correct engine fails by
// chance with probability about 34 x 6e-5 = 0.002 (and the seeds are fixed,
// so the outcome is stable). The second case has the service go live in the
// burn-in, where the event engine must draw consultations (contactsFrom).
func TestEventEngineAgreesWithReference(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the reference engine")
	}
	p := smallParams()
	p.Simulation.Years = 2.5
	p.Effects.Wellbeing = 0.4 // large enough that the arms differ clearly
	p.Effects.NeedResolutionRR = 1.5
	t.Run("go-live at the start", func(t *testing.T) { engineAgreesWithReference(t, p) })
	// A year of service before the start fills the queue and caseloads by
	// week 0 (with no consultations drawn then, they would start empty).
	p.Simulation.BurnInWeeks = 60
	p.Rollout.GoLive = p.Simulation.Start.AddDays(-7 * 52)
	t.Run("go-live in the burn-in", func(t *testing.T) { engineAgreesWithReference(t, p) })
}

// engineAgreesWithReference is TestEventEngineAgreesWithReference for
// scenario p against no social prescribing.
func engineAgreesWithReference(t *testing.T, p Params) {
	c := noSP(p)
	const n = 40
	run := func(reference bool) []*RunResult {
		e := Ensemble{PCNs: SyntheticPCNs(p), Runs: n, Seed: 11, Workers: 2, Reference: reference,
			Arms: func(int, uint64) (Params, Params, []Draw, error) { return p, c, nil, nil }}
		var out []*RunResult
		if err := e.Run(context.Background(), func(r *RunResult) error { out = append(out, r); return nil }); err != nil {
			t.Fatal(err)
		}
		return out
	}
	ev, ref := run(false), run(true)
	type check struct {
		m   Metric
		arm Arm
		g   Group
	}
	checks := []check{
		{MWellbeingMean, ScenarioArm, GroupAll}, {MWellbeingMean, CounterfactualArm, GroupIMD1},
		{MQALYsPerPerson, ScenarioArm, GroupAll}, {MGPRate, ScenarioArm, GroupAll}, {MAERate, ScenarioArm, GroupAll},
		{MNeedsResolvedRate, ScenarioArm, GroupAll}, {MNeedsResolvedRate, CounterfactualArm, GroupAll},
		{MReferralsRate, ScenarioArm, GroupAll}, {MReferralsRate, ScenarioArm, GroupMale},
		{MFirstContactRate, ScenarioArm, GroupAll}, {MAnyInterventionRate, ScenarioArm, GroupAll},
		{MWaitMean, ScenarioArm, GroupAll}, {MWellbeingChangeReferred, ScenarioArm, GroupAll},
		{MWellbeingChangeReferred, CounterfactualArm, GroupAll}, {MWellbeingChange, ScenarioArm, GroupAll},
		{MCostGP, ScenarioArm, GroupAll},
	}
	for _, ck := range checks {
		value := func(r *RunResult) float64 { return r.Values[ck.arm][ck.m][ck.g] }
		m1, s1, _ := statsOf(ev, value)
		m2, s2, _ := statsOf(ref, value)
		se := math.Sqrt(s1*s1/n + s2*s2/n)
		t.Logf("%-28s %-14s %-6s event %12.5f  reference %12.5f  (%.1f SE)", ck.m, ck.arm, ck.g, m1, m2, (m1-m2)/se)
		if math.Abs(m1-m2) > 4*se {
			t.Errorf("%s %s %s: event %.5f vs reference %.5f differ by %.1f SE", ck.m, ck.arm, ck.g, m1, m2, math.Abs(m1-m2)/se)
		}
	}
	// The effect itself: the difference between arms in mean wellbeing.
	diff := func(r *RunResult) float64 {
		return r.Values[ScenarioArm][MWellbeingMean][GroupAll] - r.Values[CounterfactualArm][MWellbeingMean][GroupAll]
	}
	d1, sd1, _ := statsOf(ev, diff)
	d2, sd2, _ := statsOf(ref, diff)
	se := math.Sqrt(sd1*sd1/n + sd2*sd2/n)
	t.Logf("wellbeing_mean difference between arms: event %.5f reference %.5f (%.1f SE)", d1, d2, (d1-d2)/se)
	if math.Abs(d1-d2) > 4*se || d2 <= 0 {
		t.Errorf("difference in wellbeing_mean: event %.5f vs reference %.5f (SE %.5f)", d1, d2, se)
	}
}
