package sim

import (
	"fmt"
	"math"
)

// SyntheticPCNs builds the PCN structure described by p.PCNs (ignoring the
// CSV key), deterministically from p.PCNs.StructureSeed.
//
// PCN size is lognormal (median registered, log SD registered_sigma, clamped
// to [registered_min, registered_max]). Area deprivation is a standard-normal
// latent score: each PCN has a mean (deprivation + between-SD noise), each
// practice a deviation from it, and the people of a practice spread around
// that with the rest of the within-PCN SD. IMD quintiles cut the national
// standard normal at its quintiles, so with between^2 + within^2 = 1 each
// national quintile holds 20% of people, while deprivation clusters by PCN.
func SyntheticPCNs(p Params) []PCNSpec {
	c := &p.PCNs
	rng := newStreams()
	rng.src.s = key(c.StructureSeed, uint64(procStructure))
	pcns := make([]PCNSpec, c.Count)
	for i := range pcns {
		size := c.Registered
		if c.RegisteredSigma > 0 {
			size = c.Registered * math.Exp(c.RegisteredSigma*rng.NormFloat64())
		}
		size = math.Max(c.RegisteredMin, math.Min(c.RegisteredMax, size))
		size = math.Round(size)
		nPrac := c.Practices
		if nPrac == 0 {
			nPrac = 1 + poisson(rng, math.Max(0, size/c.PracticeListMean-1))
		}
		dep := c.Deprivation + c.DeprivationBetweenSD*rng.NormFloat64()
		resid := math.Sqrt(math.Max(0, c.DeprivationWithinSD*c.DeprivationWithinSD-c.PracticeDeprivationSD*c.PracticeDeprivationSD))
		weights := make([]float64, nPrac)
		var wsum float64
		for j := range weights {
			weights[j] = math.Exp(c.PracticeSizeSigma * rng.NormFloat64())
			wsum += weights[j]
		}
		pcn := PCNSpec{Name: fmt.Sprintf("PCN %04d", i+1)}
		for j := range weights {
			pd := dep + c.PracticeDeprivationSD*rng.NormFloat64()
			pcn.Practices = append(pcn.Practices, PracticeSpec{
				Name:     fmt.Sprintf("P%04d-%02d", i+1, j+1),
				ListSize: math.Round(size * weights[j] / wsum),
				IMD:      quintileShares(pd, resid),
			})
		}
		pcns[i] = pcn
	}
	return pcns
}

// quintileCuts are the quintile boundaries of the standard normal.
var quintileCuts = [4]float64{-0.8416212335729143, -0.2533471031357997, 0.2533471031357997, 0.8416212335729143}

// quintileShares returns the share of people in each IMD quintile (1 most
// deprived) when deprivation scores are normal with mean mu (higher is more
// deprived) and SD sd.
func quintileShares(mu, sd float64) [5]float64 {
	var s [5]float64
	if sd == 0 {
		// Everyone at mu: one quintile.
		q := 4
		for k, c := range quintileCuts {
			if -mu < c {
				q = k
				break
			}
		}
		s[q] = 1
		return s
	}
	// Quintile 1 is the most deprived: scores above the top cut.
	prev := 0.0
	for k := 0; k < 4; k++ {
		cdf := normCDF((-quintileCuts[k] - mu) / sd)
		// P(score > -cut_k) for the k-th most deprived boundary.
		s[k] = (1 - cdf) - prev
		prev = 1 - cdf
	}
	s[4] = 1 - prev
	return s
}

func normCDF(x float64) float64 { return 0.5 * math.Erfc(-x/math.Sqrt2) }
