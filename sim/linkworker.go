package sim

import (
	"math"
	"sort"
)

// post is one link-worker post of a PCN: funded, and filled or vacant.
type post struct {
	fte    float64
	filled bool
	arrs   bool // funded by ARRS (else by another funder)
}

// workforce is a PCN's link workers. Funded FTE follows the scenario's path;
// posts are filled after a recruitment lag and emptied by turnover.
type workforce struct {
	posts      []post
	fundedARRS float64 // funded ARRS FTE this week
	inPost     float64 // FTE in post this week (all funders)
	inPostARRS float64
}

// fundedFTE returns the ARRS FTE funded for this PCN in week w.
func (s *pcnSim) fundedFTE(w int) float64 {
	if !s.live(w) {
		return 0
	}
	lw := &s.p.LinkWorkers
	d := s.date(w)
	v := 0.0
	for _, pt := range lw.FTEPath {
		if pt.Date <= d {
			v = pt.FTEPer50
		}
	}
	imd := s.spec.IMDShares()
	weight := 1 + lw.DeprivationExtra*(imd[0]+imd[1])/0.4
	return v * s.registered / 50000 * lw.FTEMultiplier * weight
}

// fundingStep adjusts the posts to the funded FTE (step 1). New posts start
// vacant; cuts remove vacant posts first.
func (s *pcnSim) fundingStep(w int) {
	arrs := s.fundedFTE(w)
	if arrs == s.wf.fundedARRS {
		return
	}
	s.wf.fundedARRS = arrs
	other := arrs * s.p.LinkWorkers.NonARRSShare
	var kept []post
	for _, group := range []struct {
		arrs bool
		fte  float64
	}{{true, arrs}, {false, other}} {
		var ps []post
		for _, p := range s.wf.posts {
			if p.arrs == group.arrs {
				ps = append(ps, p)
			}
		}
		size := s.p.LinkWorkers.PostFTE
		n := int(math.Ceil(group.fte/size - 1e-9))
		if n < len(ps) {
			// Keep filled posts first when cutting.
			sort.SliceStable(ps, func(a, b int) bool { return ps[a].filled && !ps[b].filled })
			ps = ps[:n]
		}
		for len(ps) < n {
			ps = append(ps, post{arrs: group.arrs})
		}
		for j := range ps {
			ps[j].fte = size
			if j == n-1 {
				ps[j].fte = group.fte - float64(n-1)*size
			}
		}
		kept = append(kept, ps...)
	}
	s.wf.posts = kept
}

// workforceStep lets link workers leave and vacancies fill (step 2). Leaving
// is likelier while the caseload is over its cap.
func (s *pcnSim) workforceStep(w int) {
	lw := &s.p.LinkWorkers
	h := -math.Log(1-math.Min(lw.TurnoverAnnual, 0.999999)) / 52
	if len(s.caseload) > s.caseloadCap() {
		h *= lw.OverCapTurnoverRR
	}
	leave := 1 - math.Exp(-h)
	fill := 1.0
	if lw.RecruitWeeks > 0 {
		fill = 1 - math.Exp(-1/lw.RecruitWeeks)
	}
	s.wf.inPost, s.wf.inPostARRS = 0, 0
	for j := range s.wf.posts {
		p := &s.wf.posts[j]
		u := s.rp.at(s.pcnKey^uint64(j+1)*0x2545f4914f6cdd1d, procWorkforce, w).Float64()
		if p.filled {
			if u < leave {
				p.filled = false
			}
		} else if u < fill {
			p.filled = true
		}
		if p.filled {
			s.wf.inPost += p.fte
			if p.arrs {
				s.wf.inPostARRS += p.fte
			}
		}
	}
}

// caseloadCap is the concurrent full-support caseload the link workers in
// post can hold: guideline people per FTE-year x mean weeks of support / 52.
func (s *pcnSim) caseloadCap() int {
	lw := &s.p.LinkWorkers
	return int(s.wf.inPost * lw.CaseloadPerFTEYear * s.p.Support.MeanWeeks / 52)
}

// contactSlots is the number of patient contacts the link workers in post
// can deliver this week.
func (s *pcnSim) contactSlots() float64 {
	return s.wf.inPost * s.p.LinkWorkers.ContactsPerFTEWeek
}
