package sim

import (
	"math"
	"reflect"
	"testing"
	"time"
)

// The paired engine (arms in lockstep, a person's week computed once while
// their histories coincide) must give exactly what simulating each arm on its
// own gives: every sum, series and count, bit for bit.
func TestPairedEngineMatchesSeparateArms(t *testing.T) {
	base := smallParams()
	base.Simulation.Years = 2
	cases := map[string]func(p *Params) Params{
		"no social prescribing comparator": func(p *Params) Params { return noSP(*p) },
		"identical comparator":             func(p *Params) Params { return *p },
		"half-FTE comparator": func(p *Params) Params {
			c := *p
			c.LinkWorkers.FTEMultiplier = 0.5
			return c
		},
		"go-live before the start, priority queue, big effects": func(p *Params) Params {
			p.Rollout.GoLive = MakeDate(2019, time.March, 1)
			p.Support.QueueOrder = "priority"
			p.Effects.Wellbeing, p.Effects.GPRR, p.Effects.NeedResolutionRR = 0.8, 0.7, 2
			c := *p
			c.Rollout.GoLive = MakeDate(2020, time.January, 1)
			return c
		},
	}
	for name, mk := range cases {
		t.Run(name, func(t *testing.T) {
			p := base
			c := mk(&p)
			pcns := SyntheticPCNs(p)
			spec := &pcns[0]
			goA, goB := GoLiveDates(p, pcns)[0], GoLiveDates(c, pcns)[0]
			const seed = 99

			var refA, refB tally
			r := newPCNSim()
			refs := r.runArm(&p, spec, 0, seed, goA, &refA, nil)
			newPCNSim().runArm(&c, spec, 0, seed, goB, &refB, refs)

			var pairA, pairB tally
			runPair(newPCNSim(), newPCNSim(), &p, &c, spec, 0, seed, goA, goB, &pairA, &pairB)

			for arm, pair := range map[string][2]*tally{"scenario": {&refA, &pairA}, "comparator": {&refB, &pairB}} {
				if !reflect.DeepEqual(nanFree(*pair[0]), nanFree(*pair[1])) {
					t.Errorf("%s arm: paired engine differs from the reference\nreference %+v\npaired    %+v", arm, pair[0].g[GroupAll], pair[1].g[GroupAll])
				}
			}
			if refA.g[GroupAll].referred == 0 {
				t.Fatal("no referrals: the case tests nothing")
			}
		})
	}
}

// nanFree replaces NaNs (which never compare equal) so tallies can be compared.
func nanFree(t tally) tally {
	for k := range t.series {
		s := append([]float64(nil), t.series[k]...)
		for w, v := range s {
			if math.IsNaN(v) {
				s[w] = -1e300
			}
		}
		t.series[k] = s
	}
	return t
}
