package sim

// WEMWBS bounds.
const (
	wemwbsMin = 14
	wemwbsMax = 70
)

// wellbeingStep moves person i's transient deviation on by one AR(1) step and
// recomputes observed wellbeing (step 3).
func (s *pcnSim) wellbeingStep(i int, w int) {
	p := &s.pop
	rng := s.rs.atWeek(s.wk, procWellbeing)
	p.transient[i] = float32(s.ar1*float64(p.transient[i]) + s.ar1Innov*rng.NormFloat64())
	p.wb[i] = float32(s.observedWellbeing(i))
}

// observedWellbeing is latent + transient + need effects + social
// prescribing gain, kept inside the WEMWBS range.
func (s *pcnSim) observedWellbeing(i int) float64 {
	p := &s.pop
	v := float64(p.latent[i]) + float64(p.transient[i]) + s.needWB[p.needs[i]]
	v += s.path.gainPoints(i)
	if v < wemwbsMin {
		return wemwbsMin
	}
	if v > wemwbsMax {
		return wemwbsMax
	}
	return v
}

// wellbeingZ is observed wellbeing in SD units from the reference mean: the
// signal that makes people consult and be referred when they feel worse.
func (s *pcnSim) wellbeingZ(i int) float64 {
	z := (float64(s.pop.wb[i]) - s.wbRefMean) / s.p.Wellbeing.SD
	if z < -3 {
		return -3
	}
	if z > 3 {
		return 3
	}
	return z
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
