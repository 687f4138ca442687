package sim

import (
	"math"
	"math/bits"
	"reflect"
	"slices"
)

// The event engine runs the weekly order of loop.go, but a person's own
// processes (step 3's exit, needs and wellbeing, step 4's contacts, and the
// identification of step 5 that a consultation triggers) are not stepped
// every week. Each is a clock: the week of the person's next exit, need onset
// or resolution, age-band change, candidate GP consultation, A&E attendance
// and self-referral is drawn ahead, and the person wakes only then. The
// weekly hazards of the reference engine become geometric waiting times;
// contacts, whose rates depend on wellbeing, are drawn by thinning from a
// bounding rate; the AR(1) wellbeing deviation is advanced over whole gaps in
// closed form (ar1.go), with its sum over the weeks between. The steps that
// share capacity (7-10) still run every week over the queue, caseload and
// services, and wake the people they act on.
//
// The two arms of a PCN share one population and, while social prescribing
// has not touched a person in either arm, one copy of their history: the
// scenario arm wakes them and both arms' identification runs on the same
// draws. When either arm refers them, the comparator takes a copy of their
// state and the arms go on separately (copy-on-divergence, which common
// random numbers make exact). A test checks that this engine and the
// reference engine (loop.go's step) agree within Monte Carlo error.

// evPerson is one person's own state in one arm of the event engine, laid
// out so that a wake reads the first cache line and, for draws, the second.
type evPerson struct {
	wake         int32           // week of the next event
	slow         int32           // week of the next event other than a contact
	nextNeed     [numNeeds]int32 // week need k next starts or resolves
	gpW, aeW     int32           // weeks of gpT and aeT
	nextBand     int32
	nextSelf     int32
	startMeasure int32 // week 0 (the start measurement) for people registered by then, else never
	exit         int32 // week the person dies or leaves (never depends on the arm)
	tWeek        int32 // week the transient was last evaluated
	needsFrom    int32 // first week of the current set of needs not yet accounted
	gainFrom     int32 // first week of gain not yet accounted
	needs        uint8
	band         uint8
	imd, ltc     uint8
	female       bool
	done         bool  // exited and accounted
	helped       int8  // need met by the service the person takes part in, or -1
	cell         uint8 // reporting cell (IMD x sex x age group x ethnicity)

	rNeeds, rWB, rCon uint64  // the person's random streams (SplitMix states)
	gpT, aeT          float64 // time in weeks of the next candidate GP consultation and A&E attendance
	gpGap, aeGap      float64 // mean weeks between candidates (1/bounding rate)
	tVal              float64 // transient wellbeing deviation in week tWeek
	latent, wbStart   float32
}

// numCells is the number of reporting cells: every combination of IMD
// quintile, sex, age group and ethnicity. Sums are kept by cell and expanded
// to the (overlapping) reporting groups at the end.
const numCells = 5 * 2 * 5 * 2

// cellFor returns the reporting cell of a person in IMD quintile imd, of
// the given sex, age group and ethnicity.
func cellFor(imd uint8, female bool, group uint8, minority bool) uint8 {
	return ((imd*2+boolBit(female))*5+group)*2 + boolBit(minority)
}

// cellSums are sums over the recorded weeks of the people of one cell:
// person-weeks, wellbeing (latent, transient, need effects and gain), active
// needs, contacts and resolved needs; "df" sums are discounted.
type cellSums struct {
	weeks, weeksDF, wb, wbDF, needs, needsDF float64
	gp, ae, needRes                          float64
}

const never = math.MaxInt32

// weekOfTime is the week containing time t (in weeks), or never. It rounds
// down by truncating and stepping back for negative times, without
// math.Floor's call and CPU check (the commonest rounding of the engine).
func weekOfTime(t float64) int32 {
	if t >= 1e9 {
		t = never
	}
	w := int32(t)
	if float64(w) > t {
		w--
	}
	return w
}

// calendar holds, for every week, the set of people due to wake, as a bitmap:
// setting is O(1), a person is woken once however often they are scheduled,
// and people wake in index order (the order the reference engine visits them).
// Only the next calRing weeks have bitmaps, rows of one array sized once for
// the population (so setting a bit never grows a slice), reused in a ring: a
// bitmap for every week of the horizon is megabytes, out of the second-level
// cache, and most wakes are scheduled a few weeks ahead. A person due later
// waits in that week's list and is set in its row when the row comes round.
// A summary bitmap per row (a bit per word) lets a week skip its empty words.
type calendar struct {
	first, n      int       // first week, number of weeks
	now           int       // the first week not yet woken (rows hold now..now+calRing-1)
	words, sumW   int       // words of a week's bitmap and of its summary
	bits, summary []uint64  // row r: bits[r*words:], summary[r*sumW:] (week w in row w mod calRing)
	later         [][]int32 // by week from first: people due then, scheduled before its row came round
}

// calRing is the number of weeks the calendar keeps bitmaps for (a power of
// two).
const calRing = 64

// reset empties the calendar for weeks [first, last) and people 0..people-1.
func (c *calendar) reset(first, last, people int) {
	c.first, c.n, c.now = first, last-first, first
	c.words = (people + 63) / 64
	c.sumW = (c.words + 63) / 64
	c.bits = resize(c.bits, calRing*c.words)
	c.summary = resize(c.summary, calRing*c.sumW)
	c.later = resizeLists(c.later, c.n)
}

// add schedules person i in week w (ignored outside the simulated weeks),
// which must not have been woken yet (w >= now: a week's row is reused once
// woken). It is kept out of line so that scheduleAt inlines: the first
// phase, which wakes most people, never calls it.
//
//go:noinline
func (c *calendar) add(i int, w int32) {
	k := int(w) - c.first
	if uint(k) >= uint(c.n) {
		return
	}
	if int(w)-c.now >= calRing {
		c.later[k] = append(c.later[k], int32(i))
		return
	}
	c.set(i, int(w)&(calRing-1))
}

// set sets person i's bit in row r.
func (c *calendar) set(i, r int) {
	j := i >> 6
	c.bits[r*c.words+j] |= 1 << (uint(i) & 63)
	c.summary[r*c.sumW+j>>6] |= 1 << (uint(j) & 63)
}

// row returns week w's bitmap and its summary (w in now..now+calRing-1).
func (c *calendar) row(w int) (bits, summary []uint64) {
	r := w & (calRing - 1)
	return c.bits[r*c.words : (r+1)*c.words], c.summary[r*c.sumW : (r+1)*c.sumW]
}

// woken moves the calendar past week w, whose row has been emptied by
// waking it: the row is week w+calRing's, and takes the people waiting for it.
func (c *calendar) woken(w int) {
	c.now = w + 1
	if k := w + calRing - c.first; k < c.n {
		r := (w + calRing) & (calRing - 1)
		for _, i := range c.later[k] {
			c.set(int(i), r)
		}
		c.later[k] = c.later[k][:0]
	}
}

// evSeries accumulates one arm's sums from the pieces the event engine
// accounts: by reporting cell, and by week for the wellbeing series. The
// weekly wellbeing sum over people is kept as a difference array for the
// piecewise-constant parts (latent level, need effects, held gain, single
// weeks), forward and backward geometric recurrences in rho for the bridge
// means of the AR(1) deviation between evaluations, and a forward recurrence
// in the fading factor for fading gain; alive counts people registered.
type evSeries struct {
	cells  [numCells]cellSums
	week   []weekSums   // by week, and one more for the difference arrays
	bridge []bridgeSums // by week, and one more
	resVar []float64    // pooled residual variance by discount year and cell (residuals.go)
	// Consultations by week from the first burn-in week (week w at
	// gp[w+burn]): written at almost every wake, so dense (a week's row of
	// week would miss the cache), and written in burn-in weeks too, so that
	// wakeUp need not branch on the week (burn-in counts are not read).
	gp   []int32
	burn int
}

// weekSums are one week's piecewise-constant sums in evSeries; 32 bytes, so
// that a row is found with a shift. (Weekly counts fit in int32 and are
// exact.)
type weekSums struct {
	level, fade, alive float64
	ae                 int32 // attendances (their costs follow; consultations are in evSeries.gp)
	_                  int32
}

// bridgeSums are the week's sums in evSeries that evAt, the commonest
// step, reads and writes: the bridge-mean recurrences, and the week's
// discount factor and index of its discount year in resVar; apart from
// weekSums so that evAt touches 32 bytes a week (a smaller working set).
type bridgeSums struct {
	fwd, bwd float64 // bwd is offset by one week: row w+1 holds week w
	df       float64 // the week's discount factor (pcnSim.discount)
	resVar   int32   // the index of the week's discount year in resVar
	_        int32
}

// reset empties the sums for a horizon with the given discount factors,
// after burn burn-in weeks.
func (e *evSeries) reset(discount []float64, burn int) {
	weeks := len(discount)
	e.burn = burn
	e.gp = resize(e.gp, burn+weeks)
	e.cells = [numCells]cellSums{}
	e.resVar = resize(e.resVar, (weeks+51)/52*numCells)
	e.week = resize(e.week, weeks+2)
	e.bridge = resize(e.bridge, weeks+2)
	for w, df := range discount {
		e.bridge[w].df, e.bridge[w].resVar = df, int32(w/52*numCells)
	}
}

// addTo adds the sums to arm s's tally t: cells to groups, QALYs from the
// wellbeing (or need) sums by the arm's linear utility mapping, and the
// weekly series.
func (e *evSeries) addTo(t *tally, s *pcnSim) {
	q := &s.p.QALY
	for c := range e.cells {
		cs := &e.cells[c]
		if cs.weeks == 0 && cs.gp == 0 && cs.ae == 0 && cs.needRes == 0 && cs.wb == 0 && cs.needs == 0 {
			continue
		}
		var qalyRaw, qaly float64
		if s.qalyByNeeds {
			qalyRaw = (q.Intercept*cs.weeks - q.NeedDecrement*cs.needs) / 52
			qaly = (q.Intercept*cs.weeksDF - q.NeedDecrement*cs.needsDF) / 52
		} else {
			k := q.Intercept - 51*q.Slope
			qalyRaw = (k*cs.weeks + q.Slope*cs.wb) / 52
			qaly = (k*cs.weeksDF + q.Slope*cs.wbDF) / 52
		}
		for _, g := range cellGroups(c) {
			gt := &t.g[g]
			gt.personWeeks += cs.weeks
			gt.wbSum += cs.wb
			gt.gp += cs.gp
			gt.ae += cs.ae
			gt.needsResolved += cs.needRes
			gt.qaly += qaly
			gt.qalyRaw += qalyRaw
		}
	}
	rho, decay := s.gap.rows[1].rho, s.path.decay
	weeks := len(t.wbN)
	var lv, fw, fd, al float64
	bw := make([]float64, weeks+1)
	for w := weeks - 1; w >= 0; w-- {
		bw[w] = rho*bw[w+1] + e.bridge[w+1].bwd
	}
	for w := 0; w < weeks; w++ {
		ws := &e.week[w]
		lv += ws.level
		fw = rho*fw + e.bridge[w].fwd
		fd = decay*fd + ws.fade
		al += ws.alive
		t.series[SWellbeing][w] += lv + fw + bw[w] + fd
		t.wbN[w] += al
		gp, ae := float64(e.gp[e.burn+w])*s.p.Costs.GPConsultation, float64(ws.ae)*s.p.Costs.AEAttendance
		t.series[SCostGP][w] += gp
		t.series[SCostAE][w] += ae
		t.costGP += s.discount[w] * gp
		t.costAE += s.discount[w] * ae
	}
}

// cellGroupTab is cellGroups of every cell.
var cellGroupTab = func() (t [numCells][5]Group) {
	for c := range t {
		t[c] = cellGroups(c)
	}
	return t
}()

// cellGroups returns the five reporting groups of cell c.
func cellGroups(c int) [5]Group {
	eth := GroupMinority + Group(1-c%2)
	age := GroupAge18 + Group(c/2%5)
	sex := GroupFemale + Group(1-c/10%2)
	imd := GroupIMD1 + Group(c/20)
	return [5]Group{GroupAll, imd, sex, age, eth}
}

// sharesPeople reports whether two arms may share people's histories: every
// parameter that acts on a person before social prescribing does is equal.
func sharesPeople(a, b *Params) bool {
	return reflect.DeepEqual(a.Simulation, b.Simulation) && reflect.DeepEqual(a.Population, b.Population) &&
		reflect.DeepEqual(a.Wellbeing, b.Wellbeing) && reflect.DeepEqual(a.Needs, b.Needs) &&
		reflect.DeepEqual(a.Contacts, b.Contacts) && a.QALY == b.QALY && a.Outcomes == b.Outcomes &&
		a.Identification.SelfReferral == b.Identification.SelfReferral &&
		a.Identification.SelfWeekly == b.Identification.SelfWeekly &&
		a.Identification.SelfMaleOR == b.Identification.SelfMaleOR
}

// runEvents simulates both arms of one PCN with the event engine: a is the
// scenario arm, b the comparator, which measures wellbeing_change_referred on
// the people the scenario refers, at the same weeks.
//
// It runs in two phases. First, person by person, each person's own history
// up to the week either arm refers them (or they leave, or the horizon ends):
// until then nothing the PCN does can reach them, and what they need from the
// PCN (whether its service is live, how its referral rate has ramped up) is
// known in advance. Then week by week, the order of loop.go for the PCN-level
// steps, the referrals found in the first phase, and the people social
// prescribing has reached, woken from the calendar.
func runEvents(a, b *pcnSim, pa, pb *Params, spec *PCNSpec, pcnIdx int, runSeed uint64, goA, goB Date, ta, tb *tally) {
	from := contactsFrom(pa, goA, pb, goB)
	if !sharesPeople(pa, pb) {
		refs := a.runEventArm(pa, spec, pcnIdx, runSeed, goA, from, ta, nil)
		b.runEventArm(pb, spec, pcnIdx, runSeed, goB, from, tb, refs)
		return
	}
	a.beginEvent(pa, spec, pcnIdx, runSeed, goA, from, ta, nil)
	b.beginEvent(pb, spec, pcnIdx, runSeed, goB, from, tb, a)
	a.twinned, b.comparator = true, true
	a.personPass(b)
	measured := 0
	for w := a.firstWeek; w < a.weeks; w++ {
		liveA := a.startWeek(w)
		liveB := b.startWeek(w)
		a.referralsDue(w, b)
		a.evWeek(w)
		b.evWeek(w)
		alive := a.aliveAt[w-a.firstWeek]
		a.endWeek(w, alive, liveA)
		for ; measured < len(a.refs); measured++ {
			b.measureAt(a.refs[measured])
		}
		b.endWeek(w, alive, liveB)
	}
	a.evFinish(b)
}

// contactsFrom is the first week whose GP consultations and A&E attendances
// anything reads in a pair of arms whose services go live on goA and goB:
// week 0, when recording starts, or an earlier go-live. Before it (the
// burn-in) a contact is neither recorded nor can lead to a referral, so the
// event engine starts the contact and self-referral clocks there: a Poisson
// process started at a week is, by memorylessness, the process from that week
// on, and skipping the candidates no one reads saves a tenth of the work.
func contactsFrom(pa *Params, goA Date, pb *Params, goB Date) int32 {
	return min(0, liveFromWeek(pa, goA), liveFromWeek(pb, goB))
}

// clockStart is the week from which a person registered, or restarting
// their contact clocks, in week w draws their contacts: w, or contactsFrom
// if later.
func (s *pcnSim) clockStart(w int) int { return max(w, int(s.contactsFrom)) }

// runEventArm simulates one arm on its own with the event engine; refs, if
// given, are the scenario arm's referral index weeks to measure in this arm,
// and from is the pair's contactsFrom.
func (s *pcnSim) runEventArm(p *Params, spec *PCNSpec, pcnIdx int, runSeed uint64, goLive Date, from int32, t *tally, refs []refEvent) []refEvent {
	s.beginEvent(p, spec, pcnIdx, runSeed, goLive, from, t, nil)
	for _, r := range refs {
		s.measureAt(r)
		// The person is measured from then on: their history goes on week
		// by week, as in a pair.
		s.handOver[r.person] = min(s.handOver[r.person], r.week)
	}
	s.personPass(nil)
	for w := s.firstWeek; w < s.weeks; w++ {
		live := s.startWeek(w)
		s.referralsDue(w, nil)
		s.evWeek(w)
		s.endWeek(w, s.aliveAt[w-s.firstWeek], live)
	}
	s.evFinish(nil)
	return append([]refEvent(nil), s.refs...)
}

// personPass is the first phase: every person's history, one person at a
// time, until an arm refers them. With twin set, histories are shared by
// the pair and both arms' identification runs on them.
func (s *pcnSim) personPass(twin *pcnSim) {
	s.personMajor = true
	last := int32(s.weeks - 1)
	for i := 0; i < s.pop.n; i++ {
		e := &s.ev[i]
		h := s.handOver[i]
		if s.wakeUp(i, e, min(h, last), twin) {
			continue // referred: the second phase takes them on
		}
		if !e.done && e.wake <= last && e.wake > h {
			k := int(h) - s.firstWeek
			s.pending[k] = append(s.pending[k], pendingReferral{person: int32(i)})
		}
	}
	s.personMajor = false
}

// pendingReferral is a referral found in the first phase, made in the second.
type pendingReferral struct {
	person      int32
	arm, twin   bool // referred in this arm, in the twin arm
	self, selfT bool
}

// referralsDue makes week w's referrals found in the first phase, in person
// order, and from then on wakes the people referred from the calendar.
func (s *pcnSim) referralsDue(w int, twin *pcnSim) {
	k := w - s.firstWeek
	for _, r := range s.pending[k] {
		i := int(r.person)
		wk := weekKey(s.pop.key[i], w)
		if r.arm {
			s.wk = wk
			s.refer(i, w, r.self)
		}
		s.cal.add(i, s.ev[i].wake)
		if twin != nil {
			if r.twin {
				twin.wk = wk
				twin.refer(i, w, r.selfT)
			}
			twin.cal.add(i, twin.ev[i].wake)
		}
	}
	s.pending[k] = s.pending[k][:0]
}

// beginEvent prepares an arm for the event engine, with contact clocks
// from week from (contactsFrom). With twin set, this arm is the comparator
// and shares twin's population.
func (s *pcnSim) beginEvent(p *Params, spec *PCNSpec, pcnIdx int, runSeed uint64, goLive Date, from int32, t *tally, twin *pcnSim) {
	s.setup(p, spec, pcnIdx, runSeed, goLive, t)
	s.contactsFrom = from
	s.event = true
	s.ev = s.ev[:0]
	s.div = s.div[:0]
	s.own.reset(s.discount, -s.firstWeek)
	s.shared.reset(s.discount, -s.firstWeek)
	// The first discount-year boundary after each week an evaluation can
	// follow (never past the horizon), for evAt.
	s.yearEndsFrom = int32(s.firstWeek - 1)
	s.yearEnds = s.yearEnds[:0]
	for t := s.firstWeek - 1; t < s.weeks; t++ {
		y := yearAfter(t)
		if y >= s.weeks {
			y = never
		}
		s.yearEnds = append(s.yearEnds, int32(y))
	}
	wb := &p.Wellbeing
	s.gap.build(wb.AR1Weekly, math.Sqrt(1-wb.LatentShare)*wb.SD, s.weeks-s.firstWeek+1)
	s.dcum = growTo(s.dcum[:0], s.weeks+1)[:s.weeks+1]
	s.dcum[0] = 0
	for w := 0; w < s.weeks; w++ {
		s.dcum[w+1] = s.dcum[w] + s.discount[w]
	}
	s.gpWBMax = slices.Max(s.gpWBTable)
	s.gpBenMax = math.Max(1, p.Effects.GPRR)
	s.aeBenMax = math.Max(1, p.Effects.AERR)
	s.gpBenVaries = s.gpBenMax > 1 || p.Effects.GPRR < 1
	s.aeBenVaries = s.aeBenMax > 1 || p.Effects.AERR < 1
	s.gpBenNone, s.aeBenNone = 1/s.gpBenMax, 1/s.aeBenMax
	s.benefitSet()
	s.gpKeepLow = slices.Min(s.gpWBTable) / s.gpWBMax
	s.buildGapTables()
	id := &p.Identification
	for f := 0; f < 2; f++ {
		prob := id.SelfWeekly
		if f == 0 {
			prob = oddsScale(prob, id.SelfMaleOR)
		}
		s.selfHaz[f] = 0
		if id.SelfReferral && prob > 0 {
			s.selfHaz[f] = -math.Log1p(-math.Min(prob, 1-1e-12))
		}
	}
	for k := 0; k < numNeeds; k++ {
		s.offHaz[k] = 1 / s.need(k).DurationWeeks
		s.offHazHelped[k] = s.offHaz[k] * p.Effects.NeedResolutionRR
	}
	s.out.acc.resetLean(int(spec.Registered()*p.Population.AdultShare) + 16)
	// Room for everyone the horizon will see, so the event state never moves.
	pp := &p.Population
	expect := spec.Registered() * pp.AdultShare * (1.05 + (pp.LeaveAnnual+0.02+math.Max(0, pp.ListGrowthAnnual))*float64(s.weeks-s.firstWeek)/52)
	s.ev = growTo(s.ev, int(expect))
	s.div = growTo(s.div, int(expect))
	s.pending = resizeLists(s.pending, s.weeks-s.firstWeek)
	s.rampIdent = growTo(s.rampIdent[:0], s.weeks-s.firstWeek)[:s.weeks-s.firstWeek]
	s.identBound = growTo(s.identBound[:0], s.weeks-s.firstWeek)[:s.weeks-s.firstWeek]
	s.rampOdds = growTo(s.rampOdds[:0], s.weeks-s.firstWeek)[:s.weeks-s.firstWeek]
	wbOdds := math.Exp(3 * math.Abs(s.lnIdentWB)) // largest odds ratio of the clamped wellbeing z
	for w := s.firstWeek; w < s.weeks; w++ {
		s.rampIdent[w-s.firstWeek], _ = s.rampAt(w)
		s.identBound[w-s.firstWeek] = s.identProbBound(s.rampIdent[w-s.firstWeek])
		s.rampOdds[w-s.firstWeek] = math.Exp(s.rampIdent[w-s.firstWeek]) * wbOdds
	}
	s.identOdds = s.identOdds[:0]
	for pr := range s.identLogit {
		for q := 0; q < 5; q++ {
			for _, male := range [2]bool{false, true} {
				for _, minority := range [2]bool{false, true} {
					lo := s.identLogit[pr] + s.identIMD[q]
					if male {
						lo += s.identMale
					}
					if minority {
						lo += s.identMinority
					}
					s.identOdds = append(s.identOdds, math.Exp(lo))
				}
			}
		}
	}
	for m := range s.needWeight {
		s.needWeight[m] = 0
		for k := 0; k < numNeeds; k++ {
			if m&(1<<k) != 0 {
				s.needWeight[m] += s.need(k).Weight
			}
		}
	}
	// Wellbeing is evaluated for identification when the draw is under the
	// bound at full ramp-up, whatever the week and go-live; a pair uses the
	// larger of its arms' bounds.
	s.evalBound = [2]float64{id.FalsePositive, s.identProbBound(logit(math.Min(id.Sensitivity*math.Max(1, id.RampStart), 1-1e-12)))}
	if twin != nil {
		for k := range s.evalBound {
			twin.evalBound[k] = math.Max(twin.evalBound[k], s.evalBound[k])
		}
		s.evalBound = twin.evalBound
		twin.setIDBitsUnder()
	}
	s.setIDBitsUnder()
	if twin != nil {
		s.pop = twin.pop
		s.adults0 = twin.adults0
		s.adopt(twin)
		s.aliveAt = twin.aliveAt
	} else {
		// Everyone the horizon will see registers now: registrations depend
		// only on the PCN's own stream, never on what happens to people.
		s.aliveAt = resize(s.aliveAt, s.weeks-s.firstWeek+1)
		s.personMajor = true
		s.populate()
		for w := s.firstWeek; w < s.weeks; w++ {
			s.addRegistrants(w)
		}
		s.personMajor = false
		for k := 1; k < len(s.aliveAt); k++ {
			s.aliveAt[k] += s.aliveAt[k-1]
		}
	}
	s.out.acc.ensure(s.pop.n)
	s.cal.reset(s.firstWeek, s.weeks, s.pop.n)
	s.handOver = growTo(s.handOver[:0], s.pop.n)[:s.pop.n]
	fill(s.handOver, never)
	s.buildCatalogue()
}

// adopt gives the comparator the people the scenario arm registered: pathway
// state and an empty event state that is filled in if the arms part.
func (s *pcnSim) adopt(twin *pcnSim) {
	n := s.pop.n - len(s.ev)
	s.path.grow(n)
	// The empty states are cleared, not filled by extend's doubling copies,
	// which read back the tens of megabytes they write (out of the cache).
	m := len(s.ev)
	s.ev = slices.Grow(s.ev, n)[:m+n]
	clear(s.ev[m:])
}

// evWeek wakes the people social prescribing has reached who are due in
// week w.
func (s *pcnSim) evWeek(w int) {
	c := &s.cal
	row, sum := c.row(w)
	for q := range sum {
		for sum[q] != 0 {
			j := q<<6 | bits.TrailingZeros64(sum[q])
			sum[q] &^= 1 << (uint(j) & 63)
			// A wake schedules only its own person, and in a later week
			// (refer, services and exits schedule no one else), so the
			// word can be taken whole.
			x := row[j]
			row[j] = 0
			for ; x != 0; x &= x - 1 {
				i := j<<6 | bits.TrailingZeros64(x)
				e := &s.ev[i]
				if e.wake != int32(w) || e.done {
					continue // rescheduled earlier and already woken
				}
				s.wakeUp(i, e, int32(w), nil)
			}
		}
	}
	c.woken(w)
}

// schedule recomputes person i's next event and puts them in the calendar.
func (s *pcnSim) schedule(i int) { s.scheduleAt(i, &s.ev[i]) }

// scheduleAt is schedule for person i's state e.
func (s *pcnSim) scheduleAt(i int, e *evPerson) {
	e.wake = min(e.slow, e.gpW, e.aeW)
	if !s.personMajor {
		s.cal.add(i, e.wake)
	}
}
