package sim

import "testing"

// digitalParams is smallParams with the referrals going to a digital
// signposting service and no link workers.
func digitalParams(uptake float64) Params {
	p := smallParams()
	p.Support.Route = "digital"
	p.Support.DigitalUptake = uptake
	p.LinkWorkers.FTEMultiplier = 0
	return p
}

// A digital service nobody takes up changes nobody's health: against the
// status quo the difference in every person outcome is exactly zero (common
// random numbers), and the only cost is the service's own.
func TestDigitalWithoutUptakeChangesNoOutcome(t *testing.T) {
	for _, reference := range []bool{false, true} {
		p := digitalParams(0)
		e := Ensemble{PCNs: SyntheticPCNs(p), Runs: 2, Seed: 5, Workers: 2, Reference: reference,
			Arms: func(int, uint64) (Params, Params, []Draw, error) { return p, noSP(p), nil, nil }}
		var rs []*RunResult
		if err := e.Run(t.Context(), func(r *RunResult) error { rs = append(rs, r); return nil }); err != nil {
			t.Fatal(err)
		}
		for _, r := range rs {
			v := r.Values[ScenarioArm]
			if v[MReferrals][GroupAll] == 0 {
				t.Fatalf("reference %v run %d: no referrals, the test shows nothing", reference, r.Run)
			}
			for _, m := range []Metric{MFirstContact, MAnyIntervention, MCostLW, MCostVCSE} {
				if got := v[m][GroupAll]; got != 0 {
					t.Errorf("reference %v run %d: %s = %v, want 0", reference, r.Run, m, got)
				}
			}
			if v[MCostDigital][GroupAll] <= 0 {
				t.Errorf("reference %v run %d: cost_digital = %v, want > 0", reference, r.Run, v[MCostDigital][GroupAll])
			}
			for _, m := range []Metric{MWellbeingMean, MQALYs, MGP, MAE, MNeedsResolved, MCostGP, MCostAE} {
				if d := v[m][GroupAll] - r.Values[CounterfactualArm][m][GroupAll]; d != 0 {
					t.Errorf("reference %v run %d: %s differs between arms by %v, want exactly 0", reference, r.Run, m, d)
				}
			}
		}
	}
}

// With uptake, the digital route starts people in services without any
// link-worker contact, and more uptake starts more of them; its cost is the
// stated rate per registered patient in every live week.
func TestDigitalSignposting(t *testing.T) {
	base := digitalParams(0.11)
	rs := runEnsemble(t, base, noSP(base), 4, 2)
	all := digitalParams(1)
	rsAll := runEnsemble(t, all, noSP(all), 4, 2)
	some, _, _ := meanOf(rs, ScenarioArm, MAnyIntervention)
	more, _, _ := meanOf(rsAll, ScenarioArm, MAnyIntervention)
	if !(some > 0 && more > 2*some) {
		t.Errorf("any_intervention: %v with uptake 0.11, %v with uptake 1; want > 0 and more than twice as many", some, more)
	}
	want := SyntheticPCNs(base)[0].Registered()
	for _, r := range append(rs, rsAll...) {
		if got := r.Values[ScenarioArm][MFirstContact][GroupAll]; got != 0 {
			t.Errorf("run %d: lw_first_contact = %v, want 0 on the digital route", r.Run, got)
		}
		// The weekly cost is DigitalPer50k per 50,000 registered (adults /
		// adult share) per 52 weeks, from go-live (the horizon's first week).
		for w, c := range r.Weekly[ScenarioArm][SCostDigital] {
			if c <= 0 {
				t.Fatalf("run %d week %d: cost_digital %v, want > 0 while live", r.Run, w, c)
			}
			reg := c * 50000 * 52 / base.Costs.DigitalPer50k
			if reg < 0.95*want || reg > 1.05*want {
				t.Fatalf("run %d week %d: cost_digital %v implies %v registered, want about %v", r.Run, w, c, reg, want)
			}
		}
	}
}
