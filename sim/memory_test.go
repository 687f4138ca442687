package sim

import (
	"strings"
	"testing"
)

// The estimate grows with what the calibration says it grows with: the
// largest PCN, the workers simulating at once (no more than there are
// units to simulate), the weeks simulated, and the referral records kept.
func TestEnsembleMemory(t *testing.T) {
	p := DefaultParams()
	pcn := func(n float64) PCNSpec { return PCNSpec{Practices: []PracticeSpec{{ListSize: n}}} }
	est := func(e Ensemble, p Params) float64 { return e.Memory(p).Total() }
	people := func(e Ensemble, p Params) float64 { return est(e, p) - MemoryBase }

	one := Ensemble{PCNs: []PCNSpec{pcn(40000)}, Runs: 10, Workers: 1}
	// pcn-typical with one worker measured 52 MiB at its peak.
	if got := est(one, p) / (1 << 20); got < 45 || got > 65 {
		t.Errorf("pcn-typical, 1 worker: %.0f MiB, want 45-65", got)
	}
	big := one
	big.PCNs = []PCNSpec{pcn(10000), pcn(160000)}
	if r := people(big, p) / people(one, p); r < 3.99 || r > 4.01 {
		t.Errorf("a PCN four times as large needs %.3g times the memory, want 4", r)
	}
	two := one
	two.Workers = 2
	if r := people(two, p) / people(one, p); r < 1.99 || r > 2.01 {
		t.Errorf("two workers need %.3g times the memory of one, want 2", r)
	}
	two.Runs = 1 // one unit: the second worker has nothing to do
	if people(two, p) != people(one, p) {
		t.Errorf("two workers with one PCN in one run: %g, want one worker's %g", people(two, p), people(one, p))
	}
	long := p
	long.Simulation.Years = 10
	if est(one, long) <= est(one, p) {
		t.Errorf("ten years need no more memory than five")
	}
	kept := one
	kept.KeepReferred = true
	m := kept.Memory(p)
	if len(m.Parts) != 3 || !strings.Contains(m.Parts[2].What, "referred") || m.Parts[2].Bytes <= 0 {
		t.Errorf("KeepReferred: parts %+v, want a third part for the referral records", m.Parts)
	}
	// Sampled PCNs: fewer referral records per run.
	sampled := kept
	sampled.PCNs = []PCNSpec{pcn(40000), pcn(40000), pcn(40000), pcn(40000)}
	sp := p
	sp.SamplePCNs = 1
	if a, b := sampled.Memory(sp).Parts[2].Bytes, kept.Memory(p).Parts[2].Bytes; a != b {
		t.Errorf("one of four equal PCNs sampled: referral records %g, want one PCN's %g", a, b)
	}
}

func TestThousands(t *testing.T) {
	for x, want := range map[float64]string{0: "0", 999: "999", 1000: "1,000", 263827: "263,827", 70035390900: "70,035,390,900"} {
		if got := thousands(x); got != want {
			t.Errorf("thousands(%g) = %q, want %q", x, got, want)
		}
	}
}
