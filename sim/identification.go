package sim

import (
	"math"
	"math/bits"
)

// eligible reports whether person i can be referred in week w: not already in
// an episode, and past the re-referral gap since the last one ended.
func (s *pcnSim) eligible(i int, w int) bool {
	pw := &s.path
	return pw.state[i] == stNone && float64(w-int(pw.lastEnd[i])) >= s.p.Identification.RereferralWeek
}

// identifyStep runs identification at a consultation and the self-referral
// route for person i (step 5), then the referral itself (step 6). It only
// runs where the PCN's service is live in this arm.
func (s *pcnSim) identifyStep(i int, w int, sawGP bool, band int) {
	if !s.eligible(i, w) {
		return
	}
	p := s.pop
	id := &s.p.Identification
	needs := p.needs[i]
	referred, self := false, false
	if sawGP {
		rng := s.rs.atWeek(s.wk, procIdentify)
		referred = rng.Float64() < s.identProb(i, needs, observed(float64(p.wb[i])))
	}
	if !referred && id.SelfReferral && needs != 0 {
		rng := s.rs.atWeek(s.wk, procSelfReferral)
		prob := id.SelfWeekly
		if !p.female[i] {
			prob = oddsScale(prob, id.SelfMaleOR)
		}
		if rng.Float64() < prob {
			referred, self = true, true
		}
	}
	if referred {
		s.refer(i, w, self)
	}
}

// identProb is the probability that a consultation leads to a referral of
// person i, with active needs and observed wellbeing wb.
func (s *pcnSim) identProb(i int, needs uint8, wb float64) float64 {
	if needs == 0 {
		return s.p.Identification.FalsePositive
	}
	p := s.pop
	// Odds of spotting one need of weight 1 for this person at this
	// practice; each active need is a chance, weighted by how often that
	// need is raised and recognised.
	lo := s.identLogit[p.practice[i]] + s.identLogitRamp + s.identIMD[p.imd[i]] - s.lnIdentWB*s.wellbeingZ(wb)
	if !p.female[i] {
		lo += s.identMale
	}
	if p.minority[i] {
		lo += s.identMinority
	}
	p1 := 1 / (1 + math.Exp(-lo))
	var wsum float64
	for m := needs; m != 0; m &= m - 1 {
		wsum += s.need(bits.TrailingZeros8(m)).Weight
	}
	return 1 - math.Pow(1-p1, wsum)
}

// refer records a referral of person i in week w; the person accepts (and
// joins the link-worker queue) or declines (step 6).
func (s *pcnSim) refer(i int, w int, self bool) {
	p := s.pop
	pw := &s.path
	r := &s.p.Referral
	lo := s.declineLogit + s.declineIMD[p.imd[i]] + s.declineLogitRamp
	if !p.female[i] {
		lo += math.Log(r.MaleOR)
	}
	if self {
		lo += math.Log(r.SelfFactor)
	}
	declined := s.rs.atWeek(s.wk, procAccept).Float64() < 1/(1+math.Exp(-lo))

	pw.self[i] = self
	pw.refWB[i] = float32(s.wbNow(i))
	pw.calEpisode[i] = false
	if w >= 0 {
		if pw.flags[i]&flagReferred == 0 {
			s.firstReferral(i, w)
		}
		pw.flags[i] |= flagReferred
		s.out.referral(i, w)
		if s.inReportYear(w) && pw.cal[i]&calCohort == 0 {
			pw.cal[i] |= calCohort
			if self {
				pw.cal[i] |= calSelf
			}
			pw.calEpisode[i] = true
		}
	}
	if declined {
		s.mark(i, flagDeclined, calDeclined)
		pw.lastEnd[i] = int32(w)
		return
	}
	pw.state[i] = stWaiting
	pw.since[i] = int32(w)
	pw.contacts[i] = 0
	s.queue = append(s.queue, int32(i))
}

// mark records a milestone of person i's current episode.
func (s *pcnSim) mark(i int, flag, cal uint8) {
	pw := &s.path
	if s.week >= 0 {
		pw.flags[i] |= flag
	}
	if pw.calEpisode[i] {
		pw.cal[i] |= cal
	}
}

// oddsScale applies an odds ratio to a probability.
func oddsScale(p, or float64) float64 {
	if p <= 0 || p >= 1 {
		return p
	}
	o := p / (1 - p) * or
	return o / (1 + o)
}

func logit(p float64) float64 { return math.Log(p / (1 - p)) }
