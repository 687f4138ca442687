package sim

import (
	"context"
	"fmt"
	"testing"
)

// Benchmarks of the engine. Throughput is reported in paired person-years
// per second of one core: adult-years simulated in the scenario arm with the
// comparator arm produced too (issue 3's unit). Run with
//
//	go test ./sim -run '^$' -bench . -benchtime 3x

// defaultArms returns the default scenario and its default comparator (no
// social prescribing).
func defaultArms(p Params) func(int, uint64) (Params, Params, []Draw, error) {
	c := p
	c.Rollout.Enabled = false
	return func(int, uint64) (Params, Params, []Draw, error) { return p, c, nil, nil }
}

// benchRuns runs b.N single-worker runs of p and reports throughput.
func benchRuns(b *testing.B, p Params) { benchEngine(b, p, false) }

// benchEngine runs an ensemble of b.N runs of p on one worker, with the event
// engine or the reference engine, and reports throughput. The worker reuses
// its state from run to run, as in any ensemble.
func benchEngine(b *testing.B, p Params, reference bool) {
	e := Ensemble{PCNs: SyntheticPCNs(p), Runs: b.N, Workers: 1, Arms: defaultArms(p), Reference: reference}
	var py float64
	b.ResetTimer()
	if err := e.Run(context.Background(), func(r *RunResult) error {
		py += r.PersonYears[ScenarioArm]
		return nil
	}); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(py/b.Elapsed().Seconds(), "paired-person-years/s")
	b.ReportMetric(b.Elapsed().Seconds()*1e9/py, "ns/paired-person-year")
}

// BenchmarkRunPCNTypical is one run (both arms) of the default scenario.
func BenchmarkRunPCNTypical(b *testing.B) { benchRuns(b, DefaultParams()) }

// BenchmarkEnglandPCN is one PCN of the england scenario: median size
// (45,040 registered, 5 practices), 10 years from July 2019, national path.
func BenchmarkEnglandPCN(b *testing.B) {
	p := DefaultParams()
	p.PCNs.Registered, p.PCNs.Practices = 45040, 5
	p.Simulation.Years = 10
	benchRuns(b, p)
}

// BenchmarkPopulationSize shows that cost grows linearly in people x years:
// ns per paired person-year should be flat across list sizes.
func BenchmarkPopulationSize(b *testing.B) {
	for _, n := range []float64{10000, 40000, 160000} {
		b.Run(fmt.Sprintf("registered=%.0f", n), func(b *testing.B) {
			p := DefaultParams()
			p.PCNs.Registered = n
			p.PCNs.RegisteredMin = 1000
			benchRuns(b, p)
		})
	}
}

// BenchmarkReferenceWeek is one person-week of the reference engine (the
// plain weekly step) in a pcn-typical PCN in 2023, service live.
func BenchmarkReferenceWeek(b *testing.B) {
	p := DefaultParams()
	pcns := SyntheticPCNs(p)
	a := newPCNSim()
	var ta tally
	// Simulate to mid-2023 once; then time the person pass of one week.
	p.Simulation.Years = 4
	a.runArm(&p, &pcns[0], 0, 1, p.Rollout.GoLive, &ta, nil)
	w := a.weeks - 1
	live := a.live(w)
	b.ResetTimer()
	for k := 0; k < b.N; k++ {
		for i := 0; i < a.pop.n; i++ {
			if a.pop.alive[i] {
				a.personWeek(i, w, live)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(a.aliveCount), "ns/person-week")
}

// BenchmarkReferenceRunPCNTypical is one run of the default scenario with
// the reference engine, for comparison with BenchmarkRunPCNTypical.
func BenchmarkReferenceRunPCNTypical(b *testing.B) { benchEngine(b, DefaultParams(), true) }
