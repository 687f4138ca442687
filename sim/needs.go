package sim

import (
	"math"
	"math/bits"
)

// The six social needs, in the order of the Needs struct.
const (
	needLoneliness = iota
	needLowMood
	needMoney
	needHousing
	needEmployment
	needInactivity
	numNeeds
)

var needNames = [numNeeds]string{"loneliness", "low_mood", "money", "housing", "employment", "inactivity"}

// need returns the parameters of need k.
func (s *pcnSim) need(k int) *Need {
	n := &s.p.Needs
	switch k {
	case needLoneliness:
		return &n.Loneliness
	case needLowMood:
		return &n.LowMood
	case needMoney:
		return &n.Money
	case needHousing:
		return &n.Housing
	case needEmployment:
		return &n.Employment
	default:
		return &n.Inactivity
	}
}

// onsetHazard is the weekly onset hazard of need k for a person's attributes.
// The reference hazard follows from the stationary prevalence p and the
// resolution hazard 1/duration: onset = p/(1-p) x resolution.
func (s *pcnSim) onsetHazard(k, imd, band int, female bool, ltc int) float64 {
	n := s.need(k)
	h := n.Prevalence / (1 - n.Prevalence) / n.DurationWeeks
	h *= n.IMDRR[imd] * n.AgeRR[band] * math.Pow(n.LTCRR, float64(ltc))
	if female {
		h *= n.FemaleRR
	}
	return h
}

// buildNeedTables precomputes weekly onset and resolution probabilities, so
// the weekly step is table look-ups.
func (s *pcnSim) buildNeedTables() {
	for k := 0; k < numNeeds; k++ {
		for q := 0; q < 5; q++ {
			for b := 0; b < 5; b++ {
				for f := 0; f < 2; f++ {
					for l := 0; l <= maxLTC; l++ {
						h := s.onsetHazard(k, q, b, f == 1, l)
						s.onsetHaz[q][b][f][l][k] = h
						s.onsetProb[q][b][f][l][k] = float32(1 - math.Exp(-h))
					}
				}
			}
		}
		off := 1 / s.need(k).DurationWeeks
		s.offProb[k] = 1 - math.Exp(-off)
		s.offProbHelped[k] = 1 - math.Exp(-off*s.p.Effects.NeedResolutionRR)
	}
}

const maxLTC = 8

// needsStep moves person i's needs on by one week (step 3). Every need uses
// its own uniform from the person's needs stream whatever the state, so the
// draws line up across arms. Each 64-bit draw gives two 32-bit uniforms
// (resolution 2^-32, far finer than any weekly hazard here).
func (s *pcnSim) needsStep(i int, w int, band int) {
	p := s.pop
	rng := s.rs.atWeek(s.wk, procNeeds)
	cur := p.needs[i]
	next := cur
	f := boolIdx(p.female[i])
	q, l := p.imd[i], p.ltc[i]
	helped := s.path.helpedNeed(i)
	onset := &s.onsetProb[q][band][f][l]
	var bits uint64
	for k := 0; k < numNeeds; k++ {
		if k%2 == 0 {
			bits = rng.Uint64()
		} else {
			bits >>= 32
		}
		u := float64(uint32(bits)) * (1.0 / (1 << 32))
		if cur&(1<<k) == 0 {
			if u < float64(onset[k]) {
				next |= 1 << k
			}
			continue
		}
		off := s.offProb[k]
		if helped == k {
			off = s.offProbHelped[k]
		}
		if u < off {
			next &^= 1 << k
			if w >= 0 {
				s.out.needResolved(i)
			}
		}
	}
	p.needs[i] = next
}

// countNeeds returns the number of active needs in a bitmask.
func countNeeds(m uint8) int { return bits.OnesCount8(m) }

// primaryNeed returns the active need most likely to be the reason for
// referral (highest weight), or -1.
func (s *pcnSim) primaryNeed(m uint8) int {
	best, bw := -1, -1.0
	for k := 0; k < numNeeds; k++ {
		if m&(1<<k) != 0 && s.need(k).Weight > bw {
			best, bw = k, s.need(k).Weight
		}
	}
	return best
}
