package sim

import (
	"fmt"
	"math"
	"testing"
	"time"
)

// The event engine's pairing (one shared history per person until either arm
// refers them) must give what simulating each arm on its own with the same
// engine gives: every person draws the same numbers either way, so sums,
// series and counts agree up to the order floating-point additions are made
// in (relative 1e-9).
func TestPairedArmsMatchSeparateArms(t *testing.T) {
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
			p.Effects.Wellbeing, p.Effects.GPRR, p.Effects.AERR, p.Effects.NeedResolutionRR = 0.8, 0.7, 1.2, 2
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

			var sepA, sepB tally
			from := contactsFrom(&p, goA, &c, goB)
			refs := newPCNSim().runEventArm(&p, spec, 0, seed, goA, from, &sepA, nil)
			newPCNSim().runEventArm(&c, spec, 0, seed, goB, from, &sepB, refs)

			var pairA, pairB tally
			runEvents(newPCNSim(), newPCNSim(), &p, &c, spec, 0, seed, goA, goB, &pairA, &pairB)

			for arm, pair := range map[string][2]*tally{"scenario": {&sepA, &pairA}, "comparator": {&sepB, &pairB}} {
				if msg := tallyDiff(pair[0], pair[1], 1e-9); msg != "" {
					t.Errorf("%s arm: paired differs from separate: %s", arm, msg)
				}
			}
			if sepA.g[GroupAll].referred == 0 {
				t.Fatal("no referrals: the case tests nothing")
			}
		})
	}
}

// tallyDiff describes the first difference between two tallies beyond a
// relative tolerance, or returns "".
func tallyDiff(a, b *tally, tol float64) string {
	near := func(x, y float64) bool {
		if math.IsNaN(x) || math.IsNaN(y) {
			return math.IsNaN(x) == math.IsNaN(y)
		}
		return math.Abs(x-y) <= tol*math.Max(1, math.Max(math.Abs(x), math.Abs(y)))
	}
	for g := range a.g {
		x, y := a.g[g], b.g[g]
		xs := []float64{x.personWeeks, x.wbSum, x.wbChange, x.wbChangeN, x.wbRef, x.wbRefN, x.gp, x.ae, x.qaly, x.qalyRaw,
			x.needsResolved, x.referred, x.declined, x.first, x.three, x.intervention, x.waitSum, x.waitN}
		ys := []float64{y.personWeeks, y.wbSum, y.wbChange, y.wbChangeN, y.wbRef, y.wbRefN, y.gp, y.ae, y.qaly, y.qalyRaw,
			y.needsResolved, y.referred, y.declined, y.first, y.three, y.intervention, y.waitSum, y.waitN}
		for k := range xs {
			if !near(xs[k], ys[k]) {
				return fmt.Sprintf("group %d field %d: %v vs %v", g, k, xs[k], ys[k])
			}
		}
	}
	xs := []float64{a.costLW, a.costVCSE, a.costGP, a.costAE, a.fteWeeks, a.servicesWeeks, a.calRegWeeks, a.calSelfN}
	ys := []float64{b.costLW, b.costVCSE, b.costGP, b.costAE, b.fteWeeks, b.servicesWeeks, b.calRegWeeks, b.calSelfN}
	for k := range xs {
		if !near(xs[k], ys[k]) {
			return fmt.Sprintf("totals field %d: %v vs %v", k, xs[k], ys[k])
		}
	}
	for k := range a.series {
		for w := range a.series[k] {
			if !near(a.series[k][w], b.series[k][w]) {
				return fmt.Sprintf("series %d week %d: %v vs %v", k, w, a.series[k][w], b.series[k][w])
			}
		}
	}
	for w := range a.wbN {
		if !near(a.wbN[w], b.wbN[w]) {
			return fmt.Sprintf("wbN week %d: %v vs %v", w, a.wbN[w], b.wbN[w])
		}
	}
	return ""
}
