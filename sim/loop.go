package sim

import "slices"

// step simulates week w of one PCN in one arm. This is the one place where
// the order of events is written down (model brief section 3):
//
//  1. Rollout and funding events: referral behaviour ramps up after go-live,
//     funded link-worker posts change, grants start and end, services lose or
//     renew funding, close, or open.
//  2. Workforce: link workers leave (more often over the caseload cap),
//     vacancies fill.
//  3. Population and needs: registrations; then, person by person, death or
//     moving away, needs start and resolve and wellbeing moves (latent level +
//     AR(1) transient + need effects + social prescribing gain, which fades
//     once participation ends).
//  4. Contacts: GP consultations and A&E attendances at current rates.
//  5. Identification at a consultation (practice sensitivity, group
//     differences, low wellbeing) and the self-referral route, where the
//     PCN's service is live.
//  6. Referral: the person accepts (joins the link-worker queue) or declines.
//  7. Link-worker queue: drop-out while waiting; first contacts in queue
//     order with the slots left after the caseload's contacts; at the first
//     contact, full support if needed and under the caseload cap, else brief
//     signposting.
//  8. Link-worker support: contacts, drop-out, onward referral, completion.
//  9. Onward referral to a matching community service with a free place, else
//     its waiting list, else the need goes unmet (inside steps 7-8, when a
//     contact makes the referral).
//  10. Participation: weeks in a service raise the dose of benefit and the
//     resolution hazard of the matched need; people finish or drop out;
//     freed places go to the waiting list.
//  11. Record outcomes, costs and QALYs for the week.
//
// Steps 3-6 change only the person's own state, so they run in a single pass
// over people (person-level outcomes of step 11 are recorded in the same
// pass, from the same values). Steps 7-10 share capacity and run over the
// queue, the caseload and the services in a fixed order.
//
// step is the reference engine: one arm, every person, every week. The event
// engine (event.go) runs the same order with startWeek and endWeek as they
// are, and replaces personWeek by clocks that wake a person only in the weeks
// something happens to them.
func (s *pcnSim) step(w int) {
	live := s.startWeek(w)

	// 3-6 (and the person part of 11).
	p := s.pop
	alive := 0
	for i := 0; i < p.n; i++ {
		if p.alive[i] && s.personWeek(i, w, live) {
			alive++
		}
	}
	s.endWeek(w, alive, live)
}

// startWeek runs steps 1-2 and the registrations of step 3, and reports
// whether the PCN's service is live this week.
func (s *pcnSim) startWeek(w int) bool {
	s.week = w
	live := s.live(w)

	// 1. Rollout and funding events.
	s.rampStep(w)
	s.fundingStep(w)
	s.serviceEventsStep(w)

	s.queueMark = len(s.queue)

	// 2. Workforce.
	s.workforceStep(w)

	// 3. New registrations (the person part of 3 follows, person by person).
	s.registrationStep(w)
	s.out.acc.ensure(s.pop.n)
	return live
}

// personWeek runs steps 3-6 (and records the person part of 11) for a
// registered person, and reports whether they are still registered.
func (s *pcnSim) personWeek(i int, w int, live bool) bool {
	p := s.pop
	band := p.ageBand(i, w)
	s.wk = weekKey(p.key[i], w)
	if s.exitStep(i, w, band) {
		return false
	}
	s.needsStep(i, w, band)
	s.wellbeingStep(i, w)
	if w == 0 {
		p.wbStart[i] = float32(observed(float64(p.wb[i])))
	}
	gp, ae := s.contactsStep(i, w, band)
	if w >= 0 {
		s.out.contacts(i, w, gp, ae)
	}
	if live {
		s.identifyStep(i, w, gp > 0, band)
	}
	if w >= 0 {
		s.out.personWeek(i, w)
	}
	return true
}

// endWeek runs steps 7-11 after the person pass.
func (s *pcnSim) endWeek(w int, alive int, live bool) {
	s.aliveCount = alive
	if w >= 0 {
		s.measureReferred(w)
	}

	// This week's referrals join the queue in person order, however the
	// engine visited them.
	if fresh := s.queue[min(s.queueMark, len(s.queue)):]; !slices.IsSorted(fresh) {
		slices.Sort(fresh)
	}

	// 7-10.
	if len(s.queue) > 0 || len(s.caseload) > 0 || live {
		s.queueStep(w)
		s.supportStep(w)
	}
	s.participationStep(w)

	// 11. PCN-level outcomes and costs.
	if w >= 0 {
		s.out.pcnWeek(w)
	}
}
