package sim

import (
	"fmt"
	"testing"
)

// funnelParams is a PCN big enough for stable funnel shares.
func funnelParams() Params {
	p := DefaultParams()
	p.PCNs.Registered = 30000
	p.Simulation.Years = 3
	p.Simulation.BurnInWeeks = 26
	return p
}

type funnel struct {
	referred, first, three, intervention, wait float64
}

func (f funnel) String() string {
	return fmt.Sprintf("referred %.0f, first contact %.3f, 3+ %.3f, any intervention %.3f, wait %.2f weeks",
		f.referred, f.first, f.three, f.intervention, f.wait)
}

func measureFunnel(t *testing.T, p Params) funnel {
	rs := runEnsemble(t, p, noSP(p), 3, 2)
	ref, _, _ := meanOf(rs, ScenarioArm, MReferrals)
	first, _, _ := meanOf(rs, ScenarioArm, MFirstContact)
	three, _, _ := meanOf(rs, ScenarioArm, MThreePlus)
	interv, _, _ := meanOf(rs, ScenarioArm, MAnyIntervention)
	wait, _, _ := meanOf(rs, ScenarioArm, MWaitMean)
	return funnel{ref, first / ref, three / ref, interv / ref, wait}
}

// The funnel must emerge from capacity, queues, drop-out and service places:
// halving link-worker FTE lowers first contacts, 3+ contacts and
// interventions and lengthens waits; halving service places lowers
// interventions. Referrals themselves do not depend on capacity.
func TestFunnelEmergesFromCapacity(t *testing.T) {
	base := funnelParams()
	halfFTE := base
	halfFTE.LinkWorkers.FTEMultiplier = 0.5
	halfPlaces := base
	halfPlaces.Services.PlaceMultiplier = 0.5

	b, f, s := measureFunnel(t, base), measureFunnel(t, halfFTE), measureFunnel(t, halfPlaces)
	t.Logf("base:        %v", b)
	t.Logf("half FTE:    %v", f)
	t.Logf("half places: %v", s)
	if f.referred != b.referred {
		t.Errorf("referrals changed with FTE (%v vs %v): identification must not depend on capacity", f.referred, b.referred)
	}
	if !(f.first < b.first-0.02) {
		t.Errorf("halving FTE: first-contact share %.3f not below %.3f", f.first, b.first)
	}
	if !(f.three < b.three-0.02) {
		t.Errorf("halving FTE: 3+ contact share %.3f not below %.3f", f.three, b.three)
	}
	if !(f.intervention < b.intervention-0.02) {
		t.Errorf("halving FTE: intervention share %.3f not below %.3f", f.intervention, b.intervention)
	}
	if !(f.wait > b.wait*1.2) {
		t.Errorf("halving FTE: wait %.2f weeks not longer than %.2f", f.wait, b.wait)
	}
	if !(s.intervention < b.intervention-0.01) {
		t.Errorf("halving places: intervention share %.3f not below %.3f", s.intervention, b.intervention)
	}
}
