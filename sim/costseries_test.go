package sim

import (
	"math"
	"testing"
)

// The weekly cost series are the undiscounted flows behind the cost
// metrics: discounted week by week (by discount year, as the engine does)
// they add up to each metric, in both engines and both arms.
func TestCostSeriesAddUpToCosts(t *testing.T) {
	for _, p := range []Params{smallParams(), digitalParams(0.11)} {
		for _, reference := range []bool{false, true} {
			e := Ensemble{PCNs: SyntheticPCNs(p), Runs: 2, Seed: 3, Workers: 2, Reference: reference,
				Arms: func(int, uint64) (Params, Params, []Draw, error) { return p, noSP(p), nil, nil }}
			var rs []*RunResult
			if err := e.Run(t.Context(), func(r *RunResult) error { rs = append(rs, r); return nil }); err != nil {
				t.Fatal(err)
			}
			for _, r := range rs {
				for a := ScenarioArm; a < NumArms; a++ {
					for _, c := range []struct {
						s Series
						m Metric
					}{{SCostLW, MCostLW}, {SCostDigital, MCostDigital}, {SCostVCSE, MCostVCSE}, {SCostGP, MCostGP}, {SCostAE, MCostAE}} {
						var sum float64
						for w, v := range r.Weekly[a][c.s] {
							sum += math.Pow(1+p.QALY.DiscountRate, -float64(w/52)) * v
						}
						want := r.Values[a][c.m][GroupAll]
						if math.Abs(sum-want) > 1e-9*math.Max(1, math.Abs(want)) {
							t.Errorf("reference %v run %d %s %s: discounted weekly sum %v, metric %v", reference, r.Run, a, c.s, sum, want)
						}
					}
				}
			}
		}
	}
}
