package sim

import (
	"math"
	"sort"
)

// pcnSim simulates one PCN in one arm. A worker keeps one and reuses its
// memory from unit to unit.
type pcnSim struct {
	p      *Params
	spec   *PCNSpec
	pcnKey uint64
	rs     *streams // person processes
	rp     *streams // PCN processes

	firstWeek  int    // first simulated week (negative: burn-in)
	weeks      int    // recorded horizon weeks
	week       int    // current week
	wk         uint64 // key of the current person-week (see weekKey)
	goLiveWeek int
	liveFrom   int32 // first week the service is live (never if rollout is off)
	// contactsFrom is the first week whose contacts the event engine draws
	// (see the function of that name).
	contactsFrom int32
	digital      bool // referrals go to a digital signposting service (support.route)
	registered   float64
	adults0      float64
	aliveCount   int

	pop      *population // this arm's people; the event engine's comparator shares the scenario arm's
	ownPop   *population
	path     pathway
	wf       workforce
	queue    []int32
	caseload []int32
	slots    float64
	services []service
	out      outcomes

	// Precomputed tables and per-run constants.
	onsetProb           [5][5][2][maxLTC + 1][numNeeds]float32
	offProb             [numNeeds]float64
	offProbHelped       [numNeeds]float64
	gpBase              [5][2][maxLTC + 1]float64
	aeBase              [5][5][maxLTC + 1]float64
	gpNeedMult          [numNeeds + 1]float64
	aeNeedMult          [numNeeds + 1]float64
	gpWBTable           []float64
	needWB              [1 << numNeeds]float64 // wellbeing effect of each set of active needs
	identLogit          []float64              // practice log-odds offsets
	identLogitRamp      float64
	identIMD            [5]float64
	identMale           float64
	identMinority       float64
	lnIdentWB           float64
	declineLogit        float64
	declineIMD          [5]float64
	declineLogitRamp    float64
	ar1, ar1Innov       float64
	wbRefMean           float64
	deathWeekly         [5]float64
	registrationsWeekly float64
	leaveWeekly         float64
	exitHaz             [5]float64    // weekly hazard of death or leaving, by age band
	ltcZero             [5][5]float64 // chance of no long-term condition, by age band and IMD quintile
	practiceShares      []float64
	discount            []float64
	reportStart         int
	reportEnd           int
	qalyByNeeds         bool

	// Event engine (event.go). twinned: the scenario arm of a pair;
	// comparator: the comparator of a pair, sharing pairOf's population.
	event, twinned, comparator bool
	ev                         []evPerson
	div                        []bool // the pair's arms have parted for person i (scenario arm)
	cal                        calendar
	own, shared                evSeries
	gap                        ar1Gap
	dcum                       []float64 // cumulative discount factor: dcum[w] = sum of discount[0..w-1]
	yearEnds                   []int32   // first discount-year boundary after week yearEndsFrom+k (never past the horizon)
	yearEndsFrom               int32
	gpWBMax, gpBenMax          float64
	aeBenMax                   float64
	gpBenVaries, aeBenVaries   bool       // whether benefit changes contact rates
	gpKeepLow                  float64    // smallest GP keep probability over wellbeing, with no benefit
	evalBound                  [2]float64 // identification draws under these evaluate wellbeing: no needs, needs
	idBitsUnder                [2]uint64  // leading bits of an identification draw under these may be under evalBound (setIDBitsUnder)
	selfHaz                    [2]float64 // weekly self-referral hazard, male and female
	onsetHaz                   [5][5][2][maxLTC + 1][numNeeds]float64
	offHaz, offHazHelped       [numNeeds]float64
	queueMark                  int  // queue length before this week's referrals
	personMajor                bool // first phase: people one at a time, no calendar
	pending                    [][]pendingReferral
	handOver                   []int32   // last week of the first phase for a person another arm refers (single-arm runs)
	aliveAt                    []int     // adults registered in each week
	rampIdent                  []float64 // identification log-odds ramp term of each week
	identBound                 []float64 // upper bound of identProb in each week
	rampOdds                   []float64 // odds factor of the ramp and the lowest wellbeing in each week (identOddsBound)
	identOdds                  []float64 // odds factor of practice, IMD quintile, sex and ethnicity (identOddsBound)
	needWeight                 [1 << numNeeds]float64

	// Scenario-arm referral index weeks, measured in both arms.
	refAt    [][]int32
	followUp [][]int32
	refs     []refEvent

	// The mean weeks between GP and A&E candidates of every kind of person,
	// side by side in one flat table (contactGapIndex), and whether they are
	// all finite (buildGapTables).
	contactGaps       [5 * 5 * 2 * (maxLTC + 1) * (numNeeds + 1)]contactGap
	contactGapsFinite bool

	// Stationary prevalence of each need by IMD quintile, age band, sex and
	// long-term conditions: onset/(onset+resolution), for the needs of a new
	// person (addPerson).
	needPrev [5][5][2][maxLTC + 1][numNeeds]float64

	// Changes in wellbeing by reporting cell (evFinish): this arm's, and in
	// the scenario arm of a pair, those of the people both arms share.
	wbChgOwn, wbChgShared cellChanges

	// Benefit factors of contact candidates (gpBenefitFactor): without a
	// benefit, and the last person (or -1) and week computed, with the value.
	gpBenNone, aeBenNone float64
	gpBenI, gpBenW       int
	aeBenI, aeBenW       int
	gpBenF, aeBenF       float64
}

// refEvent is a person's first referral in the horizon (scenario arm).
type refEvent struct {
	person int32
	week   int32
}

func newPCNSim() *pcnSim {
	own := &population{}
	return &pcnSim{rs: newStreams(), rp: newStreams(), pop: own, ownPop: own}
}

// setup prepares an arm: parameters, per-run constants and empty state.
func (s *pcnSim) setup(p *Params, spec *PCNSpec, pcnIdx int, runSeed uint64, goLive Date, t *tally) {
	s.p, s.spec = p, spec
	s.pcnKey = key(runSeed, uint64(pcnIdx)+1)
	s.firstWeek = -p.Simulation.BurnInWeeks
	s.weeks = HorizonWeeks(*p)
	s.goLiveWeek = s.weekOf(goLive)
	s.liveFrom = liveFromWeek(p, goLive)
	s.digital = p.Support.Route == "digital"
	s.registered = spec.Registered()

	s.buildNeedTables()
	s.buildContactTables()
	s.buildWellbeingTable()
	wb := &p.Wellbeing
	s.ar1 = wb.AR1Weekly
	s.ar1Innov = math.Sqrt(1-wb.AR1Weekly*wb.AR1Weekly) * math.Sqrt(1-wb.LatentShare) * wb.SD
	s.wbRefMean = wb.Mean
	s.path.reset()
	s.path.fullGain = p.Effects.Wellbeing * wb.SD
	s.path.setDecay(math.Pow(0.5, 1/p.Effects.HalfLifeWeeks), s.weeks-s.firstWeek+2)
	s.qalyByNeeds = p.QALY.Mapping == "needs"

	id := &p.Identification
	s.identLogit = s.identLogit[:0]
	s.practiceShares = s.practiceShares[:0]
	for j := range spec.Practices {
		z := s.rp.at(key(s.pcnKey, uint64(j)+1), procPractice, 0).NormFloat64()
		s.identLogit = append(s.identLogit, id.PracticeSD*z)
		s.practiceShares = append(s.practiceShares, spec.Practices[j].ListSize/s.registered)
	}
	for q := 0; q < 5; q++ {
		s.identIMD[q] = math.Log(id.IMDOR[q])
		s.declineIMD[q] = math.Log(p.Referral.IMDOR[q])
	}
	s.identMale = math.Log(id.MaleOR)
	s.identMinority = math.Log(id.MinorityOR)
	s.lnIdentWB = math.Log(id.WellbeingOR)
	s.declineLogit = logit(p.Referral.Decline)

	pp := &p.Population
	var meanDeath float64
	for b := 0; b < 5; b++ {
		s.deathWeekly[b] = 1 - math.Pow(1-pp.DeathAnnual[b], 1.0/52)
		meanDeath += pp.AgeShares[b] * pp.DeathAnnual[b]
	}
	adults := s.registered * pp.AdultShare
	s.leaveWeekly = 1 - math.Pow(1-pp.LeaveAnnual, 1.0/52)
	for b := range s.exitHaz {
		s.exitHaz[b] = -math.Log1p(-(s.deathWeekly[b] + s.leaveWeekly))
		for q := range s.ltcZero[b] {
			s.ltcZero[b][q] = math.Exp(-pp.LTCMean * pp.LTCAgeRR[b] * pp.LTCIMDRR[q])
		}
	}
	s.registrationsWeekly = math.Max(0, adults*(meanDeath+pp.LeaveAnnual+pp.ListGrowthAnnual)/52)

	s.discount = growTo(s.discount[:0], s.weeks)[:s.weeks]
	for w := range s.discount {
		s.discount[w] = math.Pow(1+p.QALY.DiscountRate, -float64(w/52))
	}
	s.reportStart, s.reportEnd = 0, 0
	if y := p.Outcomes.ReportYear; y > 0 {
		s.reportStart = s.weekOfCeil(MakeDate(y, 1, 1))
		s.reportEnd = s.weekOfCeil(MakeDate(y+1, 1, 1))
	}

	s.pop = s.ownPop
	s.pop.reset()
	s.ev = s.ev[:0]
	s.event, s.twinned, s.comparator = false, false, false
	s.wf = workforce{posts: s.wf.posts[:0]}
	s.queue = s.queue[:0]
	s.caseload = s.caseload[:0]
	for j := range s.services {
		s.services[j] = service{}
	}
	s.services = s.services[:0]
	s.out = outcomes{s: s, t: t, acc: s.out.acc}
	t.reset(s.weeks)
	s.refAt = resizeLists(s.refAt, s.weeks)
	s.followUp = resizeLists(s.followUp, s.weeks)
	s.refs = s.refs[:0]
}

// resizeLists returns n empty lists, reusing l's memory.
func resizeLists[T any](l [][]T, n int) [][]T {
	l = growTo(l[:0], n)[:n]
	for w := range l {
		l[w] = l[w][:0]
	}
	return l
}

// live reports whether the PCN's link-worker service is live in week w.
func (s *pcnSim) live(w int) bool {
	return int32(w) >= s.liveFrom
}

// date returns the first day of week w.
func (s *pcnSim) date(w int) Date { return s.p.Simulation.Start.AddDays(7 * w) }

// weekOf returns the week containing date d.
func (s *pcnSim) weekOf(d Date) int { return weekOfDate(s.p, d) }

// weekOfDate returns the week of scenario p's horizon containing d (negative
// before the start).
func weekOfDate(p *Params, d Date) int {
	return int(math.Floor(float64(d-p.Simulation.Start) / 7))
}

// liveFromWeek is the first week the service of arm p is live if it goes
// live on goLive: never if its rollout is off.
func liveFromWeek(p *Params, goLive Date) int32 {
	if !p.Rollout.Enabled {
		return never
	}
	return int32(max(weekOfDate(p, goLive), math.MinInt32))
}

// weekOfCeil returns the first week starting on or after d.
func (s *pcnSim) weekOfCeil(d Date) int {
	return int(math.Ceil(float64(d-s.p.Simulation.Start) / 7))
}

func (s *pcnSim) inReportYear(w int) bool { return w >= s.reportStart && w < s.reportEnd }

// rampStep sets this week's referral behaviour: sensitivity ramps up and the
// odds of declining fall over the first identification.ramp_weeks after go-live.
func (s *pcnSim) rampStep(w int) {
	s.identLogitRamp, s.declineLogitRamp = s.rampAt(w)
}

// rampAt returns week w's identification log-odds and decline log-odds ramp terms.
func (s *pcnSim) rampAt(w int) (ident, decline float64) {
	id := &s.p.Identification
	prog := 1.0
	if id.RampWeeks > 0 {
		prog = math.Max(0, math.Min(1, float64(w-s.goLiveWeek)/id.RampWeeks))
	}
	sens := id.Sensitivity * (id.RampStart + (1-id.RampStart)*prog)
	return logit(math.Min(sens, 1-1e-12)), math.Log(s.p.Referral.RampStart) * (1 - prog)
}

// firstReferral records the index measurement of a person's first referral in
// the horizon and schedules the follow-up.
func (s *pcnSim) firstReferral(i int, w int) {
	s.out.acc.refWB[i] = float32(s.wbNow(i))
	if fu := w + s.p.Outcomes.FollowUpWeeks; fu < s.weeks {
		s.followUp[fu] = append(s.followUp[fu], int32(i))
		s.refs = append(s.refs, refEvent{int32(i), int32(w)})
	}
}

// measureAt schedules this arm's measurements of another arm's referral r:
// wellbeing at the referral week and at follow-up.
func (s *pcnSim) measureAt(r refEvent) {
	s.refAt[r.week] = append(s.refAt[r.week], r.person)
	fu := int(r.week) + s.p.Outcomes.FollowUpWeeks
	s.followUp[fu] = append(s.followUp[fu], r.person)
}

// measureReferred takes this week's measurements for wellbeing_change_referred.
func (s *pcnSim) measureReferred(w int) {
	for _, i := range s.refAt[w] {
		s.out.acc.refWB[i] = float32(s.wbNow(int(i)))
	}
	for _, i := range s.followUp[w] {
		if s.pop.alive[i] && !math.IsNaN(float64(s.out.acc.refWB[i])) {
			s.out.acc.refWB2[i] = float32(s.wbNow(int(i)))
		}
	}
}

// begin prepares an arm and creates its world at the start of the burn-in:
// the population and the community services.
func (s *pcnSim) begin(p *Params, spec *PCNSpec, pcnIdx int, runSeed uint64, goLive Date, t *tally) {
	s.setup(p, spec, pcnIdx, runSeed, goLive, t)
	s.out.acc.reset(int(spec.Registered()*p.Population.AdultShare) + 16)
	s.populate()
	s.out.acc.ensure(s.pop.n)
	s.buildCatalogue()
}

// runArm simulates the whole arm: population, burn-in and horizon. refs, if
// given, are the scenario arm's referral index weeks to measure in this arm.
func (s *pcnSim) runArm(p *Params, spec *PCNSpec, pcnIdx int, runSeed uint64, goLive Date, t *tally, refs []refEvent) []refEvent {
	s.begin(p, spec, pcnIdx, runSeed, goLive, t)
	for _, r := range refs {
		s.measureAt(r)
	}
	for w := s.firstWeek; w < s.weeks; w++ {
		s.step(w)
	}
	s.out.finish()
	out := append([]refEvent(nil), s.refs...)
	sort.Slice(out, func(a, b int) bool { return out[a].person < out[b].person })
	return out
}
