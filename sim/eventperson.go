package sim

import (
	"math"
	"math/bits"
	"slices"
)

// A person's clocks in the event engine (event.go). Every clock is exact for
// the weekly process it replaces: a weekly event probability p = 1-exp(-h) is
// a geometric waiting time floor(E/h) for a unit exponential E, and a hazard
// that changes (a new age band, a need met by a service) restarts its clock,
// which memorylessness allows.

// geomFrom returns the first week >= from in which an event with weekly
// hazard h happens.
func (s *pcnSim) geomFrom(st *uint64, from int, h float64) int32 {
	if h <= 0 {
		return never
	}
	u := next(st)
	x, ok := expRect(u)
	if !ok {
		x = zigExpFrom(st, u)
	}
	t := float64(from) + math.Floor(x/h)
	if t >= never {
		return never
	}
	return int32(t)
}

// needHaz is the weekly hazard of person i's need k changing state.
func (s *pcnSim) needHaz(i int, e *evPerson, k int) float64 {
	if e.needs&(1<<k) == 0 {
		return s.onsetHaz[e.imd][e.band][boolIdx(e.female)][e.ltc][k]
	}
	if int(e.helped) == k {
		return s.offHazHelped[k]
	}
	return s.offHaz[k]
}

// buildGapTables tabulates the mean gaps between contact candidates (one
// over the bounding rates of thinning: the attribute and need part times the
// largest wellbeing and benefit multipliers) for every age band, sex or IMD
// quintile, number of long-term conditions and number of needs: a restart
// looks its gaps up instead of computing them with four divisions.
func (s *pcnSim) buildGapTables() {
	for b := range s.gpGap {
		for l := 0; l <= maxLTC; l++ {
			for n := 0; n <= numNeeds; n++ {
				for f := range s.gpGap[b] {
					s.gpGap[b][f][l][n] = meanGap(s.gpBase[b][f][l] * s.gpNeedMult[n] * s.gpWBMax * s.gpBenMax / 52)
				}
				for q := range s.aeGap[b] {
					s.aeGap[b][q][l][n] = meanGap(s.aeBase[b][q][l] * s.aeNeedMult[n] * s.aeBenMax / 52)
				}
			}
		}
	}
}

// restartContacts restarts the contact clocks from the start of week from,
// with the bounding rates of the person's current state.
func (s *pcnSim) restartContacts(i int, e *evPerson, from int) {
	n := countNeeds(e.needs)
	e.gpGap, e.aeGap = s.gpGap[e.band][boolIdx(e.female)][e.ltc][n], s.aeGap[e.band][e.imd][e.ltc][n]
	e.gpT, e.gpW = s.nextCandidate(&e.rCon, float64(from), e.gpGap)
	e.aeT, e.aeW = s.nextCandidate(&e.rCon, float64(from), e.aeGap)
}

// meanGap is the mean time between events of a Poisson process with weekly
// rate r: 1/r, or +Inf for r = 0.
func meanGap(r float64) float64 {
	if r <= 0 {
		return math.Inf(1)
	}
	return 1 / r
}

// nextCandidate returns the time and week of the first event after time t
// of a Poisson process with mean gap g weeks (never if g is infinite).
func (s *pcnSim) nextCandidate(st *uint64, t, g float64) (float64, int32) {
	if math.IsInf(g, 1) {
		return g, never
	}
	u := next(st)
	x, ok := expRect(u)
	if !ok {
		x = zigExpFrom(st, u)
	}
	t += x * g
	return t, weekOfTime(t)
}

// evInit starts the clocks of person i, registered in week w with needs and
// a transient deviation drawn as of the week before (the reference engine
// steps them once in their first week).
func (s *pcnSim) evInit(i int, w int) {
	p := s.pop
	k := p.key[i]
	s.ev = append(s.ev, evPerson{})
	s.div = append(s.div, false)
	e := &s.ev[i]
	e.rNeeds, e.rWB, e.rCon = key(k, uint64(procNeeds)), key(k, uint64(procWellbeing)), key(k, uint64(procGP))
	e.helped = -1
	e.imd, e.ltc, e.female, e.latent, e.cell = p.imd[i], p.ltc[i], p.female[i], p.latent[i], p.cellOf(i)
	e.needs = p.needs[i]
	e.tVal = float64(p.transient[i])
	e.tWeek = int32(w - 1)
	e.needsFrom, e.gainFrom = int32(w), int32(w)
	e.band = uint8(p.ageBand(i, w))
	e.nextBand = s.bandEnd(i, int(e.band))
	e.wbStart = float32(math.NaN())
	for n := 0; n < numNeeds; n++ {
		e.nextNeed[n] = s.geomFrom(&e.rNeeds, w, s.needHaz(i, e, n))
	}
	s.restartContacts(i, e, w)
	e.nextSelf = s.geomFrom(&e.rCon, w, s.selfHaz[boolIdx(e.female)])
	e.startMeasure = never
	if w <= 0 && s.weeks > 0 {
		e.startMeasure = 0 // the start measurement
	}
	e.exit = s.exitFrom(i, w)
	s.aliveAt[w-s.firstWeek]++
	if x := int(e.exit); x < s.weeks {
		s.aliveAt[x-s.firstWeek]--
	}
	e.slowClock()
	s.schedule(i)
}

// bandEnd is the first week of the age band after band b, or never.
func (s *pcnSim) bandEnd(i int, b int) int32 {
	if b >= 4 {
		return never
	}
	return s.pop.birthWeek[i] + int32(bandBounds[b+1]*52)
}

// exitFrom draws the week person i dies or leaves, from week w on: one
// exponential against the cumulative weekly hazard, which steps at each age
// band. Exits never depend on social prescribing.
func (s *pcnSim) exitFrom(i int, w int) int32 {
	e := s.rs.at(s.pop.key[i], procPopulation, 0).ExpFloat64()
	from := w
	for b := s.pop.ageBand(i, w); ; b++ {
		h := s.exitHaz[b]
		end := int(s.bandEnd(i, b))
		n := math.Floor(e / h)
		if b == 4 || float64(from)+n < float64(end) {
			t := float64(from) + n
			if t >= never {
				return never
			}
			return int32(t)
		}
		e -= h * float64(end-from)
		from = end
	}
}

// wakeUp handles the events of person i (state e) in each week they are due,
// up to week until, in the reference order: exit; age band; needs; the
// wellbeing evaluations due; consultations and attendances; identification
// and self-referral. twin, if set, is the other arm of a pair in which the
// person's history is still shared. In the first phase (personMajor) a
// referral is left for the second, and wakeUp reports that the person's own
// history stops here. (One call runs all of a person's wakes in the first
// phase, and one wake in the second, where until is the current week.)
func (s *pcnSim) wakeUp(i int, e *evPerson, until int32, twin *pcnSim) bool {
	liveTwinFrom := int32(never)
	if twin != nil {
		liveTwinFrom = twin.liveFrom
	}
	for !e.done && e.wake <= until {
		w := int(e.wake)
		live, liveTwin := e.wake >= s.liveFrom, e.wake >= liveTwinFrom
		selfCand := false
		if int(e.slow) == w {
			var exited bool
			if exited, selfCand = s.slowEvents(i, e, w, twin); exited {
				continue
			}
		}

		// Contacts (step 4): GP consultations and A&E attendances are the
		// candidates of the bounding processes, each kept with probability
		// (actual rate)/(bound). A GP candidate drawing under the smallest keep
		// probability is kept without evaluating wellbeing (a squeeze): the
		// decision is the same as with it. wb is the observed wellbeing once
		// evaluated. (This is the commonest step of the engine, written out here
		// rather than called.)
		shared := twin != nil
		wb := math.NaN()
		gp, ae := 0, 0
		for int(e.gpW) == w {
			bf := 1.0
			if s.gpBenVaries {
				bf = s.gpBenefitFactor(i, w)
			}
			u := uniform(&e.rCon)
			if u < s.gpKeepLow*bf {
				gp++
			} else {
				if math.IsNaN(wb) {
					s.evAt(e, w, shared) // observedAt, written out
					wb = observed(float64(e.latent) + e.tVal + s.needWB[e.needs] + s.path.gainPoints(i, w))
				}
				if u < s.gpWellbeingMult(wb)/s.gpWBMax*bf {
					gp++
				}
			}
			// The next candidate: nextCandidate with its draw's common case
			// inline (the gap is finite while candidates come).
			r := next(&e.rCon)
			x, ok := expRect(r)
			if !ok {
				x = zigExpFrom(&e.rCon, r)
			}
			e.gpT += x * e.gpGap
			e.gpW = weekOfTime(e.gpT)
		}
		for int(e.aeW) == w {
			if s.aeBenVaries {
				keep := s.aeBenefitFactor(i, w)
				if uniform(&e.rCon) < keep {
					ae++
				}
			} else {
				ae++
			}
			e.aeT, e.aeW = s.nextCandidate(&e.rCon, e.aeT, e.aeGap)
		}
		if w >= 0 {
			// Added whether or not there was a consultation (adding zero
			// changes nothing, and a branch on it would be mispredicted).
			ser := s.series(shared)
			cs, ws := &ser.cells[e.cell], &ser.week[w]
			cs.gp += float64(gp)
			ws.gp += float64(gp)
			if ae > 0 {
				cs.ae += float64(ae)
				ws.ae += float64(ae)
			}
		}
		s.scheduleAt(i, e)

		// Identification (step 5) and referral (step 6), in each arm where the
		// service is live, on the same draw.
		// The identification draw is taken at every consultation week, live or
		// not, so that what a person draws never depends on the arm.
		u := 0.0
		if gp > 0 {
			u = uniform(&e.rCon)
			// Identification reads wellbeing, and a referral records it, only
			// for a draw under the bound (with no needs, under the false
			// positive rate). The rule depends on nothing an arm does, so the
			// weeks wellbeing is evaluated in stay the same in both arms.
			if u < s.evalBound[boolIdx(e.needs != 0)] && math.IsNaN(wb) {
				wb = s.evObserved(i, w)
			}
		}
		if selfCand {
			// A referral reads wellbeing: evaluate it in every self-referral
			// week, as in every identification a consultation may make, so
			// the weeks a person's wellbeing is drawn at never depend on the arm.
			s.evObserved(i, w)
		}
		if !(gp > 0 || selfCand) || !(live || liveTwin) {
			continue
		}
		if !selfCand && u >= s.evalBound[boolIdx(e.needs != 0)] {
			continue // no arm identifies on this draw
		}
		refS, selfS := false, false
		if live {
			refS, selfS = s.decide(i, w, e.needs, wb, gp > 0, selfCand, u)
		}
		refT, selfT := false, false
		if twin != nil && liveTwin {
			refT, selfT = twin.decide(i, w, e.needs, wb, gp > 0, selfCand, u)
		}
		if !refS && !refT {
			continue
		}
		if twin != nil {
			// The arms part here: the comparator takes its own copy.
			s.div[i] = true
			twin.ev[i] = *e
		}
		if s.personMajor {
			k := w - s.firstWeek
			s.pending[k] = append(s.pending[k], pendingReferral{int32(i), refS, refT, selfS, selfT})
			return true
		}
		s.wk = weekKey(s.pop.key[i], w)
		s.refer(i, w, selfS)
	}
	return false
}

// slowEvents handles the rarer events of person i due in week w (e.slow):
// exit, age band, needs, the yearly wellbeing evaluation and the
// self-referral clock. twin is the other arm while the person's history is
// shared. It reports whether the person exited and whether
// their self-referral clock fired.
func (s *pcnSim) slowEvents(i int, e *evPerson, w int, twin *pcnSim) (exited, selfCand bool) {
	shared := twin != nil
	if int(e.exit) == w {
		s.evExit(i, w, twin)
		return true, false
	}
	restart := false
	if int(e.nextBand) == w {
		e.band++
		e.nextBand = s.bandEnd(i, int(e.band))
		for k := 0; k < numNeeds; k++ {
			if e.needs&(1<<k) == 0 {
				e.nextNeed[k] = s.geomFrom(&e.rNeeds, w, s.needHaz(i, e, k))
			}
		}
		restart = true
	}
	before := e.needs
	// The needs due this week, found without a branch per need (which need is
	// due is random, so such branches are mispredicted), in need order.
	n, w32 := &e.nextNeed, int32(w)
	due := boolBit(n[0] == w32) | boolBit(n[1] == w32)<<1 | boolBit(n[2] == w32)<<2 |
		boolBit(n[3] == w32)<<3 | boolBit(n[4] == w32)<<4 | boolBit(n[5] == w32)<<5
	for ; due != 0; due &= due - 1 {
		k := bits.TrailingZeros8(due)
		if e.needs == before {
			s.needSeg(e, w, shared)
		}
		e.needs ^= 1 << k
		if e.needs&(1<<k) == 0 && w >= 0 {
			s.series(shared).cells[e.cell].needRes++
		}
		e.nextNeed[k] = s.geomFrom(&e.rNeeds, w+1, s.needHaz(i, e, k))
	}
	if countNeeds(e.needs) != countNeeds(before) {
		restart = true
	}
	if restart {
		s.restartContacts(i, e, w)
	}
	if int(e.startMeasure) == w {
		e.wbStart = float32(s.evObserved(i, 0))
		e.startMeasure = never
	}
	if int(e.nextSelf) == w {
		selfCand = true
		e.nextSelf = s.geomFrom(&e.rCon, w+1, s.selfHaz[boolIdx(e.female)])
	}
	e.slowClock()
	return false, selfCand
}

// boolBit is 1 for true, 0 for false.
func boolBit(b bool) uint8 {
	if b {
		return 1
	}
	return 0
}

// slowClock sets e.slow, the week of the person's next event other than a
// contact.
func (e *evPerson) slowClock() {
	n := &e.nextNeed // written out: a loop's exit is a branch mispredicted at random
	e.slow = min(e.exit, e.nextBand, e.nextSelf, e.startMeasure, n[0], n[1], n[2], n[3], n[4], n[5])
}

// decide is identification (step 5) for this arm, given the person's needs
// and observed wellbeing this week, whether they consulted, whether their
// self-referral clock fired, and the uniform draw for identification.
func (s *pcnSim) decide(i int, w int, needs uint8, wb float64, sawGP, selfCand bool, u float64) (referred, self bool) {
	if !s.eligible(i, w) {
		return false, false
	}
	s.identLogitRamp = s.rampIdent[w-s.firstWeek]
	if sawGP && u < s.identBound[w-s.firstWeek] && (needs == 0 || u < s.identOddsBound(i, needs, w)) && u < s.identProb(i, needs, wb) {
		return true, false
	}
	if selfCand && needs != 0 {
		return true, true
	}
	return false, false
}

// identOddsBound bounds identProb for person i with active needs (not none)
// in week w, cheaply, so that most draws skip the exact probability, whose
// exp and pow are the dearest step of identification. With p the
// probability of spotting one need of weight 1 and W the needs' total
// weight, 1-(1-p)^W <= W p/(1-p) = W x odds, and the odds are the product
// of the person's factors, the week's ramp and, at most, the odds ratio of
// the lowest wellbeing z. The margins cover rounding in both computations.
func (s *pcnSim) identOddsBound(i int, needs uint8, w int) float64 {
	p := s.pop
	g := ((int(p.practice[i])*5+int(p.imd[i]))*2+1-boolIdx(p.female[i]))*2 + boolIdx(p.minority[i])
	return s.needWeight[needs]*s.identOdds[g]*s.rampOdds[w-s.firstWeek]*(1+1e-9) + 1e-15
}

// identProbBound bounds identProb over every person in a week whose ramp
// term is ramp: the largest log-odds any person can have, with every need
// active. Most consultations draw above it and skip the exact probability.
func (s *pcnSim) identProbBound(ramp float64) float64 {
	lo := ramp + s.lnIdentWB*3 + math.Max(0, s.identMale) + math.Max(0, s.identMinority)
	if s.lnIdentWB < 0 {
		lo = ramp - s.lnIdentWB*3 + math.Max(0, s.identMale) + math.Max(0, s.identMinority)
	}
	lo += slices.Max(s.identLogit) + slices.Max(s.identIMD[:])
	var wsum float64
	for k := 0; k < numNeeds; k++ {
		wsum += s.need(k).Weight
	}
	p1 := 1 / (1 + math.Exp(-lo))
	b := 1 - math.Pow(1-p1, wsum)
	return math.Max(b, s.p.Identification.FalsePositive) * (1 + 1e-9)
}

// evAt evaluates the person's (e's) transient deviation in week w, accounting its sum
// over the weeks since the last evaluation. shared says whether the person's
// history is still shared by a pair of arms. The transient is also evaluated
// at every discount-year boundary (weeks 0, 52, ...) on the way, so that the
// weeks between two evaluations always fall in one discount year; the
// boundaries are taken in week order, so which draws they use does not depend
// on when the next evaluation comes.
func (s *pcnSim) evAt(e *evPerson, w int, shared bool) {
	for y := s.yearEnds[e.tWeek-s.yearEndsFrom]; int(y) < w; y = s.yearEnds[e.tWeek-s.yearEndsFrom] {
		s.evAt(e, int(y), shared) // no boundary before y
	}
	k := w - int(e.tWeek)
	if k <= 0 {
		return
	}
	g := &s.gap.rows[k]
	a := e.tVal
	rk := g.rho
	r := next(&e.rWB)
	z, ok := normRect(r)
	if !ok {
		z = zigNormFrom(&e.rWB, r)
	}
	b := rk*a + g.sdEnd*z
	ser := &s.own
	if shared {
		ser = &s.shared
	}
	cs := &ser.cells[e.cell]
	if lo := int(e.tWeek) + 1; k > 1 && lo >= 0 {
		// Weeks lo..w-1, all in lo's discount year. Their sum given the
		// endpoints is its mean (the bridge) plus a normal residual: the
		// mean is added now, the residual's variance is pooled by cell and
		// year and drawn once (residuals).
		wl := &ser.week[lo]
		sum := g.meanS*a + g.slopeS*(b-rk*a)
		cs.wb += sum
		cs.wbDF += wl.df * sum
		ser.resVar[int(wl.resVar)+int(e.cell)] += g.varS
		if id := g.invDenom; id > 0 {
			rho := s.gap.rows[1].rho
			cf, cb := (a-b*rk)*id, (b-a*rk)*id
			ww := &ser.week[w]
			wl.fwd += cf * rho
			ww.fwd -= cf * rk
			ww.bwd += cb * rho // bwd is offset by one week
			wl.bwd -= cb * rk
		}
	}
	if w >= 0 {
		ww := &ser.week[w]
		cs.wb += b
		cs.wbDF += ww.df * b
		ww.level += b
		ser.week[w+1].level -= b
	}
	e.tVal, e.tWeek = b, int32(w)
}

// yearAfter is the first discount-year boundary after week t (weeks 0, 52,
// ...).
func yearAfter(t int) int {
	if t < 0 {
		return 0
	}
	return (t/52 + 1) * 52
}

// evObserved returns person i's observed wellbeing in week w (evaluating the
// transient if needed).
func (s *pcnSim) evObserved(i int, w int) float64 {
	return s.observedAt(i, &s.ev[i], w, len(s.div) > i && !s.div[i] && s.twinned)
}

// observedAt is evObserved for person i's state e, shared by a pair of arms
// or not.
func (s *pcnSim) observedAt(i int, e *evPerson, w int, shared bool) float64 {
	s.evAt(e, w, shared)
	return observed(float64(e.latent) + e.tVal + s.needWB[e.needs] + s.path.gainPoints(i, w))
}

// evExit ends person i's registration in week w: the weeks before are
// accounted and they leave any list they are on.
func (s *pcnSim) evExit(i int, w int, twin *pcnSim) {
	e := &s.ev[i]
	s.evClose(i, e, w, twin != nil)
	e.done = true
	s.pop.alive[i] = false
	s.pop.exitWeek[i] = int32(w)
	s.leaveEpisode(i, w)
	if twin != nil {
		twin.leaveEpisode(i, w)
	}
}

// evClose accounts person i's weeks before week end.
func (s *pcnSim) evClose(i int, e *evPerson, end int, shared bool) {
	if last := end - 1; last >= 0 && last > int(e.tWeek) {
		s.evAt(e, last, shared)
	}
	s.needSeg(e, end, shared)
	s.gainSeg(i, e, end)
}

// benefitChanging accounts person i's gain before week from, ahead of a
// change to their benefit (event engine only).
func (s *pcnSim) benefitChanging(i int, from int) {
	if !s.event {
		return
	}
	s.gainSeg(i, &s.ev[i], from)
}

// serviceChanged restarts person i's need clocks from week from after they
// start or stop taking part in a service, which changes the resolution
// hazard of the need it addresses (event engine only).
func (s *pcnSim) serviceChanged(i int, from int) {
	if !s.event {
		return
	}
	e := &s.ev[i]
	e.helped = int8(s.path.helpedNeed(i))
	if e.done || s.p.Effects.NeedResolutionRR == 1 {
		return // no hazard changes: keep the clocks (and the arms' draws in step)
	}
	for k := 0; k < numNeeds; k++ {
		if e.needs&(1<<k) != 0 {
			e.nextNeed[k] = s.geomFrom(&e.rNeeds, from, s.needHaz(i, e, k))
		}
	}
	e.slowClock()
	s.schedule(i)
}
