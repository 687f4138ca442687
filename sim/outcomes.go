package sim

import "math"

// Outcomes are accumulated per person during the weekly loop (cheap: one
// add per person-week) and attributed to the person's reporting groups at the
// end of the arm. A person's groups are fixed: IMD quintile, sex, ethnicity,
// and the age band when they enter the recorded horizon.

// personAcc holds one arm's per-person running sums over the horizon.
type personAcc struct {
	weeks   []int32
	wbSum   []float64
	gp      []int32
	ae      []int32
	qaly    []float64 // discounted
	qalyRaw []float64 // undiscounted
	needRes []int32
	waitSum []float64
	waitN   []int32
	refWB   []float32 // observed wellbeing at first referral (scenario-arm index week)
	refWB2  []float32 // and at follow-up

	// lean: only waits and referral measurements are kept per person (the
	// event engine sums the rest by reporting cell).
	lean bool
}

func (a *personAcc) reset(n int) { a.resetFor(n, false) }

// resetLean is reset for the event engine: weeks, wbSum, gp, ae, qaly,
// qalyRaw and needRes stay empty.
func (a *personAcc) resetLean(n int) { a.resetFor(n, true) }

func (a *personAcc) resetFor(n int, lean bool) {
	a.lean = lean
	m := n
	if lean {
		m = 0
	}
	a.weeks = resize(a.weeks, m)
	a.wbSum = resize(a.wbSum, m)
	a.gp = resize(a.gp, m)
	a.ae = resize(a.ae, m)
	a.qaly = resize(a.qaly, m)
	a.qalyRaw = resize(a.qalyRaw, m)
	a.needRes = resize(a.needRes, m)
	a.waitSum = resize(a.waitSum, n)
	a.waitN = resize(a.waitN, n)
	a.refWB = resize(a.refWB, n)
	a.refWB2 = resize(a.refWB2, n)
	fill(a.refWB, float32(math.NaN()))
	fill(a.refWB2, float32(math.NaN()))
}

// ensure grows every slice to hold person i.
func (a *personAcc) ensure(n int) {
	d := n - len(a.waitN)
	if d <= 0 {
		return
	}
	if !a.lean {
		a.weeks = extend(a.weeks, d, 0)
		a.wbSum = extend(a.wbSum, d, 0)
		a.gp = extend(a.gp, d, 0)
		a.ae = extend(a.ae, d, 0)
		a.qaly = extend(a.qaly, d, 0)
		a.qalyRaw = extend(a.qalyRaw, d, 0)
		a.needRes = extend(a.needRes, d, 0)
	}
	a.waitSum = extend(a.waitSum, d, 0)
	a.waitN = extend(a.waitN, d, 0)
	a.refWB = extend(a.refWB, d, float32(math.NaN()))
	a.refWB2 = extend(a.refWB2, d, float32(math.NaN()))
}

func resize[T any](s []T, n int) []T {
	s = growTo(s[:0], n)[:n]
	clear(s)
	return s
}

// tally is one arm of one PCN's results, as sums that add across PCNs.
type tally struct {
	g [NumGroups]groupTally

	costLW, costDigital, costVCSE, costGP, costAE float64 // discounted GBP
	fteWeeks, fteARRSWeeks                        float64
	servicesWeeks                                 float64
	weeks                                         float64

	// Report-year cohort.
	cal         [8]float64 // cohort, declined, first, three, intervention, female, minority, imd12 (self in calSelfN)
	calSelfN    float64
	calRegWeeks float64 // registered (all ages) person-weeks in the report year
	calWeeks    float64
	calARRSFTE  float64 // sum over report-year weeks of ARRS FTE in post

	series [NumSeries][]float64
	waitN  []float64 // first contacts per week (denominator of mean_wait)
	wbN    []float64 // adults per week (denominator of wellbeing_mean)

	adultsSimulated float64
}

// groupTally holds the sums behind each metric for one group.
type groupTally struct {
	personWeeks                float64
	wbSum                      float64
	wbChange, wbChangeN        float64
	wbRef, wbRefN              float64
	gp, ae                     float64
	qaly, qalyRaw              float64
	needsResolved              float64
	referred, declined         float64
	first, three, intervention float64
	waitSum, waitN             float64
}

func (t *tally) reset(weeks int) {
	series := t.series
	waitN, wbN := t.waitN, t.wbN
	*t = tally{}
	for k := range series {
		t.series[k] = resize(series[k], weeks)
	}
	t.waitN = resize(waitN, weeks)
	t.wbN = resize(wbN, weeks)
}

// add accumulates u into t, scaling sums by f (for sampled PCNs).
func (t *tally) add(u *tally, f float64) {
	for g := range t.g {
		a, b := &t.g[g], &u.g[g]
		a.personWeeks += f * b.personWeeks
		a.wbSum += f * b.wbSum
		a.wbChange += f * b.wbChange
		a.wbChangeN += f * b.wbChangeN
		a.wbRef += f * b.wbRef
		a.wbRefN += f * b.wbRefN
		a.gp += f * b.gp
		a.ae += f * b.ae
		a.qaly += f * b.qaly
		a.qalyRaw += f * b.qalyRaw
		a.needsResolved += f * b.needsResolved
		a.referred += f * b.referred
		a.declined += f * b.declined
		a.first += f * b.first
		a.three += f * b.three
		a.intervention += f * b.intervention
		a.waitSum += f * b.waitSum
		a.waitN += f * b.waitN
	}
	t.costLW += f * u.costLW
	t.costDigital += f * u.costDigital
	t.costVCSE += f * u.costVCSE
	t.costGP += f * u.costGP
	t.costAE += f * u.costAE
	t.fteWeeks += f * u.fteWeeks
	t.fteARRSWeeks += f * u.fteARRSWeeks
	t.servicesWeeks += f * u.servicesWeeks
	t.weeks = u.weeks
	for k := range t.cal {
		t.cal[k] += f * u.cal[k]
	}
	t.calSelfN += f * u.calSelfN
	t.calRegWeeks += f * u.calRegWeeks
	t.calWeeks = u.calWeeks
	t.calARRSFTE += f * u.calARRSFTE
	if n := len(u.waitN); len(t.waitN) < n {
		// The first PCN folded into an empty run total sizes it.
		for k := range t.series {
			t.series[k] = make([]float64, n)
		}
		t.waitN, t.wbN = make([]float64, n), make([]float64, n)
	}
	for k := range t.series {
		for w, v := range u.series[k] {
			t.series[k][w] += f * v
		}
	}
	for w := range u.waitN {
		t.waitN[w] += f * u.waitN[w]
		t.wbN[w] += f * u.wbN[w]
	}
	t.adultsSimulated += u.adultsSimulated
}

// outcomes records one arm's outcomes for a PCN.
type outcomes struct {
	s   *pcnSim
	acc personAcc
	t   *tally
}

func (o *outcomes) referral(i int, w int) { o.t.series[SReferrals][w]++ }

func (o *outcomes) needResolved(i int) { o.acc.needRes[i]++ }

// contacts records person i's consultations and attendances in week w.
func (o *outcomes) contacts(i int, w int, gp, ae int) {
	if gp == 0 && ae == 0 {
		return
	}
	o.acc.gp[i] += int32(gp)
	o.acc.ae[i] += int32(ae)
	o.contactCosts(w, gp, ae)
}

// contactCosts adds the cost of gp consultations and ae attendances in week w.
func (o *outcomes) contactCosts(w int, gp, ae int) {
	if gp == 0 && ae == 0 {
		return
	}
	df := o.s.discount[w]
	gpCost, aeCost := float64(gp)*o.s.p.Costs.GPConsultation, float64(ae)*o.s.p.Costs.AEAttendance
	o.t.costGP += df * gpCost
	o.t.costAE += df * aeCost
	o.t.series[SCostGP][w] += gpCost
	o.t.series[SCostAE][w] += aeCost
}

func (o *outcomes) wait(i int, w int, weeks float64) {
	o.acc.waitSum[i] += weeks
	o.acc.waitN[i]++
	o.t.series[SMeanWait][w] += weeks
	o.t.waitN[w]++
}

// personWeek records person i's wellbeing and utility in horizon week w.
func (o *outcomes) personWeek(i int, w int) {
	s := o.s
	wb := float64(s.pop.wb[i])
	o.acc.weeks[i]++
	o.acc.wbSum[i] += wb
	q := &s.p.QALY
	var u float64
	if s.qalyByNeeds {
		u = q.Intercept - q.NeedDecrement*float64(countNeeds(s.pop.needs[i]))
	} else {
		u = q.Intercept + q.Slope*(wb-51)
	}
	u /= 52
	o.acc.qalyRaw[i] += u
	o.acc.qaly[i] += u * s.discount[w]
	o.weeklyWellbeing(wb, w)
}

// weeklyWellbeing adds one person's wellbeing to week w's mean.
func (o *outcomes) weeklyWellbeing(wb float64, w int) {
	o.t.series[SWellbeing][w] += wb
	o.t.wbN[w]++
}

// copyPerson sets person i's running sums to src's: used when two arms that
// shared a person's history part (pair.go).
func (a *personAcc) copyPerson(src *personAcc, i int) {
	a.weeks[i] = src.weeks[i]
	a.wbSum[i] = src.wbSum[i]
	a.gp[i] = src.gp[i]
	a.ae[i] = src.ae[i]
	a.qaly[i] = src.qaly[i]
	a.qalyRaw[i] = src.qalyRaw[i]
	a.needRes[i] = src.needRes[i]
}

// pcnWeek records the PCN-level quantities of horizon week w.
func (o *outcomes) pcnWeek(w int) {
	s := o.s
	t := o.t
	df := s.discount[w]
	c := &s.p.Costs
	lw := s.wf.inPost * c.LWAnnual * (1 + c.LWOverhead) / 52
	t.costLW += df * lw
	t.series[SCostLW][w] = lw
	var digital float64
	if s.digital && s.live(w) {
		digital = c.DigitalPer50k * float64(s.aliveCount) / s.p.Population.AdultShare / 50000 / 52
	}
	t.costDigital += df * digital
	t.series[SCostDigital][w] = digital
	var grant float64
	for j := range s.services {
		if g := s.services[j].grant; g > 0 && s.services[j].open {
			grant += s.p.Services.Grants[g-1].AnnualPerServ / 52
		}
	}
	inSvc := float64(s.inServices())
	t.costVCSE += df * (grant + inSvc*c.PlaceWeek)
	t.series[SCostVCSE][w] = grant + inSvc*c.PlaceWeek
	t.fteWeeks += s.wf.inPost
	t.fteARRSWeeks += s.wf.inPostARRS
	t.servicesWeeks += float64(s.openServices())
	t.weeks++
	t.series[SWaitingList][w] = float64(len(s.queue))
	t.series[SCaseload][w] = float64(len(s.caseload))
	t.series[SInServices][w] = inSvc
	t.series[SFTE][w] = s.wf.inPost
	if s.inReportYear(w) {
		t.calWeeks++
		t.calARRSFTE += s.wf.inPostARRS
		t.calRegWeeks += float64(s.aliveCount) / s.p.Population.AdultShare
	}
}

// groupsOf returns person i's five reporting groups.
func (s *pcnSim) groupsOf(i int) [5]Group {
	p := s.pop
	sex, eth := GroupMale, GroupWhite
	if p.female[i] {
		sex = GroupFemale
	}
	if p.minority[i] {
		eth = GroupMinority
	}
	return [5]Group{GroupAll, GroupIMD1 + Group(p.imd[i]), sex, GroupAge18 + Group(p.group[i]), eth}
}

// personSums are one person's totals over the recorded horizon in one arm.
type personSums struct {
	weeks, wbSum, gp, ae, qaly, qalyRaw, needRes, waitSum, waitN float64
	wbChange, wbRef                                              float64 // NaN when not measured
}

// finish attributes the per-person sums to groups (reference engine).
func (o *outcomes) finish() {
	s := o.s
	p := s.pop
	pw := &s.path
	t := o.t
	t.adultsSimulated = float64(p.n)
	a := &o.acc
	for i := 0; i < p.n; i++ {
		if a.weeks[i] == 0 && pw.flags[i] == 0 {
			continue
		}
		ps := personSums{weeks: float64(a.weeks[i]), wbSum: a.wbSum[i], gp: float64(a.gp[i]), ae: float64(a.ae[i]),
			qaly: a.qaly[i], qalyRaw: a.qalyRaw[i], needRes: float64(a.needRes[i]), wbChange: math.NaN()}
		if !math.IsNaN(float64(p.wbStart[i])) && p.exitWeek[i] == stillRegistered {
			ps.wbChange = observed(float64(p.wb[i])) - float64(p.wbStart[i])
		}
		s.attribute(t, i, &ps)
	}
}

// attribute adds person i's sums, waits, referral measurements and pathway
// milestones in arm s to the person's groups in t.
func (s *pcnSim) attribute(t *tally, i int, ps *personSums) {
	p := s.pop
	pw := &s.path
	a := &s.out.acc
	flags, cal := pw.flags[i], pw.cal[i]
	ps.waitSum, ps.waitN = a.waitSum[i], float64(a.waitN[i])
	ps.wbRef = math.NaN()
	if !math.IsNaN(float64(a.refWB2[i])) {
		ps.wbRef = float64(a.refWB2[i] - a.refWB[i])
	}
	for _, g := range s.groupsOf(i) {
		gt := &t.g[g]
		gt.personWeeks += ps.weeks
		gt.wbSum += ps.wbSum
		gt.gp += ps.gp
		gt.ae += ps.ae
		gt.qaly += ps.qaly
		gt.qalyRaw += ps.qalyRaw
		gt.needsResolved += ps.needRes
		gt.waitSum += ps.waitSum
		gt.waitN += ps.waitN
		if !math.IsNaN(ps.wbChange) {
			gt.wbChange += ps.wbChange
			gt.wbChangeN++
		}
		if !math.IsNaN(ps.wbRef) {
			gt.wbRef += ps.wbRef
			gt.wbRefN++
		}
		gt.referred += bit(flags, flagReferred)
		gt.declined += bit(flags, flagDeclined)
		gt.first += bit(flags, flagFirst)
		gt.three += bit(flags, flagThree)
		gt.intervention += bit(flags, flagIntervention)
	}
	if cal&calCohort != 0 {
		t.cal[0]++
		t.cal[1] += bit(cal, calDeclined)
		t.cal[2] += bit(cal, calFirst)
		t.cal[3] += bit(cal, calThree)
		t.cal[4] += bit(cal, calIntervention)
		t.cal[5] += boolF(p.female[i])
		t.cal[6] += boolF(p.minority[i])
		t.cal[7] += boolF(p.imd[i] <= 1)
		t.calSelfN += bit(cal, calSelf)
	}
}

func bit(flags, b uint8) float64 {
	if flags&b != 0 {
		return 1
	}
	return 0
}

func boolF(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
