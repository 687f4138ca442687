package sim

// WEMWBS bounds.
const (
	wemwbsMin = 14
	wemwbsMax = 70
)

// wellbeingStep moves person i's transient deviation on by one AR(1) step and
// recomputes wellbeing (step 3).
func (s *pcnSim) wellbeingStep(i int, w int) {
	p := s.pop
	rng := s.rs.atWeek(s.wk, procWellbeing)
	p.transient[i] = float32(s.ar1*float64(p.transient[i]) + s.ar1Innov*rng.NormFloat64())
	p.wb[i] = float32(s.wellbeing(i, w))
}

// wellbeing is person i's wellbeing in week w on the continuous WEMWBS scale:
// latent + transient + need effects + social prescribing gain. Population
// means and QALYs use this value; what is measured or acted on (a referral
// reading, a follow-up, the wellbeing that makes people consult) is the
// observed score, clamped to the scale's 14-70 (see observed).
func (s *pcnSim) wellbeing(i int, w int) float64 {
	p := s.pop
	return float64(p.latent[i]) + float64(p.transient[i]) + s.needWB[p.needs[i]] + s.path.gainPoints(i, w)
}

// observed is the WEMWBS score a measurement of wellbeing v gives.
func observed(v float64) float64 {
	if v < wemwbsMin {
		return wemwbsMin
	}
	if v > wemwbsMax {
		return wemwbsMax
	}
	return v
}

// wellbeingZ is observed wellbeing wb in SD units from the reference mean:
// the signal that makes people consult and be referred when they feel worse.
func (s *pcnSim) wellbeingZ(wb float64) float64 {
	z := (wb - s.wbRefMean) / s.p.Wellbeing.SD
	if z < -3 {
		return -3
	}
	if z > 3 {
		return 3
	}
	return z
}

// needsOf returns person i's active needs this week.
func (s *pcnSim) needsOf(i int) uint8 {
	if s.event {
		return s.ev[i].needs
	}
	return s.pop.needs[i]
}

// wbNow returns person i's observed wellbeing this week.
func (s *pcnSim) wbNow(i int) float64 {
	if s.event {
		return s.evObserved(i, s.week)
	}
	return observed(float64(s.pop.wb[i]))
}

// buildWellbeingTable precomputes the wellbeing effect of every combination
// of active needs (zero when need effects are switched off).
func (s *pcnSim) buildWellbeingTable() {
	for m := range s.needWB {
		s.needWB[m] = 0
		if !s.p.Wellbeing.NeedEffects {
			continue
		}
		for k := 0; k < numNeeds; k++ {
			if m&(1<<k) != 0 {
				s.needWB[m] += s.need(k).WellbeingEffect
			}
		}
	}
}
