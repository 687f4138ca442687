package sim

// PCNSpec is the fixed structure of one Primary Care Network: its practices,
// their registered (all-age) list sizes and deprivation mix. Structure is
// built once per ensemble; the people in it are drawn anew in every run.
type PCNSpec struct {
	Name      string
	Practices []PracticeSpec
	// GoLive overrides the rollout date for this PCN when non-zero (from a CSV).
	GoLive Date
}

// PracticeSpec is one GP practice of a PCN.
type PracticeSpec struct {
	Name     string
	ListSize float64    // registered patients, all ages
	IMD      [5]float64 // share of the list in each IMD quintile (1 most deprived); sums to 1
}

// Registered returns the PCN's registered list, all ages.
func (p PCNSpec) Registered() float64 {
	var n float64
	for _, pr := range p.Practices {
		n += pr.ListSize
	}
	return n
}

// IMDShares returns the list-weighted share of the PCN in each IMD quintile.
func (p PCNSpec) IMDShares() [5]float64 {
	var s [5]float64
	n := p.Registered()
	if n == 0 {
		return s
	}
	for _, pr := range p.Practices {
		for q := range s {
			s[q] += pr.ListSize * pr.IMD[q] / n
		}
	}
	return s
}
