package sim

import (
	"context"
	"math"
	"reflect"
	"testing"
)

func sqrt(x float64) float64 { return math.Sqrt(x) }

// A scenario identical to its comparator must give differences of exactly
// zero: nothing in the engine may depend on which arm it is simulating.
func TestIdenticalComparatorGivesZeroDifference(t *testing.T) {
	p := smallParams()
	rs := runEnsemble(t, p, p, 3, 2)
	for _, r := range rs {
		for m := Metric(0); m < NumMetrics; m++ {
			for g := Group(0); g < NumGroups; g++ {
				a, b := r.Values[ScenarioArm][m][g], r.Values[CounterfactualArm][m][g]
				if m.Def().DiffOnly {
					// The difference itself is held in the scenario slot.
					if Defined(a) && a != 0 {
						t.Fatalf("run %d %s %s: difference %v", r.Run, m, g, a)
					}
					continue
				}
				if Defined(a) != Defined(b) || (Defined(a) && a != b) {
					t.Fatalf("run %d %s %s: scenario %v, comparator %v", r.Run, m, g, a, b)
				}
			}
		}
		if !reflect.DeepEqual(nanToZero(r.Weekly[ScenarioArm]), nanToZero(r.Weekly[CounterfactualArm])) {
			t.Fatalf("run %d: weekly series differ", r.Run)
		}
	}
	// And the scenario does something: people were referred.
	if v := rs[0].Values[ScenarioArm][MReferrals][GroupAll]; v < 50 {
		t.Fatalf("only %v referrals; the test scenario should refer people", v)
	}
}

func nanToZero(s [NumSeries][]float64) [NumSeries][]float64 {
	var out [NumSeries][]float64
	for k := range s {
		out[k] = make([]float64, len(s[k]))
		for w, v := range s[k] {
			if Defined(v) {
				out[k][w] = v
			}
		}
	}
	return out
}

// trajectory is what the test compares of one person across arms.
type trajectory struct {
	weeks           int32
	wbSum           float64
	gp, ae, needRes int32
	needs           uint8
	finalWB         float32
}

// runBothArms simulates one PCN's two arms and returns every person's
// trajectory in each, and who was referred in the scenario arm.
func runBothArms(p, c Params, seed uint64) (sc, cf []trajectory, referred []bool) {
	pcns := SyntheticPCNs(p)
	goLive := GoLiveDates(p, pcns)[0]
	capture := func(s *pcnSim) []trajectory {
		out := make([]trajectory, s.pop.n)
		for i := range out {
			a := &s.out.acc
			out[i] = trajectory{a.weeks[i], a.wbSum[i], a.gp[i], a.ae[i], a.needRes[i], s.pop.needs[i], s.pop.wb[i]}
		}
		return out
	}
	s := newPCNSim()
	var t1, t2 tally
	refs := s.runArm(&p, &pcns[0], 0, seed, goLive, &t1, nil)
	sc = capture(s)
	referred = make([]bool, s.pop.n)
	for i := range referred {
		referred[i] = s.path.flags[i]&flagReferred != 0 || s.path.lastEnd[i] != neverEnded || s.path.state[i] != stNone
	}
	s2 := newPCNSim()
	s2.runArm(&c, &pcns[0], 0, seed, goLive, &t2, refs)
	cf = capture(s2)
	return sc, cf, referred
}

// People never referred in either arm must have identical trajectories in
// both arms: their draws come from their own streams, which social
// prescribing never touches. People who were referred must diverge (with
// default, non-zero effects), or the test would show nothing.
func TestNeverReferredIdenticalAcrossArms(t *testing.T) {
	p := smallParams()
	p.Effects.Wellbeing = 0.5
	sc, cf, referred := runBothArms(p, noSP(p), 11)
	if len(sc) != len(cf) {
		t.Fatalf("population sizes differ: %d vs %d", len(sc), len(cf))
	}
	same, differ, nRef := 0, 0, 0
	for i := range sc {
		if referred[i] {
			nRef++
			if sc[i] != cf[i] {
				differ++
			}
			continue
		}
		if sc[i] != cf[i] {
			t.Fatalf("person %d, never referred, differs: %+v vs %+v", i, sc[i], cf[i])
		}
		same++
	}
	if nRef < 100 || differ < nRef/10 {
		t.Fatalf("%d referred, %d of them diverged: expected referred people to differ", nRef, differ)
	}
	t.Logf("%d never-referred people identical; %d of %d referred diverged", same, differ, nRef)
}

// Common random numbers make the difference between arms far less variable
// than either arm: the across-run SD of the difference in mean wellbeing
// must be below 0.2 x the SD of either arm's mean.
func TestCommonRandomNumbersReduceVariance(t *testing.T) {
	p := smallParams()
	p.Simulation.Years = 2
	rs := runEnsemble(t, p, noSP(p), 20, 2)
	diff := make([]*RunResult, len(rs))
	for k, r := range rs {
		d := *r
		for g := range d.Values[ScenarioArm][MWellbeingMean] {
			d.Values[ScenarioArm][MWellbeingMean][g] -= r.Values[CounterfactualArm][MWellbeingMean][g]
		}
		diff[k] = &d
	}
	_, sdS, _ := meanOf(rs, ScenarioArm, MWellbeingMean)
	_, sdC, _ := meanOf(rs, CounterfactualArm, MWellbeingMean)
	mD, sdD, _ := meanOf(diff, ScenarioArm, MWellbeingMean)
	t.Logf("SD of mean wellbeing: scenario %.4f, counterfactual %.4f; difference mean %.5f SD %.5f", sdS, sdC, mD, sdD)
	if !(sdD < 0.2*sdS && sdD < 0.2*sdC) {
		t.Fatalf("SD of difference %.5f not below 0.2 x arm SDs (%.4f, %.4f)", sdD, sdS, sdC)
	}
	if mD <= 0 {
		t.Fatalf("mean difference in wellbeing %.5f: default effects should be positive", mD)
	}
}

// Results must not depend on the number of workers.
func TestDeterministicAcrossWorkers(t *testing.T) {
	p := smallParams()
	p.Simulation.Years = 1
	one := runEnsemble(t, p, noSP(p), 4, 1)
	three := runEnsemble(t, p, noSP(p), 4, 3)
	for k := range one {
		a, b := *one[k], *three[k]
		if !reflect.DeepEqual(nanToZeroResult(a), nanToZeroResult(b)) {
			t.Fatalf("run %d differs between 1 and 3 workers", k)
		}
	}
}

func nanToZeroResult(r RunResult) RunResult {
	r.WallSeconds, r.CPUSeconds = 0, 0 // timing: the only fields allowed to differ
	for a := range r.Values {
		for m := range r.Values[a] {
			for g, v := range r.Values[a][m] {
				if !Defined(v) {
					r.Values[a][m][g] = -1e300
				}
			}
		}
		r.Weekly[a] = nanToZero(r.Weekly[a])
	}
	pcns := make([]PCNRun, len(r.PCNs))
	for k, pr := range r.PCNs {
		for a := range pr.Values {
			for m, v := range pr.Values[a] {
				if !Defined(v) {
					pr.Values[a][m] = -1e300
				}
			}
		}
		pcns[k] = pr
	}
	r.PCNs = pcns
	return r
}

// A shard (First) or a resumed ensemble (Skip) gives each of its runs the
// same result as the whole ensemble does, and emits only its own runs.
func TestShardAndSkipGiveTheSameRuns(t *testing.T) {
	p := smallParams()
	p.Simulation.Years = 1
	all := runEnsemble(t, p, noSP(p), 5, 2)
	e := Ensemble{PCNs: SyntheticPCNs(p), First: 1, Runs: 4, Seed: 7, Workers: 2,
		Arms: func(int, uint64) (Params, Params, []Draw, error) { return p, noSP(p), nil, nil },
		Skip: func(run int) bool { return run == 2 || run == 4 }}
	var got []*RunResult
	var progress []int
	e.OnRunDone = func(done, total int) { progress = append(progress, done, total) }
	if err := e.Run(context.Background(), func(r *RunResult) error {
		got = append(got, r)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Run != 1 || got[1].Run != 3 {
		t.Fatalf("emitted runs %v, want [1 3]", runsOf(got))
	}
	if !reflect.DeepEqual(progress, []int{1, 2, 2, 2}) {
		t.Errorf("progress %v, want [1 2 2 2]", progress)
	}
	for _, r := range got {
		if !reflect.DeepEqual(nanToZeroResult(*r), nanToZeroResult(*all[r.Run])) {
			t.Errorf("run %d differs from the whole ensemble's", r.Run)
		}
	}
}

func runsOf(rs []*RunResult) []int {
	var out []int
	for _, r := range rs {
		out = append(out, r.Run)
	}
	return out
}
