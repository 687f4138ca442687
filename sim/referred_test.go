package sim

import (
	"math"
	"testing"
)

// The referral records are the measurements behind
// wellbeing_change_referred: their mean change in each arm is the metric,
// in both engines, and they are kept only when asked for.
func TestReferredRecordsMatchMetric(t *testing.T) {
	p := smallParams()
	for _, reference := range []bool{false, true} {
		e := Ensemble{PCNs: SyntheticPCNs(p), Runs: 2, Seed: 9, Workers: 2, Reference: reference, KeepReferred: true,
			Arms: func(int, uint64) (Params, Params, []Draw, error) { return p, noSP(p), nil, nil }}
		n := 0
		if err := e.Run(t.Context(), func(r *RunResult) error {
			if len(r.Referred) < 20 {
				t.Fatalf("reference %v run %d: %d referral records", reference, r.Run, len(r.Referred))
			}
			for a := ScenarioArm; a < NumArms; a++ {
				var sum, cnt float64
				for _, x := range r.Referred {
					if d := x.FollowUp[a] - x.Baseline; !math.IsNaN(float64(d)) {
						sum += float64(d)
						cnt++
					}
				}
				want := r.Values[a][MWellbeingChangeReferred][GroupAll]
				if got := sum / cnt; math.Abs(got-want) > 1e-9*math.Max(1, math.Abs(want)) {
					t.Errorf("reference %v run %d %s: records' mean change %v, metric %v", reference, r.Run, a, got, want)
				}
			}
			for _, x := range r.Referred {
				if x.IMD < 1 || x.IMD > 5 || int(x.Practice) >= p.PCNs.Practices || x.Week < 0 {
					t.Fatalf("bad record %+v", x)
				}
			}
			n++
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		if n != 2 {
			t.Fatalf("%d runs", n)
		}
	}
	for _, r := range runEnsemble(t, p, noSP(p), 1, 1) {
		if r.Referred != nil {
			t.Error("records kept without KeepReferred")
		}
	}
}
