package sim

import (
	"math"
	"testing"

	"spsim/sim/inequality"
)

// The inequality indices of a run are package inequality's indices of the
// run's own quintile values (whose formulas are tested against the methods
// reference there), the benefit SII is the SII of the quintile differences,
// and, since the SII is linear in the values and both arms share their
// population, it equals the difference of the arms' SIIs.
func TestRunInequalityIndices(t *testing.T) {
	p := smallParams()
	p.Effects.Wellbeing = 0.8 // a visible benefit
	rs := runEnsemble(t, p, noSP(p), 2, 2)
	for _, r := range rs {
		for a := ScenarioArm; a < NumArms; a++ {
			v := &r.Values[a]
			h, w, ok := quintiles(v, MWellbeingMean)
			if !ok {
				t.Fatalf("run %d %s: quintile wellbeing undefined", r.Run, a)
			}
			sii, _, _ := inequality.SII(h, w)
			rii, _ := inequality.RII(h, w)
			ci, _ := inequality.ConcentrationIndex(h, w)
			atk, _, _ := inequality.Atkinson(h, w, 10.95)
			for _, c := range []struct {
				m    Metric
				want float64
			}{{MSIIWellbeing, sii}, {MRIIWellbeing, rii}, {MCIWellbeing, ci}, {MAtkinsonWellbeing1095, atk}} {
				if got := v[c.m][GroupAll]; got != c.want {
					t.Errorf("run %d %s %s = %v, want %v", r.Run, a, c.m, got, c.want)
				}
			}
			// Wellbeing rises with the IMD quintile by construction
			// (wellbeing.imd_gradient = 1 point a quintile, before needs).
			if !(sii > 3 && rii > 1 && ci > 0) {
				t.Errorf("run %d %s: SII %v, RII %v, CI %v: want a gradient favouring the less deprived", r.Run, a, sii, rii, ci)
			}
		}
		for _, c := range []struct{ level, sii, benefit Metric }{
			{MWellbeingMean, MSIIWellbeing, MSIIWellbeingBenefit},
			{MQALYsPerPerson, MSIIQALYs, MSIIQALYsBenefit},
		} {
			got := r.Values[ScenarioArm][c.benefit][GroupAll]
			if Defined(r.Values[CounterfactualArm][c.benefit][GroupAll]) {
				t.Errorf("%s: defined in the counterfactual slot", c.benefit)
			}
			diff := r.Values[ScenarioArm][c.sii][GroupAll] - r.Values[CounterfactualArm][c.sii][GroupAll]
			if math.Abs(got-diff) > 1e-9*math.Max(1, math.Abs(diff)) {
				t.Errorf("run %d %s = %v, difference of the arms' SII %v", r.Run, c.benefit, got, diff)
			}
			if got == 0 {
				t.Errorf("run %d %s is exactly zero: the benefit should vary by quintile", r.Run, c.benefit)
			}
		}
	}
}
