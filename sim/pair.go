package sim

// The paired engine simulates a PCN's two arms in lockstep, week by week, and
// computes a person's week once for both while their histories coincide
// (copy-on-divergence). A person's draws are keyed by (person, process, week)
// and never by arm, and nothing but social prescribing acts on one person
// differently in the two arms, so while neither arm has referred a person
// their state is the same in both: one needs, wellbeing and contacts step
// serves both arms. Identification still runs in each arm where its service
// is live; once either arm refers the person, or they are in any episode or
// service, the arms part and each simulates the person on its own from then
// on. The result is exactly that of simulating the arms separately (a test
// checks it bit for bit); runArm is that reference.

// runPair simulates both arms of one PCN: a is the scenario arm, b the
// comparator. The comparator measures wellbeing_change_referred on the
// people the scenario refers, at the same weeks.
func runPair(a, b *pcnSim, pa, pb *Params, spec *PCNSpec, pcnIdx int, runSeed uint64, goA, goB Date, ta, tb *tally) {
	a.begin(pa, spec, pcnIdx, runSeed, goA, ta)
	b.begin(pb, spec, pcnIdx, runSeed, goB, tb)
	div := a.div[:0]
	measured := 0 // scenario referral events already handed to the comparator
	for w := a.firstWeek; w < a.weeks; w++ {
		liveA := a.startWeek(w)
		liveB := b.startWeek(w)
		for len(div) < a.pop.n {
			div = append(div, false)
		}
		aliveA, aliveB := 0, 0
		for i := 0; i < a.pop.n; i++ {
			if !a.pop.alive[i] {
				continue
			}
			if div[i] {
				if a.personWeek(i, w, liveA) {
					aliveA++
				}
				if b.personWeek(i, w, liveB) {
					aliveB++
				}
				continue
			}
			if !a.sharedPersonWeek(b, i, w, liveA, liveB) {
				continue
			}
			aliveA++
			aliveB++
			if a.path.touched(i) || b.path.touched(i) {
				div[i] = true
				b.out.acc.copyPerson(&a.out.acc, i)
			}
		}
		a.endWeek(w, aliveA, liveA)
		for ; measured < len(a.refs); measured++ {
			b.measureAt(a.refs[measured])
		}
		b.endWeek(w, aliveB, liveB)
	}
	for i := 0; i < a.pop.n; i++ {
		if !div[i] {
			b.out.acc.copyPerson(&a.out.acc, i)
		}
	}
	a.div = div
	a.out.finish()
	b.out.finish()
}

// sharedPersonWeek runs person i's week (as personWeek does) once for arm s
// and its twin o, whose state for i is the same: exit, needs, wellbeing and
// contacts are computed in s and copied to o; identification runs in each
// arm. It reports whether the person is still registered. o's running sums
// for i are not kept week by week: they equal s's and are copied when the
// arms part or at the end.
func (s *pcnSim) sharedPersonWeek(o *pcnSim, i int, w int, liveS, liveO bool) bool {
	p, q := &s.pop, &o.pop
	band := p.ageBand(i, w)
	s.wk = weekKey(p.key[i], w)
	o.wk = s.wk
	if s.exitStep(i, w, band) {
		q.alive[i] = false
		q.exitWeek[i] = int32(w)
		o.leaveEpisode(i, w)
		return false
	}
	// No benefit to decay: the person has never been referred in either arm.
	s.needsStep(i, w, band)
	s.wellbeingStep(i, w)
	q.needs[i], q.transient[i], q.wb[i] = p.needs[i], p.transient[i], p.wb[i]
	if w == 0 {
		p.wbStart[i] = p.wb[i]
		q.wbStart[i] = p.wb[i]
	}
	gp, ae := s.contactsStep(i, w, band)
	if w >= 0 {
		s.out.contacts(i, w, gp, ae)
		o.out.contactCosts(w, gp, ae)
	}
	if liveS {
		s.identifyStep(i, w, gp > 0, band)
	}
	if liveO {
		o.identifyStep(i, w, gp > 0, band)
	}
	if w >= 0 {
		s.out.personWeek(i, w)
		o.out.weeklyWellbeing(float64(p.wb[i]), w)
	}
	return true
}

// touched reports whether social prescribing has reached person i in this
// arm: referred (accepted or declined), in an episode, or in a service.
func (pw *pathway) touched(i int) bool {
	return pw.state[i] != stNone || pw.lastEnd[i] != neverEnded || pw.svcState[i] != svcNone
}
