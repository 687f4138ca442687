package sim

import "math"

// service is one community (VCSE) service of a PCN. It addresses one need,
// has a number of places open to link-worker referrals (the rest are taken by
// people who come by other routes), a waiting list, and a funding stream.
// Services close with a hazard that rises when they are overloaded or
// unfunded; closed slots can re-open as new services.
type service struct {
	need     int
	open     bool
	places   int
	members  []int32
	waitlist []int32
	wlSince  []int32 // week each waiting person joined
	funded   bool
	fundEnd  int
	grant    int // index+1 of the scenario grant funding it, 0 if none
}

// buildCatalogue creates the PCN's services at the start of the burn-in.
func (s *pcnSim) buildCatalogue() {
	sv := &s.p.Services
	rng := s.rp.at(s.pcnKey, procCatalogue, 0)
	s.services = s.services[:0]
	per := sv.PerNeedPer10k * s.adults0 / 10000
	for k := 0; k < numNeeds; k++ {
		n := int(per)
		if rng.Float64() < per-float64(n) {
			n++
		}
		for j := 0; j < n; j++ {
			s.services = append(s.services, s.newService(k, s.firstWeek, rng.Float64(), rng.NormFloat64(), rng.Float64()))
		}
	}
}

// newService opens a service for need k in week w from three random numbers.
func (s *pcnSim) newService(k int, w int, uFund, zPlaces, uEnd float64) service {
	sv := &s.p.Services
	places := sv.PlacesMedian * math.Exp(sv.PlacesSigma*zPlaces) * sv.PlaceMultiplier * (1 - sv.BackgroundUse)
	srv := service{need: k, open: true, places: int(math.Round(places))}
	if srv.places < 1 && sv.PlaceMultiplier > 0 {
		srv.places = 1
	}
	if uFund < sv.FundedShare {
		srv.funded = true
		srv.fundEnd = w + int(uEnd*sv.FundingWeeks)
	}
	return srv
}

// serviceEventsStep applies funding ends, renewals, grants, closures and
// re-openings due this week (step 1).
func (s *pcnSim) serviceEventsStep(w int) {
	sv := &s.p.Services
	// Grants starting this week open new services.
	for g, gr := range sv.Grants {
		if s.weekOf(gr.Start) != w {
			continue
		}
		rng := s.rp.at(s.pcnKey^uint64(g+1)*0x9e3779b97f4a7c15, procCatalogue, w)
		n := gr.NewPer10k * s.adults0 / 10000
		m := int(n)
		if rng.Float64() < n-float64(m) {
			m++
		}
		for j := 0; j < m; j++ {
			srv := s.newService(j%numNeeds, w, 0, rng.NormFloat64(), 0)
			srv.funded, srv.fundEnd, srv.grant = true, s.weekOf(gr.End), g+1
			s.services = append(s.services, srv)
		}
	}
	base := -math.Log(1-math.Min(sv.ClosureAnnual, 0.999999)) / 52
	reopen := 1 - math.Exp(math.Log(1-math.Min(sv.OpenAnnual, 0.999999))/52)
	for j := range s.services {
		srv := &s.services[j]
		rng := s.rp.at(s.pcnKey^uint64(j+1)*0xbf58476d1ce4e5b9, procServiceLife, w)
		uFund, uClose, uOpen, z, uEnd := rng.Float64(), rng.Float64(), rng.Float64(), rng.NormFloat64(), rng.Float64()
		if !srv.open {
			if uOpen < reopen {
				*srv = s.newService(srv.need, w, uFund, z, uEnd)
				srv.fundEnd = w + int(sv.FundingWeeks)
			}
			continue
		}
		// Grants that fund existing services.
		for g, gr := range sv.Grants {
			if gr.FundExisting && s.weekOf(gr.Start) <= w && w < s.weekOf(gr.End) && srv.grant == 0 {
				srv.funded, srv.fundEnd, srv.grant = true, s.weekOf(gr.End), g+1
			}
		}
		if srv.funded && w >= srv.fundEnd {
			if srv.grant == 0 && uFund < sv.RenewProb {
				srv.fundEnd = w + int(sv.FundingWeeks)
			} else {
				srv.funded, srv.grant = false, 0
			}
		}
		h := base
		if len(srv.waitlist) > srv.places {
			h *= sv.OverloadClosureRR
		}
		if !srv.funded {
			h *= sv.UnfundedClosureRR
		}
		if uClose < 1-math.Exp(-h) {
			s.closeService(j, w)
		}
	}
}

// closeService closes service j: participants stop and the waiting list is dropped.
func (s *pcnSim) closeService(j int, w int) {
	srv := &s.services[j]
	for _, i := range srv.members {
		s.path.svcState[i] = svcNone
		// Closures happen before people's week w: it is their first week out.
		s.fadeBenefit(int(i), w)
		s.serviceChanged(int(i), w)
	}
	for _, i := range srv.waitlist {
		s.path.svcState[i] = svcNone
	}
	srv.members, srv.waitlist, srv.wlSince = srv.members[:0], srv.waitlist[:0], srv.wlSince[:0]
	srv.open, srv.funded, srv.grant = false, false, 0
}

// startService refers person i on to a service for need k (step 9): a free
// place if any service has one, else the shortest waiting list with room,
// else the need goes unmet.
func (s *pcnSim) startService(i int, w int, k int) {
	pw := &s.path
	if k < 0 || pw.svcState[i] != svcNone {
		return
	}
	best, bestWL := -1, math.MaxInt
	for j := range s.services {
		srv := &s.services[j]
		if !srv.open || srv.need != k {
			continue
		}
		if len(srv.members) < srv.places {
			s.admit(j, i, w, pw.calEpisode[i])
			return
		}
		limit := int(s.p.Services.WaitlistPerPlace * float64(srv.places))
		if len(srv.waitlist) < limit && len(srv.waitlist) < bestWL {
			best, bestWL = j, len(srv.waitlist)
		}
	}
	if best >= 0 {
		srv := &s.services[best]
		srv.waitlist = append(srv.waitlist, int32(i))
		srv.wlSince = append(srv.wlSince, int32(w))
		pw.svcState[i], pw.svc[i], pw.svcNeed[i], pw.svcCal[i] = svcWaitlist, int32(best), int8(k), pw.calEpisode[i]
	}
}

// admit gives person i a place in service j.
func (s *pcnSim) admit(j int, i int, w int, cal bool) {
	pw := &s.path
	srv := &s.services[j]
	srv.members = append(srv.members, int32(i))
	s.holdBenefit(i, w+1)
	pw.svcState[i], pw.svc[i], pw.svcNeed[i], pw.svcCal[i] = svcIn, int32(j), int8(srv.need), cal
	pw.svcSince[i], pw.svcWeeks[i] = int32(w), 0
	s.serviceChanged(i, w+1)
	if w >= 0 {
		pw.flags[i] |= flagIntervention
	}
	if cal {
		pw.cal[i] |= calIntervention
	}
}

// participationStep moves every participant on by a week (step 10): dose
// accrues, people finish or drop out, and freed places go to the waiting list.
func (s *pcnSim) participationStep(w int) {
	sv := &s.p.Services
	sp := &s.p.Support
	ef := &s.p.Effects
	end := 1/sv.WeeksMean + sv.DropoutWeekly
	pw := &s.path
	for j := range s.services {
		srv := &s.services[j]
		if !srv.open {
			continue
		}
		kept := srv.members[:0]
		for _, i32 := range srv.members {
			i := int(i32)
			if int(pw.svcSince[i]) == w {
				kept = append(kept, i32)
				continue
			}
			pw.svcWeeks[i]++
			s.raise(i, w, math.Min(1, float64(pw.svcWeeks[i])/ef.DoseWeeks))
			if s.rs.at(s.pop.key[i], procService, w).Float64() < end {
				pw.svcState[i] = svcNone
				s.fadeBenefit(i, w+1)
				s.serviceChanged(i, w+1)
				continue
			}
			kept = append(kept, i32)
		}
		srv.members = kept
		// Waiting list: give up after the maximum wait, or drop out; then admit.
		wl, ws := srv.waitlist[:0], srv.wlSince[:0]
		for n, i32 := range srv.waitlist {
			i := int(i32)
			if float64(w-int(srv.wlSince[n])) > sp.ServiceWaitWeeks ||
				s.rs.at(s.pop.key[i], procService, w).Float64() < sv.DropoutWeekly {
				pw.svcState[i] = svcNone
				continue
			}
			wl, ws = append(wl, i32), append(ws, srv.wlSince[n])
		}
		srv.waitlist, srv.wlSince = wl, ws
		for len(srv.members) < srv.places && len(srv.waitlist) > 0 {
			i := int(srv.waitlist[0])
			srv.waitlist, srv.wlSince = srv.waitlist[1:], srv.wlSince[1:]
			s.admit(j, i, w, pw.svcCal[i])
		}
	}
}

// leaveService takes person i out of any service or waiting list.
func (s *pcnSim) leaveService(i int) {
	pw := &s.path
	if pw.svcState[i] == svcNone {
		return
	}
	j := int(pw.svc[i])
	srv := &s.services[j]
	if pw.svcState[i] == svcIn {
		srv.members = removeID(srv.members, int32(i))
	} else {
		for n, v := range srv.waitlist {
			if v == int32(i) {
				srv.waitlist = append(srv.waitlist[:n], srv.waitlist[n+1:]...)
				srv.wlSince = append(srv.wlSince[:n], srv.wlSince[n+1:]...)
				break
			}
		}
	}
	pw.svcState[i] = svcNone
}

// inServices counts referred people taking part in a service.
func (s *pcnSim) inServices() int {
	n := 0
	for j := range s.services {
		n += len(s.services[j].members)
	}
	return n
}

// openServices counts open services.
func (s *pcnSim) openServices() int {
	n := 0
	for j := range s.services {
		if s.services[j].open {
			n++
		}
	}
	return n
}
