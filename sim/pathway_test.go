package sim

import (
	"math"
	"testing"
)

// Each pathway stage, switched off or forced, must act where it should.
func TestPathwayStages(t *testing.T) {
	tiny := func() Params {
		p := smallParams()
		p.Simulation.Years = 1.5
		return p
	}
	all := func(rs []*RunResult, m Metric) float64 { v, _, _ := meanOf(rs, ScenarioArm, m); return v }
	cases := []struct {
		name  string
		edit  func(*Params)
		check func(t *testing.T, rs []*RunResult)
	}{
		{"no identification, no self-referral: no referrals", func(p *Params) {
			p.Identification.Sensitivity, p.Identification.FalsePositive, p.Identification.SelfReferral = 0, 0, false
		}, func(t *testing.T, rs []*RunResult) {
			if v := all(rs, MReferrals); v != 0 {
				t.Errorf("referrals = %v, want 0", v)
			}
		}},
		{"go-live after the horizon: no referrals, no link-worker cost", func(p *Params) {
			p.Rollout.GoLive = MakeDate(2030, 1, 1)
		}, func(t *testing.T, rs []*RunResult) {
			if v := all(rs, MReferrals); v != 0 {
				t.Errorf("referrals = %v, want 0", v)
			}
			if v := all(rs, MCostLW); v != 0 {
				t.Errorf("link-worker cost = %v, want 0", v)
			}
		}},
		{"everyone declines: no first contacts", func(p *Params) {
			p.Referral.Decline, p.Referral.RampStart, p.Referral.SelfFactor = 1, 1, 1
		}, func(t *testing.T, rs []*RunResult) {
			if r, d := all(rs, MReferrals), all(rs, MDeclined); r == 0 || d != r {
				t.Errorf("referrals %v, declined %v: want all declined", r, d)
			}
			if v := all(rs, MFirstContact); v != 0 {
				t.Errorf("first contacts = %v, want 0", v)
			}
		}},
		{"nobody declines", func(p *Params) { p.Referral.Decline = 0 }, func(t *testing.T, rs []*RunResult) {
			if v := all(rs, MDeclined); v != 0 {
				t.Errorf("declined = %v, want 0", v)
			}
		}},
		{"everyone drops out while waiting: no first contacts", func(p *Params) { p.Support.WaitDropoutWeekly = 1 }, func(t *testing.T, rs []*RunResult) {
			if v := all(rs, MFirstContact); v != 0 {
				t.Errorf("first contacts = %v, want 0", v)
			}
		}},
		{"no full support: nobody reaches 3 contacts", func(p *Params) {
			p.Support.FullSupport, p.Support.FullSupportPerNeed = 0, 0
		}, func(t *testing.T, rs []*RunResult) {
			if v := all(rs, MThreePlus); v != 0 {
				t.Errorf("3+ contacts = %v, want 0", v)
			}
			if v := all(rs, MFirstContact); v == 0 {
				t.Errorf("no first contacts: brief signposting should still happen")
			}
		}},
		{"no service places and no practical help: no interventions", func(p *Params) {
			p.Services.PlaceMultiplier, p.Support.PracticalSupport = 0, 0
		}, func(t *testing.T, rs []*RunResult) {
			if v := all(rs, MAnyIntervention); v != 0 {
				t.Errorf("any intervention = %v, want 0", v)
			}
		}},
		{"zero effects: no wellbeing difference", func(p *Params) {
			p.Effects.Wellbeing, p.Effects.NeedResolutionRR, p.Effects.GPRR, p.Effects.AERR = 0, 1, 1, 1
		}, func(t *testing.T, rs []*RunResult) {
			for _, r := range rs {
				for _, m := range []Metric{MWellbeingMean, MQALYs, MGP, MAE, MNeedsResolved} {
					if a, b := r.Values[ScenarioArm][m][GroupAll], r.Values[CounterfactualArm][m][GroupAll]; a != b {
						t.Errorf("%s: %v vs %v with zero effects", m, a, b)
					}
				}
			}
		}},
		{"GP effect lowers consultations", func(p *Params) {
			p.Effects.GPRR = 0.5
		}, func(t *testing.T, rs []*RunResult) {
			for _, r := range rs {
				if a, b := r.Values[ScenarioArm][MGP][GroupAll], r.Values[CounterfactualArm][MGP][GroupAll]; !(a < b) {
					t.Errorf("GP consultations %v not below counterfactual %v", a, b)
				}
			}
		}},
		{"wait is undefined in the counterfactual, defined in the scenario", func(p *Params) {}, func(t *testing.T, rs []*RunResult) {
			for _, r := range rs {
				if Defined(r.Values[CounterfactualArm][MWaitMean][GroupAll]) {
					t.Errorf("counterfactual wait defined")
				}
				if !Defined(r.Values[ScenarioArm][MWaitMean][GroupAll]) {
					t.Errorf("scenario wait undefined")
				}
			}
		}},
		{"groups add up", func(p *Params) {}, func(t *testing.T, rs []*RunResult) {
			r := rs[0]
			for _, m := range []Metric{MReferrals, MGP, MPersonYears} {
				v := r.Values[ScenarioArm][m]
				for _, gs := range [][]Group{{GroupIMD1, GroupIMD2, GroupIMD3, GroupIMD4, GroupIMD5}, {GroupFemale, GroupMale},
					{GroupAge18, GroupAge35, GroupAge50, GroupAge65, GroupAge80}, {GroupMinority, GroupWhite}} {
					var s float64
					for _, g := range gs {
						s += v[g]
					}
					if math.Abs(s-v[GroupAll]) > 1e-6*math.Max(1, v[GroupAll]) {
						t.Errorf("%s: groups %v sum to %v, all is %v", m, gs, s, v[GroupAll])
					}
				}
			}
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := tiny()
			c.edit(&p)
			c.check(t, runEnsemble(t, p, noSP(p), 2, 2))
		})
	}
}

// The synthetic England matches the published PCN size distribution
// (Morris et al. 2020: 7% under 30k, 35% over 50k) and deprivation
// clustering (14% of PCNs with a majority in the most deprived areas).
func TestEnglandSizeDistribution(t *testing.T) {
	p := DefaultParams()
	p.PCNs.Count, p.PCNs.Registered, p.PCNs.RegisteredSigma, p.PCNs.Practices = 1250, 45040, 0.2745, 0
	p.PCNs.DeprivationBetweenSD, p.PCNs.DeprivationWithinSD = 0.8, 0.6
	pcns := SyntheticPCNs(p)
	var under, over, deprived int
	var total, practices float64
	var q [5]float64
	for _, pc := range pcns {
		n := pc.Registered()
		total += n
		practices += float64(len(pc.Practices))
		if n < 30000 {
			under++
		}
		if n > 50000 {
			over++
		}
		s := pc.IMDShares()
		if s[0] > 0.5 {
			deprived++
		}
		for k := range q {
			q[k] += s[k] * n
		}
	}
	N := float64(len(pcns))
	// Binomial SE with 1,250 PCNs: 0.7 points at 7%, 1.35 at 35%; allow 3 SE.
	if f := float64(under) / N; math.Abs(f-0.07) > 0.021 {
		t.Errorf("%.3f of PCNs under 30k, want 0.07", f)
	}
	if f := float64(over) / N; math.Abs(f-0.35) > 0.04 {
		t.Errorf("%.3f of PCNs over 50k, want 0.35", f)
	}
	if f := float64(deprived) / N; math.Abs(f-0.14) > 0.03 {
		t.Errorf("%.3f of PCNs with a deprived majority, want 0.14", f)
	}
	for k := range q {
		if f := q[k] / total; math.Abs(f-0.2) > 0.02 {
			t.Errorf("IMD quintile %d holds %.3f of people, want 0.2", k+1, f)
		}
	}
	if m := practices / N; m < 4.5 || m > 6.5 {
		t.Errorf("mean practices per PCN %.2f, want about 5.4", m)
	}
	t.Logf("under 30k %.3f, over 50k %.3f, deprived majority %.3f, mean size %.0f, practices %.2f",
		float64(under)/N, float64(over)/N, float64(deprived)/N, total/N, practices/N)
}
