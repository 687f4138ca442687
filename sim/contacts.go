package sim

import "math"

// contactsStep draws person i's GP consultations and A&E attendances this
// week (step 4).
func (s *pcnSim) contactsStep(i int, w int, band int) (gp, ae int) {
	p := s.pop
	nNeeds := countNeeds(p.needs[i])
	rateGP := s.gpBase[band][boolIdx(p.female[i])][p.ltc[i]] * s.gpNeedMult[nNeeds] * s.gpWellbeingMult(observed(float64(p.wb[i])))
	rateAE := s.aeBase[band][p.imd[i]][p.ltc[i]] * s.aeNeedMult[nNeeds]
	if b := s.path.benefit(i, w); b > 0 {
		rateGP *= math.Pow(s.p.Effects.GPRR, float64(b))
		rateAE *= math.Pow(s.p.Effects.AERR, float64(b))
	}
	gp = poissonSpacing(s.rs.atWeek(s.wk, procGP), rateGP/52)
	ae = poissonSpacing(s.rs.atWeek(s.wk, procAE), rateAE/52)
	return gp, ae
}

// poissonSpacing draws a Poisson count with a small mean by counting unit
// exponential spacings: exact, and for weekly contact rates usually one
// (exp-free, ziggurat) draw.
func poissonSpacing(rng *streams, mean float64) int {
	k := 0
	for t := rng.ExpFloat64(); t < mean; t += rng.ExpFloat64() {
		k++
	}
	return k
}

// gpWellbeingMult is the GP rate ratio gp_wellbeing_rr^(-z) for observed
// wellbeing wb, from a table over the WEMWBS range (linear interpolation
// between tenths of a point: relative error below 1e-6).
func (s *pcnSim) gpWellbeingMult(wb float64) float64 {
	x := (wb - wemwbsMin) * wbTableStep
	j := int(x)
	if j >= len(s.gpWBTable)-1 {
		return s.gpWBTable[len(s.gpWBTable)-1]
	}
	f := x - float64(j)
	return s.gpWBTable[j] + f*(s.gpWBTable[j+1]-s.gpWBTable[j])
}

const wbTableStep = 10 // table entries per WEMWBS point

func boolIdx(b bool) int {
	if b {
		return 1
	}
	return 0
}

// buildContactTables precomputes the attribute part of the contact rates.
func (s *pcnSim) buildContactTables() {
	c := &s.p.Contacts
	for b := 0; b < 5; b++ {
		for l := 0; l <= maxLTC; l++ {
			ltc := float64(l)
			for f := 0; f < 2; f++ {
				r := c.GPRate * c.GPAgeRR[b] * math.Pow(c.GPLTCRR, ltc)
				if f == 1 {
					r *= c.GPFemaleRR
				}
				s.gpBase[b][f][l] = r
			}
			for q := 0; q < 5; q++ {
				s.aeBase[b][q][l] = c.AERate * c.AEAgeRR[b] * c.AEIMDRR[q] * math.Pow(c.AELTCRR, ltc)
			}
		}
	}
	for n := 0; n <= numNeeds; n++ {
		s.gpNeedMult[n] = math.Pow(c.GPNeedRR, float64(n))
		s.aeNeedMult[n] = math.Pow(c.AENeedRR, float64(n))
	}
	lnRR := math.Log(c.GPWellbeingRR)
	n := (wemwbsMax-wemwbsMin)*wbTableStep + 1
	s.gpWBTable = growTo(s.gpWBTable[:0], n)[:n]
	for j := range s.gpWBTable {
		wb := wemwbsMin + float64(j)/wbTableStep
		z := (wb - s.p.Wellbeing.Mean) / s.p.Wellbeing.SD
		z = math.Max(-3, math.Min(3, z))
		s.gpWBTable[j] = math.Exp(-z * lnRR)
	}
}
