package sim

import "sort"

// The link-worker service has a fixed number of contact slots a week (FTE in
// post x contacts per FTE-week) and a cap on its concurrent full-support
// caseload. Existing clients are seen first; what is left goes to first
// contacts from the waiting list. At the first contact (an assessment) a
// person who needs full support joins the caseload if it is under its cap;
// otherwise, and for people with simpler needs, the link worker gives brief
// signposting and closes the case. This triage under caseload pressure is the
// mechanism that lets referrals run well above the guideline caseload
// capacity (model brief section 9): more referrals mean more brief contacts,
// longer queues and more drop-out, not more full support.

// queueStep handles the waiting list (step 7): drop-out while waiting, then
// first contacts in queue order while slots remain.
func (s *pcnSim) queueStep(w int) {
	sp := &s.p.Support
	if s.digital {
		s.digitalStep(w)
		return
	}
	// Drop-out while waiting.
	kept := s.queue[:0]
	for _, i := range s.queue {
		if s.rs.at(s.pop.key[i], procQueue, w).Float64() < sp.WaitDropoutWeekly {
			s.endEpisode(int(i), w)
			continue
		}
		kept = append(kept, i)
	}
	s.queue = kept
	if sp.QueueOrder == "priority" {
		sort.SliceStable(s.queue, func(a, b int) bool {
			return s.path.refWB[s.queue[a]] < s.path.refWB[s.queue[b]]
		})
	}
	// Slots left after this week's caseload contacts.
	s.slots = s.contactSlots()
	avail := s.slots - float64(len(s.caseload))
	n := 0
	for n < len(s.queue) && avail >= sp.FirstContactCost {
		i := int(s.queue[n])
		avail -= sp.FirstContactCost
		s.slots -= sp.FirstContactCost
		n++
		s.firstContact(i, w)
	}
	s.queue = append(s.queue[:0], s.queue[n:]...)
}

// firstContact is the assessment: full support if needed and the caseload
// has room, else brief signposting.
func (s *pcnSim) firstContact(i int, w int) {
	sp := &s.p.Support
	pw := &s.path
	pw.contacts[i] = 1
	s.mark(i, flagFirst, calFirst)
	if w >= 0 {
		s.out.wait(i, w, float64(w-int(pw.since[i])))
	}
	rng := s.rs.at(s.pop.key[i], procSupport, w)
	nNeeds := countNeeds(s.needsOf(i))
	full := false
	if nNeeds > 0 {
		pFull := sp.FullSupport + sp.FullSupportPerNeed*float64(nNeeds-1)
		full = rng.Float64() < pFull
	}
	planned := sp.ContactsMin + int(rng.Float64()*float64(sp.ContactsMax-sp.ContactsMin+1))
	signpost := rng.Float64() < sp.SignpostUptake
	if full && len(s.caseload) < s.caseloadCap() {
		pw.state[i] = stSupport
		pw.since[i] = int32(w)
		pw.planned[i] = uint8(planned)
		s.caseload = append(s.caseload, int32(i))
		return
	}
	// Brief signposting: the case closes; some people take up a service themselves.
	if signpost {
		s.startService(i, w, s.primaryNeed(s.needsOf(i)))
	}
	s.endEpisode(i, w)
}

// digitalStep is step 7 when a digital signposting service takes the
// referrals instead of link workers: no waiting list and no capacity limit,
// each referral gets its list of local services the week it is accepted, and
// some people take a place up themselves. Nobody has a link-worker contact.
func (s *pcnSim) digitalStep(w int) {
	for _, i32 := range s.queue {
		i := int(i32)
		if s.rs.at(s.pop.key[i], procSupport, w).Float64() < s.p.Support.DigitalUptake {
			s.startService(i, w, s.primaryNeed(s.needsOf(i)))
		}
		s.endEpisode(i, w)
	}
	s.queue = s.queue[:0]
	s.slots = s.contactSlots()
}

// supportStep gives the caseload its contacts (step 8): drop-out, a contact
// where slots allow, onward referral at the stated contact, and completion.
func (s *pcnSim) supportStep(w int) {
	sp := &s.p.Support
	pw := &s.path
	kept := s.caseload[:0]
	for _, i32 := range s.caseload {
		i := int(i32)
		if int(pw.since[i]) == w { // joined at this week's assessment
			kept = append(kept, i32)
			continue
		}
		rng := s.rs.at(s.pop.key[i], procSupport, w)
		if rng.Float64() < sp.DropoutWeekly {
			s.endEpisode(i, w)
			continue
		}
		uOnward, uPractical := rng.Float64(), rng.Float64()
		if s.slots >= 1 {
			s.slots--
			pw.contacts[i]++
			c := int(pw.contacts[i])
			if c == 3 {
				s.mark(i, flagThree, calThree)
			}
			if c == sp.OnwardAtContact && uOnward < sp.OnwardUptake {
				s.startService(i, w, s.primaryNeed(s.needsOf(i)))
			}
			if c >= int(pw.planned[i]) {
				s.raise(i, w, s.p.Effects.SupportShare)
				if uPractical < sp.PracticalSupport {
					s.mark(i, flagIntervention, calIntervention)
				}
				s.endEpisode(i, w)
				continue
			}
		}
		if w-int(pw.since[i]) >= sp.MaxWeeks {
			s.raise(i, w, s.p.Effects.SupportShare*float64(pw.contacts[i])/float64(pw.planned[i]))
			s.endEpisode(i, w)
			continue
		}
		kept = append(kept, i32)
	}
	s.caseload = kept
}

// endEpisode closes person i's link-worker episode (the person leaves the
// queue or caseload lists at the caller).
func (s *pcnSim) endEpisode(i int, w int) {
	pw := &s.path
	pw.state[i] = stNone
	pw.lastEnd[i] = int32(w)
	pw.calEpisode[i] = false
}

// leaveEpisode removes a person who died or left the list from every list.
func (s *pcnSim) leaveEpisode(i int, w int) {
	pw := &s.path
	switch pw.state[i] {
	case stWaiting:
		s.queue = removeID(s.queue, int32(i))
	case stSupport:
		s.caseload = removeID(s.caseload, int32(i))
	}
	pw.state[i] = stNone
	s.leaveService(i)
}

func removeID(list []int32, id int32) []int32 {
	for j, v := range list {
		if v == id {
			return append(list[:j], list[j+1:]...)
		}
	}
	return list
}
