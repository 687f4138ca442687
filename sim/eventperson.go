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
	return geomWeek(from, x, h)
}

// geomWeek is geomFrom's week for the clock's unit exponential x and a
// hazard h > 0: from + floor(x/h) (a truncation, x/h being >= 0), or never
// past the int32 weeks.
func geomWeek(from int, x, h float64) int32 {
	q := x / h
	if !(q < 1<<31) {
		return never
	}
	return int32(min(from+int(q), never))
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
	s.contactGapsFinite = true
	for b := 0; b < 5; b++ {
		for q := 0; q < 5; q++ {
			for f := 0; f < 2; f++ {
				for l := 0; l <= maxLTC; l++ {
					for n := 0; n <= numNeeds; n++ {
						g := contactGap{
							gp: meanGap(s.gpBase[b][f][l] * s.gpNeedMult[n] * s.gpWBMax * s.gpBenMax / 52),
							ae: meanGap(s.aeBase[b][q][l] * s.aeNeedMult[n] * s.aeBenMax / 52),
						}
						s.contactGaps[(((b*5+q)*2+f)*(maxLTC+1)+l)*(numNeeds+1)+n] = g
						if math.IsInf(g.gp, 1) || math.IsInf(g.ae, 1) {
							s.contactGapsFinite = false
						}
					}
				}
			}
		}
	}
}

// contactGap is the mean weeks between GP and between A&E candidates of one
// kind of person (pcnSim.contactGaps).
type contactGap struct{ gp, ae float64 }

// contactGapIndex is the index in pcnSim.contactGaps of the gaps of a person
// like e (age band, IMD quintile, sex, long-term conditions, needs).
func contactGapIndex(e *evPerson) int {
	return (((int(e.band)*5+int(e.imd))*2+boolIdx(e.female))*(maxLTC+1)+int(e.ltc))*(numNeeds+1) + countNeeds(e.needs)
}

// restartContacts restarts the contact clocks from the start of week from
// (or contactsFrom, where the clocks start, if later), with the bounding
// rates of the person's current state. Their next
// candidates lie at or after week from (this week's are not yet handled) and
// nothing that has happened depends on them beyond that, so by
// memorylessness the time left to each is exponential with the old mean gap:
// rescaled to the new gap it is a draw of the new process, without drawing.
// A clock whose old gap was infinite (no candidates) is drawn afresh, and one
// whose new gap is infinite stops. (slowEvents writes out the case of finite
// gaps; new people draw their clocks in evInit.)
func (s *pcnSim) restartContacts(e *evPerson, from int) {
	g := &s.contactGaps[contactGapIndex(e)]
	f := float64(s.clockStart(from))
	if math.IsInf(e.gpGap, 1) || math.IsInf(g.gp, 1) {
		e.gpT, e.gpW = s.nextCandidate(&e.rCon, f, g.gp)
	} else {
		e.gpT = f + (e.gpT-f)*(g.gp/e.gpGap)
		e.gpW = weekOfTime(e.gpT)
	}
	if math.IsInf(e.aeGap, 1) || math.IsInf(g.ae, 1) {
		e.aeT, e.aeW = s.nextCandidate(&e.rCon, f, g.ae)
	} else {
		e.aeT = f + (e.aeT-f)*(g.ae/e.aeGap)
		e.aeW = weekOfTime(e.aeT)
	}
	e.gpGap, e.aeGap = g.gp, g.ae
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

// The loops over the needs written out (addPerson, slowEvents, slowClock)
// are for six needs: this fails to compile if there are more or fewer.
var _ = [1]struct{}{}[numNeeds-6]

// newPerson is what evInit reads of a person addPerson has just drawn,
// handed over directly rather than read back from the population's arrays.
type newPerson struct {
	key, wk               uint64 // the person's key and its week-0 key (weekKey)
	birth                 int32  // birthWeek
	imd, ltc, needs, cell uint8
	female                bool
	latent, transient     float32
}

// evInit starts the clocks of person i, registered in week w with needs and
// a transient deviation drawn as of the week before (the reference engine
// steps them once in their first week); np is what addPerson drew.
func (s *pcnSim) evInit(i int, w int, np *newPerson) {
	k := np.key
	s.ev = append(s.ev, evPerson{})
	s.div = append(s.div, false)
	e := &s.ev[i]
	e.rNeeds, e.rWB, e.rCon = key(k, uint64(procNeeds)), key(k, uint64(procWellbeing)), key(k, uint64(procGP))
	e.helped = -1
	e.imd, e.ltc, e.female, e.latent, e.cell = np.imd, np.ltc, np.female, np.latent, np.cell
	e.needs = np.needs
	e.tVal = float64(np.transient)
	e.tWeek = int32(w - 1)
	e.needsFrom, e.gainFrom = int32(w), int32(w)
	band := bandOfWeeks(int32(w) - np.birth) // ageBand
	e.band = uint8(band)
	e.nextBand = bandEnd(np.birth, band)
	e.wbStart = float32(math.NaN())
	// The need clocks (needHaz, with no service yet), their draws written out.
	onset := &s.onsetHaz[e.imd][band][boolIdx(e.female)][e.ltc]
	for k := 0; k < numNeeds; k++ {
		// Whether the need is active is random: select its hazard by a
		// mask, without a branch.
		mask := -uint64(e.needs >> k & 1)
		h := math.Float64frombits(math.Float64bits(onset[k])&^mask | math.Float64bits(s.offHaz[k])&mask)
		e.nextNeed[k] = never
		if h > 0 {
			r := next(&e.rNeeds)
			x, ok := expRect(r)
			if !ok {
				x = zigExpFrom(&e.rNeeds, r)
			}
			e.nextNeed[k] = geomWeek(w, x, h)
		}
	}
	// The contact clocks, drawn (see restartContacts).
	// They start at contactsFrom if that is later (the burn-in's contacts
	// are read by no one).
	g := &s.contactGaps[contactGapIndex(e)]
	e.gpGap, e.aeGap = g.gp, g.ae
	from := s.clockStart(w)
	e.gpT, e.gpW = s.nextCandidate(&e.rCon, float64(from), g.gp)
	e.aeT, e.aeW = s.nextCandidate(&e.rCon, float64(from), g.ae)
	e.nextSelf = s.geomFrom(&e.rCon, from, s.selfHaz[boolIdx(e.female)])
	e.exit = s.exitFrom(np.wk, int(np.birth), w, band)
	// The start measurement, only for people still registered at the end:
	// no one else's is read (evAttribute), and the week-0 transient it
	// evaluates is evaluated anyway, at the discount-year boundary, by their
	// next evaluation, so skipping it changes no draw and saves a wake.
	e.startMeasure = never
	if w <= 0 && s.weeks > 0 && int(e.exit) >= s.weeks {
		e.startMeasure = 0
	}
	s.aliveAt[w-s.firstWeek]++
	if x := int(e.exit); x < s.weeks {
		s.aliveAt[x-s.firstWeek]--
	}
	e.slowClock()
	s.scheduleAt(i, e) // (schedule, which does not inline)
}

// exitFrom draws the week a person, in age band b in week w, dies or
// leaves, from week w on: one exponential against the cumulative weekly
// hazard, which steps at each age band. wk is the key of the person's week 0
// (weekKey) and birth their birthWeek. Exits never depend on social
// prescribing.
func (s *pcnSim) exitFrom(wk uint64, birth int, w int, b int) int32 {
	st := &s.rs.atWeek(wk, procPopulation).src.s
	u := next(st) // ExpFloat64, written out
	e, ok := expRect(u)
	if !ok {
		e = zigExpFrom(st, u)
	}
	from := w
	for ; b < 4; b++ {
		h := s.exitHaz[b]
		end := int(bandEnd(int32(birth), b))
		if e/h < float64(end-from) {
			return geomWeek(from, e, h) // (from + floor(e/h) < end)
		}
		e -= h * float64(end-from)
		from = end
	}
	return geomWeek(from, e, s.exitHaz[4])
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
	// The values the commonest step (a GP candidate) does not use, in a
	// struct too large for registers: read from memory where used, they
	// leave the candidate loop the registers it needs (with them in
	// registers, every candidate reloaded them).
	var m struct {
		twin      *pcnSim
		i         int
		ser       *evSeries
		until     int32
		gpSum     int // the consultations in recorded weeks (sums of counts are exact in any order)
		shared    bool
		benVaries bool
		selfCand  bool
		gpWeeks   []int32 // ser.gp, and the index in it of week 0
		burn      int
	}
	m.twin, m.until, m.i = twin, until, i
	m.shared = twin != nil
	m.ser = s.series(m.shared)
	m.gpWeeks, m.burn = m.ser.gp, m.ser.burn
	// Whether the GP benefit factor must be looked up: not in the first
	// phase, where no one has a benefit yet, if the factor without one is 1
	// (gp_rr below 1).
	m.benVaries = s.gpBenVaries && !(s.personMajor && s.gpBenNone == 1)
	// With no benefit factor, a candidate whose keep draw's leading bits are
	// under squeeze is kept without wellbeing (the squeeze below, in integers).
	squeeze := uint64(0)
	if !m.benVaries {
		squeeze = uint64(int64(s.gpKeepLow * (1 << unitBits))) // (via int64: one conversion, no test)
	}
	referred := false
	if e.done {
		return false
	}
	for e.wake <= m.until { // (an exit ends the loop)
		w := int(e.wake)
		m.selfCand = false
		if int(e.slow) == w {
			var exited bool
			if exited, m.selfCand = s.slowEvents(m.i, e, w, m.twin); exited {
				break // done
			}
		}

		// Contacts (step 4): GP consultations and A&E attendances are the
		// candidates of the bounding processes, each kept with probability
		// (actual rate)/(bound). A GP candidate drawing under the smallest keep
		// probability is kept without evaluating wellbeing (a squeeze): the
		// decision is the same as with it. (This is the commonest step of the
		// engine, written out here rather than called.)
		//
		// Each candidate first draws the next one's time: its exponential
		// uses the low 40 of the 64 bits drawn, and the top 24, independent
		// of it, give the leading bits of two uniforms (unitBits): the top 12
		// this candidate's keep draw, the next 12 the week's identification
		// draw (taken from the week's last candidate). A uniform's other bits
		// are drawn only when its leading bits leave a comparison open, so
		// every comparison is the same as with a whole 53-bit uniform.
		gp := 0
		var idBits uint64
		for int(e.gpW) == w {
			// The next candidate: nextCandidate with its draw's common case
			// inline (the gap is finite while candidates come).
			r := next(&e.rCon)
			x, ok := expRect(r)
			if !ok {
				x = zigExpFrom(&e.rCon, r)
			}
			e.gpT += x * e.gpGap
			e.gpW = weekOfTime(e.gpT)
			idBits = r >> 40 & (1<<unitBits - 1)
			hi := r >> (64 - unitBits)
			if hi < squeeze {
				gp++
				continue
			}
			// The squeeze for the benefit factor bf: the draw is under the
			// smallest keep probability, low = gpKeepLow*bf*2^unitBits, if
			// its leading bits are under floor(low) (lowI), and it may be
			// if they equal lowI, below low. (Without a benefit factor,
			// lowI is squeeze, and hi is not under it.)
			bf, lowI := 1.0, squeeze
			if m.benVaries {
				bf = s.gpBenefitFactor(m.i, w)
				lowI = uint64(int64(s.gpKeepLow * bf * (1 << unitBits)))
				if hi < lowI {
					gp++ // squeezed
					continue
				}
			}
			u := -1.0 // the whole uniform, once drawn
			if hi == lowI && float64(hi) < s.gpKeepLow*bf*(1<<unitBits) {
				if u = unitFrom(hi, &e.rCon); u < s.gpKeepLow*bf {
					gp++
					continue
				}
			}
			h := float64(hi)
			// evObserved, written out (evaluating again in the same week
			// changes nothing; wbOf does not inline, and a call here costs
			// the loop its registers).
			s.evAt(e, w, m.shared)
			v := float64(e.latent) + e.tVal + s.needWB[e.needs]
			if !s.personMajor {
				v += s.path.gainPoints(m.i, w) // (none in the first phase)
			}
			wb := observed(v)
			keep := s.gpWellbeingMult(wb) / s.gpWBMax * bf
			if u < 0 {
				// Kept or not on the leading bits unless k falls inside
				// [h, h+1): one branch, taken rarely, rather than one whose
				// outcome is random.
				k := keep * (1 << unitBits)
				if boolBit(h < k)&boolBit(k < h+1) == 0 {
					gp += int(boolBit(h+1 <= k))
					continue
				}
				u = unitFrom(hi, &e.rCon)
			}
			if u < keep {
				gp++
			}
		}
		ae := 0
		for int(e.aeW) == w {
			if s.aeBenVaries {
				keep := s.aeBenefitFactor(m.i, w)
				if uniform(&e.rCon) < keep {
					ae++
				}
			} else {
				ae++
			}
			// nextCandidate, as for the GP candidates.
			r := next(&e.rCon)
			x, ok := expRect(r)
			if !ok {
				x = zigExpFrom(&e.rCon, r)
			}
			e.aeT += x * e.aeGap
			e.aeW = weekOfTime(e.aeT)
		}
		// Added whether or not there was a consultation and whether or not
		// the week is recorded (adding zero, or to a burn-in week, changes
		// nothing, and a branch on either would be mispredicted).
		m.gpSum += gp &^ (w >> 63) // (gp if w >= 0)
		m.gpWeeks[w+m.burn] += int32(gp)
		if ae > 0 && w >= 0 {
			ser := m.ser
			ser.cells[e.cell].ae += float64(ae)
			ser.week[w].ae += int32(ae)
		}
		s.scheduleAt(m.i, e)
		// Identification (step 5) and referral (step 6) need the week's
		// identification draw under the bound, or a self-referral.
		// One branch, taken rarely, rather than three whose outcomes are
		// random (each mispredicted at random costs more than the test).
		if boolBit(m.selfCand)|boolBit(gp > 0)&boolBit(idBits < s.idBitsUnder[boolIdx(e.needs != 0)]) != 0 {
			if s.identify(m.i, e, w, m.twin, gp > 0, m.selfCand, idBits) {
				referred = true
				break
			}
		}
	}
	m.ser.cells[e.cell].gp += float64(m.gpSum)
	return referred
}

// identify is identification (step 5) and referral (step 6) for person i
// (state e) in week w, in each arm where the service is live, on the same
// draw: idBits are the leading bits of the week's identification draw if
// they consulted (sawGP). twin is the other arm while the person's history
// is shared. In the first phase it reports a referral, left for the second.
func (s *pcnSim) identify(i int, e *evPerson, w int, twin *pcnSim, sawGP, selfCand bool, idBits uint64) bool {
	// The identification draw is taken at every consultation week, live or
	// not, so that what a person draws never depends on the arm.
	u := 1.0 // at or over every bound unless drawn
	wb := -1.0
	bound := s.evalBound[boolIdx(e.needs != 0)]
	// evObserved is written out below: e is the person's state in this
	// arm, shared by the pair exactly when twin is set (as in wakeUp).
	if sawGP && float64(int64(idBits)) < bound*(1<<unitBits) {
		u = unitFrom(idBits, &e.rCon)
		// Identification reads wellbeing, and a referral records it, only
		// for a draw under the bound (with no needs, under the false
		// positive rate). The rule depends on nothing an arm does, so the
		// weeks wellbeing is evaluated in stay the same in both arms.
		// (If the consultations evaluated it, evAt reads it again.)
		if u < bound {
			s.evAt(e, w, twin != nil)
			wb = s.wbOf(i, e, w)
		}
	}
	if selfCand {
		// A referral reads wellbeing: evaluate it in every self-referral
		// week, as in every identification a consultation may make, so
		// the weeks a person's wellbeing is drawn at never depend on the arm.
		s.evAt(e, w, twin != nil)
	}
	live, liveTwin := int32(w) >= s.liveFrom, twin != nil && int32(w) >= twin.liveFrom
	if !(live || liveTwin) {
		return false
	}
	if !selfCand && u >= bound {
		return false // no arm identifies on this draw
	}
	refS, selfS := false, false
	if live {
		refS, selfS = s.decide(i, e, w, wb, sawGP, selfCand, u)
	}
	refT, selfT := false, false
	if liveTwin {
		refT, selfT = twin.decide(i, e, w, wb, sawGP, selfCand, u)
	}
	if !refS && !refT {
		return false
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
	return false
}

// setIDBitsUnder sets idBitsUnder from evalBound: leading bits b of an
// identification draw (a uniform in [b, b+1)/2^unitBits) may be under a
// bound p exactly when b < p*2^unitBits, that is b < ceil(p*2^unitBits).
func (s *pcnSim) setIDBitsUnder() {
	for k, p := range s.evalBound {
		s.idBitsUnder[k] = uint64(math.Ceil(p * (1 << unitBits)))
	}
}

// unitBits is the number of leading bits of a uniform that wakeUp takes from
// bits a candidate's exponential leaves unused.
const unitBits = 12

// unitFrom returns a uniform number in [0, 1) with 53 bits, whose leading
// unitBits bits are hi and the rest drawn from SplitMix state st.
func unitFrom(hi uint64, st *uint64) float64 {
	// (Converted via int64: the 53 bits are never negative, so the
	// conversion needs no test for the sign bit.)
	return float64(int64(hi<<(53-unitBits)|next(st)>>(64-53+unitBits))) * (1.0 / (1 << 53))
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
		// The inactive needs' onset clocks restart with the new band's
		// hazards; one whose hazard is the same runs on (it has not fired
		// before this week, and memorylessness lets it be kept).
		f := boolIdx(e.female)
		was := &s.onsetHaz[e.imd][e.band][f][e.ltc]
		e.band++
		e.nextBand = bandEnd(s.pop.birthWeek[i], int(e.band))
		now := &s.onsetHaz[e.imd][e.band][f][e.ltc]
		for k := 0; k < numNeeds; k++ {
			if e.needs&(1<<k) == 0 && now[k] != was[k] {
				e.nextNeed[k] = s.geomFrom(&e.rNeeds, w, now[k])
			}
		}
		restart = true
	}
	// The needs due this week, found without a branch per need (which need is
	// due is random, so such branches are mispredicted), in need order.
	n, w32 := &e.nextNeed, int32(w)
	due := boolBit(n[0] == w32) | boolBit(n[1] == w32)<<1 | boolBit(n[2] == w32)<<2 |
		boolBit(n[3] == w32)<<3 | boolBit(n[4] == w32)<<4 | boolBit(n[5] == w32)<<5
	if due != 0 {
		before := e.needs
		// needSeg(e, w, shared), written out: the call (and the registers
		// it makes this function reload) cost more than its common path.
		from := int(e.needsFrom)
		e.needsFrom = w32
		if before != 0 {
			if lo, hi, nw, dw := s.span(from, w); nw != 0 {
				s.series(shared).addNeeds(e.cell, before, s.needWB[before], lo, hi, nw, dw)
			}
		}
		for ; due != 0; due &= due - 1 {
			k := bits.TrailingZeros8(due)
			e.needs ^= 1 << k
			// needHaz, written out
			var h float64
			if e.needs&(1<<k) != 0 {
				h = s.offHaz[k]
				if int(e.helped) == k {
					h = s.offHazHelped[k]
				}
			} else {
				h = s.onsetHaz[e.imd][e.band][boolIdx(e.female)][e.ltc][k]
				if w >= 0 {
					s.series(shared).cells[e.cell].needRes++
				}
			}
			// geomFrom, written out
			n[k] = never
			if h > 0 {
				r := next(&e.rNeeds)
				x, ok := expRect(r)
				if !ok {
					x = zigExpFrom(&e.rNeeds, r)
				}
				n[k] = geomWeek(w+1, x, h)
			}
		}
		if countNeeds(e.needs) != countNeeds(before) {
			restart = true
		}
	}
	if restart {
		if g := &s.contactGaps[contactGapIndex(e)]; s.contactGapsFinite {
			// restartContacts, written out for finite gaps
			f := float64(s.clockStart(w))
			e.gpT = f + (e.gpT-f)*(g.gp/e.gpGap)
			e.aeT = f + (e.aeT-f)*(g.ae/e.aeGap)
			e.gpGap, e.aeGap = g.gp, g.ae
			e.gpW, e.aeW = weekOfTime(e.gpT), weekOfTime(e.aeT)
		} else {
			s.restartContacts(e, w)
		}
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

// decide is identification (step 5) for this arm, given the person's state
// e (in either arm: only their needs and attributes are read), observed
// wellbeing this week, whether they consulted, whether their self-referral
// clock fired, and the uniform draw for identification.
func (s *pcnSim) decide(i int, e *evPerson, w int, wb float64, sawGP, selfCand bool, u float64) (referred, self bool) {
	// Eligibility, which reads the pathway's arrays (cache misses), is
	// checked only for a draw that may refer: most stop at the bounds.
	needs := e.needs
	self = selfCand && needs != 0
	if sawGP && u < s.identBound[w-s.firstWeek] && (needs == 0 || u < s.identOddsBound(i, e, w)) {
		if !s.eligible(i, w) {
			return false, false
		}
		s.identLogitRamp = s.rampIdent[w-s.firstWeek]
		if u < s.identProb(i, needs, wb) {
			return true, false
		}
		return self, self
	}
	if self && !s.eligible(i, w) {
		return false, false
	}
	return self, self
}

// identOddsBound bounds identProb for person i with active needs (not none)
// in week w, cheaply, so that most draws skip the exact probability, whose
// exp and pow are the dearest step of identification. With p the
// probability of spotting one need of weight 1 and W the needs' total
// weight, 1-(1-p)^W <= W p/(1-p) = W x odds, and the odds are the product
// of the person's factors, the week's ramp and, at most, the odds ratio of
// the lowest wellbeing z. The margins cover rounding in both computations.
//
// The attributes other than the practice are read from e, whose first cache
// line the wake has loaded (ethnicity is the low bit of the cell, cellFor),
// rather than from the population's arrays.
func (s *pcnSim) identOddsBound(i int, e *evPerson, w int) float64 {
	g := ((int(s.pop.practice[i])*5+int(e.imd))*2+1-boolIdx(e.female))*2 + int(e.cell&1)
	return s.needWeight[e.needs]*s.identOdds[g]*s.rampOdds[w-s.firstWeek]*(1+1e-9) + 1e-15
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
// on when the next evaluation comes. (Most evaluations cross no boundary: one
// compare, and the boundaries are left to evYears.)
func (s *pcnSim) evAt(e *evPerson, w int, shared bool) {
	if int(s.yearEnds[e.tWeek-s.yearEndsFrom]) < w {
		s.evYears(e, w, shared)
	}
	t0 := int(e.tWeek)
	k := w - t0
	if k <= 0 {
		return
	}
	g := &s.gap.rows[k]
	a, rk := e.tVal, g.rho
	r := next(&e.rWB)
	z, ok := normRect(r)
	if !ok {
		z = zigNormFrom(&e.rWB, r)
	}
	b := rk*a + g.sdEnd*z
	e.tVal, e.tWeek = b, int32(w)
	if w < 0 {
		return // burn-in: nothing is recorded
	}
	ser := &s.own
	if shared {
		ser = &s.shared
	}
	lo, id := t0+1, g.invDenom
	if lo < 0 || id == 0 {
		s.evGapRare(e, ser, g, a, b, lo, w)
		return
	}
	cs := &ser.cells[e.cell]
	// Weeks lo..w-1, all in lo's discount year. Their sum given the
	// endpoints is its mean (the bridge) plus a normal residual: the mean is
	// added now, the residual's variance is pooled by cell and year and drawn
	// once (residuals). (For k = 1 the mean and variance are exactly 0.)
	// The weekly series takes the bridge means of weeks lo..w as forward and
	// backward geometric terms, which at week w add up to b itself, so the
	// endpoint needs no rows of its own.
	br := ser.bridge
	wl, wn := &br[lo], &br[w+1]
	sum := g.meanS*a + g.slopeS*(b-rk*a)
	cs.wb += sum + b
	cs.wbDF += wl.df*sum + br[w].df*b
	ser.resVar[int(wl.resVar)+int(e.cell)] += g.varS
	rho := s.ar1 // = s.gap.rows[1].rho
	cf, cb := (a-b*rk)*id, (b-a*rk)*id
	wl.fwd += cf * rho
	wl.bwd -= cb * rk // bwd is offset by one week: row t+1 holds week t
	wn.fwd -= cf * rk * rho
	wn.bwd += cb
}

// evYears evaluates the person's transient at each discount-year boundary
// before week w (evAt).
func (s *pcnSim) evYears(e *evPerson, w int, shared bool) {
	for y := s.yearEnds[e.tWeek-s.yearEndsFrom]; int(y) < w; y = s.yearEnds[e.tWeek-s.yearEndsFrom] {
		s.evAt(e, int(y), shared) // no boundary before y
	}
}

// evGapRare is evAt's accounting of a recorded week w whose gap starts in the
// burn-in (w is week 0), or for a transient with no bridge (rho = 1): the
// weeks from lo are summed only if recorded, and the endpoint b is added to
// the weekly series on its own.
func (s *pcnSim) evGapRare(e *evPerson, ser *evSeries, g *gapRow, a, b float64, lo, w int) {
	cs := &ser.cells[e.cell]
	if w > lo && lo >= 0 {
		dl := &ser.bridge[lo]
		sum := g.meanS*a + g.slopeS*(b-g.rho*a)
		cs.wb += sum
		cs.wbDF += dl.df * sum
		ser.resVar[int(dl.resVar)+int(e.cell)] += g.varS
	}
	cs.wb += b
	cs.wbDF += ser.bridge[w].df * b
	ser.week[w].level += b
	ser.week[w+1].level -= b
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
	e := &s.ev[i]
	s.evAt(e, w, len(s.div) > i && !s.div[i] && s.twinned)
	return s.wbOf(i, e, w)
}

// wbOf is person i's observed wellbeing in week w from their state e, whose
// transient has been evaluated in week w.
func (s *pcnSim) wbOf(i int, e *evPerson, w int) float64 {
	v := float64(e.latent) + e.tVal + s.needWB[e.needs]
	if !s.personMajor {
		// No one has a benefit in the first phase: their gain (and its
		// cache miss) is skipped.
		v += s.path.gainPoints(i, w)
	}
	return observed(v)
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
