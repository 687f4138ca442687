package sim

import (
	"context"
	"testing"
)

// smallParams is the default scenario shrunk so a run takes a fraction of a
// second: one PCN of 10,000 registered over 3 years.
func smallParams() Params {
	p := DefaultParams()
	p.PCNs.Registered = 10000
	p.PCNs.Practices = 3
	p.Simulation.Years = 3
	p.Simulation.BurnInWeeks = 26
	p.Outcomes.ReportYear = 2021
	return p
}

// runEnsemble runs n runs of scenario p against comparator c and returns
// the results in run order.
func runEnsemble(t testing.TB, p, c Params, n int, workers int) []*RunResult {
	t.Helper()
	e := Ensemble{PCNs: SyntheticPCNs(p), Runs: n, Seed: 7, Workers: workers,
		Arms: func(int, uint64) (Params, Params, []Draw, error) { return p, c, nil, nil }}
	var out []*RunResult
	if err := e.Run(context.Background(), func(r *RunResult) error {
		out = append(out, r)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

// noSP returns p with social prescribing switched off (the default comparator).
func noSP(p Params) Params {
	p.Rollout.Enabled = false
	return p
}

// meanOf returns the across-run mean and SD of metric m (group all) in arm a,
// over runs where it is defined.
func meanOf(rs []*RunResult, a Arm, m Metric) (mean, sd float64, n int) {
	return statsOf(rs, func(r *RunResult) float64 { return r.Values[a][m][GroupAll] })
}

// statsOf returns the mean and SD across runs of a value of each run,
// skipping runs where it is undefined.
func statsOf(rs []*RunResult, value func(*RunResult) float64) (mean, sd float64, n int) {
	var s, ss float64
	for _, r := range rs {
		v := value(r)
		if !Defined(v) {
			continue
		}
		s += v
		ss += v * v
		n++
	}
	if n == 0 {
		return undefined, undefined, 0
	}
	mean = s / float64(n)
	if n > 1 {
		sd = (ss - float64(n)*mean*mean) / float64(n-1)
		if sd < 0 {
			sd = 0
		}
		sd = sqrt(sd)
	}
	return mean, sd, n
}
