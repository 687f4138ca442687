package sim

import (
	"math"
	"testing"
)

// Regression to the mean (model brief section 4). With every effect zero and
// need effects on wellbeing off, referred people's wellbeing still rises
// between referral and follow-up, because people are referred at a low point
// and the transient part of wellbeing recovers. Galton's form gives the size:
// E[X2 - X1 | referred] = (1 - rho_k)(mu - E[X1 | referred]), with rho_k the
// correlation of observed wellbeing at lag k. Here rho_k comes from the
// model's own parameters (latent share and weekly AR(1) coefficient) and mu
// is each referred person's own population mean (it depends on their IMD
// quintile). A controlled comparison (scenario minus counterfactual, same
// people, same weeks) must show exactly no gain. Both engines are checked.
func TestRegressionToTheMean(t *testing.T) {
	for _, engine := range []string{"event", "reference"} {
		t.Run(engine, func(t *testing.T) { testRegressionToTheMean(t, engine == "reference") })
	}
}

func testRegressionToTheMean(t *testing.T, reference bool) {
	p := DefaultParams()
	p.PCNs.Registered = 30000
	p.Simulation.Years = 4
	p.Simulation.BurnInWeeks = 26
	p.Effects = Effects{Wellbeing: 0, SupportShare: 0.3, HeterogeneitySD: 0.5, DoseWeeks: 8, HalfLifeWeeks: 26,
		NeedResolutionRR: 1, GPRR: 1, AERR: 1}
	p.Wellbeing.NeedEffects = false
	// Make wellbeing the main route to referral, so the selection is strong.
	p.Identification.WellbeingOR = 3
	p.Identification.SelfReferral = false

	var gain, pred, resid, resid2 float64
	n := 0
	for seed := uint64(1); seed <= 3; seed++ {
		pcns := SyntheticPCNs(p)
		goLive := GoLiveDates(p, pcns)[0]
		s := newPCNSim()
		var t1, t2 tally
		c := noSP(p)
		s2 := newPCNSim()
		var refs []refEvent
		if reference {
			refs = s.runArm(&p, &pcns[0], 0, seed, goLive, &t1, nil)
			s2.runArm(&c, &pcns[0], 0, seed, goLive, &t2, refs)
		} else {
			from := contactsFrom(&p, goLive, &c, goLive)
			refs = s.runEventArm(&p, &pcns[0], 0, seed, goLive, from, &t1, nil)
			s2.runEventArm(&c, &pcns[0], 0, seed, goLive, from, &t2, refs)
		}

		wb := &p.Wellbeing
		k := float64(p.Outcomes.FollowUpWeeks)
		rho := wb.LatentShare + (1-wb.LatentShare)*math.Pow(wb.AR1Weekly, k)
		for _, r := range refs {
			i := r.person
			x1, x2 := float64(s.out.acc.refWB[i]), float64(s.out.acc.refWB2[i])
			if math.IsNaN(x2) {
				continue // died or left before follow-up
			}
			y1, y2 := float64(s2.out.acc.refWB[i]), float64(s2.out.acc.refWB2[i])
			if y1 != x1 || y2 != x2 {
				t.Fatalf("person %d: scenario %v->%v, counterfactual %v->%v: a controlled comparison must show no gain with zero effects", i, x1, x2, y1, y2)
			}
			mu := wb.Mean + wb.IMDGradient*float64(int(s.pop.imd[i])-2)
			g := x2 - x1
			e := (1 - rho) * (mu - x1)
			gain += g
			pred += e
			resid += g - e
			resid2 += (g - e) * (g - e)
			n++
		}
		if t1.g[GroupAll].wbRef != t2.g[GroupAll].wbRef {
			t.Fatalf("wellbeing_change_referred differs between arms with zero effects")
		}
	}
	fn := float64(n)
	meanGain, meanPred := gain/fn, pred/fn
	sdResid := math.Sqrt(resid2/fn - (resid/fn)*(resid/fn))
	se := sdResid / math.Sqrt(fn)
	// Tolerance: 3 Monte Carlo SEs of the mean residual, plus 5% of the
	// predicted gain for what Galton's single-measurement form leaves out
	// (people are selected over several weeks, not on one reading, and
	// wellbeing is bounded to 14-70).
	tol := 3*se + 0.05*math.Abs(meanPred)
	t.Logf("n=%d referred with follow-up: before-after gain %.3f, Galton prediction %.3f (rho_k %.3f), SE %.3f, tolerance %.3f",
		n, meanGain, meanPred, rhoK(p), se, tol)
	if n < 500 {
		t.Fatalf("only %d referred people with follow-up", n)
	}
	if meanPred < 1 {
		t.Fatalf("predicted RTM gain %.3f is too small for the test to mean anything", meanPred)
	}
	if math.Abs(meanGain-meanPred) > tol {
		t.Fatalf("before-after gain %.3f vs Galton prediction %.3f: off by more than %.3f", meanGain, meanPred, tol)
	}
}

// rhoK is the model's correlation of observed wellbeing (without need
// effects) at the follow-up lag.
func rhoK(p Params) float64 {
	wb := &p.Wellbeing
	return wb.LatentShare + (1-wb.LatentShare)*math.Pow(wb.AR1Weekly, float64(p.Outcomes.FollowUpWeeks))
}
