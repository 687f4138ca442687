package sim

import (
	"context"
	"testing"
)

// defaultArms returns the default scenario and its default comparator (no
// social prescribing).
func defaultArms(p Params) func(int, uint64) (Params, Params, []Draw, error) {
	c := p
	c.Rollout.Enabled = false
	return func(int, uint64) (Params, Params, []Draw, error) { return p, c, nil, nil }
}

// BenchmarkRunPCNTypical measures one run (both arms) of the default scenario
// on one worker and reports paired person-years per second.
func BenchmarkRunPCNTypical(b *testing.B) {
	p := DefaultParams()
	e := Ensemble{PCNs: SyntheticPCNs(p), Runs: 1, Workers: 1, Arms: defaultArms(p)}
	var py float64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		e.Seed = uint64(i)
		if err := e.Run(context.Background(), func(r *RunResult) error {
			py += r.PersonYears[ScenarioArm]
			return nil
		}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(py/b.Elapsed().Seconds(), "paired-person-years/s")
}
