package sim

import "math"

// Referred is one person referred in the scenario arm during the horizon, as
// an evaluation would meet them: where they are registered, when they were
// referred and their observed wellbeing at referral and at follow-up
// (outcomes.follow_up_weeks later) in each arm. Under common random numbers
// the counterfactual follow-up is what the same person would have scored
// without social prescribing, so FollowUp[ScenarioArm] −
// FollowUp[CounterfactualArm] is their individual effect. These are the
// measurements behind wellbeing_change_referred.
type Referred struct {
	PCN      int32 // PCN index
	Practice uint8 // practice within the PCN
	IMD      uint8 // IMD quintile, 1 most deprived
	Week     int32 // horizon week of the first referral
	Baseline float32
	FollowUp [NumArms]float32 // NaN if the person died or left before follow-up
}

// referredOf lists the scenario arm a's referrals measured in both arms (b
// the counterfactual), in person order.
func referredOf(a, b *pcnSim, pcn int) []Referred {
	var out []Referred
	for _, r := range a.refs {
		i := int(r.person)
		base := a.out.acc.refWB[i]
		if math.IsNaN(float64(base)) {
			continue
		}
		out = append(out, Referred{
			PCN: int32(pcn), Practice: a.pop.practice[i], IMD: a.pop.imd[i] + 1, Week: r.week, Baseline: base,
			FollowUp: [NumArms]float32{a.out.acc.refWB2[i], b.out.acc.refWB2[i]},
		})
	}
	return out
}
