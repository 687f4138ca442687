package sim

import "math"

// Accounting in the event engine. A person's wellbeing in week w is
// latent + transient + need effects + gain; the engine sums each part over
// the recorded weeks in closed form, piece by piece, instead of adding it up
// week by week: the latent level over the registered weeks, need effects over
// each stretch of unchanged needs, the transient over each gap between
// evaluations (ar1.go), and the gain over each stretch of held or fading
// benefit. Utility is linear in wellbeing (or in the number of active needs),
// so QALYs follow from the same sums with discounted weights.

// series returns the weekly accumulator for person contributions: the shared
// one while a pair of arms still shares the person, else the arm's own.
func (s *pcnSim) series(shared bool) *evSeries {
	if shared {
		return &s.shared
	}
	return &s.own
}

// span clips weeks [from, to) to the recorded horizon and returns its bounds,
// length and discounted length. The clipping, max(from, 0) and min(to,
// weeks), is done with masks rather than branches: whether a stretch starts
// in the burn-in is random, so such branches are mispredicted.
func (s *pcnSim) span(from, to int) (lo, hi int, n, d float64) {
	lo = from &^ (from >> 63)
	over := to - s.weeks
	hi = to - over&^(over>>63)
	if hi <= lo {
		return lo, lo, 0, 0
	}
	return lo, hi, float64(hi - lo), s.dcum[hi] - s.dcum[lo]
}

// needSeg accounts the person's current needs for weeks [needsFrom, upto).
func (s *pcnSim) needSeg(e *evPerson, upto int, shared bool) {
	from := int(e.needsFrom)
	e.needsFrom = int32(upto)
	if e.needs == 0 {
		return // the commonest stretch, and nothing to add
	}
	lo, hi, n, d := s.span(from, upto)
	if n == 0 {
		return
	}
	s.series(shared).addNeeds(e.cell, e.needs, s.needWB[e.needs], lo, hi, n, d)
}

// addNeeds adds to cell c's sums a stretch of weeks [lo, hi) (n weeks, d
// discounted) with the active needs m, whose effect on wellbeing is v.
func (ser *evSeries) addNeeds(c uint8, m uint8, v float64, lo, hi int, n, d float64) {
	cnt := float64(countNeeds(m))
	cs := &ser.cells[c]
	cs.wb += v * n
	cs.wbDF += v * d
	cs.needs += cnt * n
	cs.needsDF += cnt * d
	if v != 0 {
		ser.week[lo].level += v
		ser.week[hi].level -= v
	}
}

// gainSeg accounts person i's wellbeing gain for weeks [gainFrom, upto).
// Only people social prescribing has reached have a gain, so their history
// is never shared.
func (s *pcnSim) gainSeg(i int, e *evPerson, upto int) {
	from := int(e.gainFrom)
	if upto <= from {
		return
	}
	e.gainFrom = int32(upto)
	pw := &s.path
	if pw.benLevel[i] == 0 {
		return
	}
	lo, hi, n, d := s.span(from, upto)
	if n == 0 {
		return
	}
	full := float64(pw.benLevel[i]) * float64(pw.mult[i]) * pw.fullGain
	ser := &s.own
	cs := &ser.cells[e.cell]
	if !pw.benFade[i] {
		cs.wb += full * n
		cs.wbDF += full * d
		ser.week[lo].level += full
		ser.week[hi].level -= full
		return
	}
	// Fading: full x decay^(w - since) for w > since, summed year by year.
	since := int(pw.benSince[i])
	dec := pw.decay
	at := func(w int) float64 { return full * pw.decayPow(w-since) }
	for a := lo; a < hi; {
		b := min(hi, (a/52+1)*52)
		var sum float64
		if dec == 1 {
			sum = full * float64(b-a)
		} else {
			sum = at(a) * (1 - pw.decayPow(b-a)) / (1 - dec)
		}
		cs.wb += sum
		cs.wbDF += s.discount[a] * sum
		a = b
	}
	ser.week[lo].fade += at(lo)
	ser.week[hi].fade -= at(hi)
}

// evFinish closes the horizon: everyone still registered is accounted to
// its end, and every person's sums go to their groups, in person order. With
// twin set (the comparator of a pair) it does both arms: people whose
// history was shared, whom neither arm referred, are attributed once, to the
// shared sums that both arms add. Both arms add in the same order, so
// identical arms give identical results.
func (s *pcnSim) evFinish(twin *pcnSim) {
	p := s.pop
	s.out.t.adultsSimulated = float64(p.n)
	s.wbChgOwn, s.wbChgShared = cellChanges{}, cellChanges{}
	if twin != nil {
		twin.wbChgOwn = cellChanges{}
	}
	for i := 0; i < p.n; i++ {
		shared := twin != nil && !s.div[i]
		e := &s.ev[i]
		if !e.done {
			s.evClose(i, e, s.weeks, shared)
		}
		switch {
		case shared:
			// Neither arm referred them (a referral parts the arms), so
			// neither has anything for attribute: quiet in both.
			s.evAttribute(i, e, s.out.t, &s.shared, &s.wbChgShared)
		default:
			s.evAttribute(i, e, s.out.t, &s.own, &s.wbChgOwn)
			if twin != nil {
				f := &twin.ev[i]
				if !f.done {
					twin.evClose(i, f, twin.weeks, false)
				}
				twin.evAttribute(i, f, twin.out.t, &twin.own, &twin.wbChgOwn)
			}
		}
	}
	s.addResiduals(&s.own, &s.shared)
	s.own.addTo(s.out.t, s)
	s.wbChgOwn.addTo(s.out.t)
	if twin != nil {
		twin.addResiduals(&twin.own, &s.shared)
		twin.out.t.adultsSimulated = float64(p.n)
		twin.own.addTo(twin.out.t, twin)
		twin.wbChgOwn.addTo(twin.out.t)
		s.shared.addTo(s.out.t, s)
		s.shared.addTo(twin.out.t, twin)
		s.wbChgShared.addTo(s.out.t)
		s.wbChgShared.addTo(twin.out.t)
	}
}

// cellChanges are sums of changes in wellbeing (wellbeing_change) and their
// count by reporting cell, for the people evAttribute adds on its own.
type cellChanges [numCells][2]float64

// addTo adds the sums to the cells' groups in t.
func (c *cellChanges) addTo(t *tally) {
	for cell := range c {
		if c[cell][1] == 0 {
			continue
		}
		for _, g := range &cellGroupTab[cell] {
			gt := &t.g[g]
			gt.wbChange += c[cell][0]
			gt.wbChangeN += c[cell][1]
		}
	}
}

// quiet reports whether person i has nothing in arm s for attribute: no
// milestones, waits or referral measurements.
func (s *pcnSim) quiet(i int) bool {
	a := &s.out.acc
	return s.path.flags[i] == 0 && s.path.cal[i] == 0 && a.waitN[i] == 0 && math.IsNaN(float64(a.refWB2[i]))
}

// evAttribute adds person i's registered weeks and latent wellbeing to the
// sums of arm s (ser), their measurements and milestones to t and, if they
// have nothing else (quiet), their change in wellbeing to chg.
func (s *pcnSim) evAttribute(i int, e *evPerson, t *tally, ser *evSeries, chg *cellChanges) {
	p := s.pop
	exit := p.exitWeek[i]
	end := int(exit)
	if exit == stillRegistered {
		end = s.weeks
	}
	lo, hi, n, d := s.span(int(p.entryWeek[i]), end)
	flags := s.path.flags[i]
	if n == 0 && flags == 0 {
		return
	}
	latent := float64(e.latent)
	if n > 0 {
		wl, wh := &ser.week[lo], &ser.week[hi]
		wl.level += latent
		wh.level -= latent
		wl.alive++
		wh.alive--
		cs := &ser.cells[e.cell]
		cs.weeks += n
		cs.weeksDF += d
		cs.wb += latent * n
		cs.wbDF += latent * d
	}
	wbChange := math.NaN()
	if !math.IsNaN(float64(e.wbStart)) && exit == stillRegistered {
		last := s.weeks - 1
		wb := observed(latent + e.tVal + s.needWB[e.needs] + s.path.gainPoints(i, last))
		wbChange = wb - float64(e.wbStart)
	}
	if s.quiet(i) {
		// Most people: nothing but the change in wellbeing to add (attribute
		// would add the same, and zeros), by cell.
		if !math.IsNaN(wbChange) {
			c := &chg[e.cell]
			c[0] += wbChange
			c[1]++
		}
		return
	}
	ps := personSums{wbChange: wbChange}
	s.attribute(t, i, &ps)
}
