package sim

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
func (s *pcnSim) step(w int) {
	s.week = w
	live := s.live(w)

	// 1. Rollout and funding events.
	s.rampStep(w)
	s.fundingStep(w)
	s.serviceEventsStep(w)

	// 2. Workforce.
	s.workforceStep(w)

	// 3-6 (and the person part of 11).
	s.registrationStep(w)
	s.out.acc.ensure(s.pop.n)
	p := &s.pop
	alive := 0
	for i := 0; i < p.n; i++ {
		if !p.alive[i] {
			continue
		}
		band := p.ageBand(i, w)
		s.wk = weekKey(p.key[i], w)
		if s.exitStep(i, w, band) {
			continue
		}
		alive++
		s.path.decay(i, s.benefitDecay)
		s.needsStep(i, w, band)
		s.wellbeingStep(i, w)
		if w == 0 {
			p.wbStart[i] = p.wb[i]
		}
		sawGP := s.contactsStep(i, w, band)
		if live {
			s.identifyStep(i, w, sawGP, band)
		}
		if w >= 0 {
			s.out.personWeek(i, w)
		}
	}
	s.aliveCount = alive
	if w >= 0 {
		s.measureReferred(w)
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
