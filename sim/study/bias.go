package study

import (
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// millsUpper returns the inverse Mills ratio φ(z)/(1 − Φ(z)), computed from
// the log density and the complementary error function so that it stays
// accurate for large z.
func millsUpper(z float64) float64 {
	return math.Exp(distuv.UnitNormal.LogProb(z)) / (0.5 * math.Erfc(z/math.Sqrt2))
}

// RTMGalton returns the expected regression-to-the-mean change
// E[X₂ − X₁ | selected] = (1 − ρ)(μ − E[X₁ | selected]) for a group whose
// mean baseline is meanX1, when the population mean is mu and the
// test–retest correlation is rho (Galton; Barnett, van der Pols & Dobson
// 2005, IJE 34:215). Positive values are a spurious improvement for a group
// selected below the mean.
func RTMGalton(rho, mu, meanX1 float64) float64 { return (1 - rho) * (mu - meanX1) }

// RTMBarnett returns the expected regression-to-the-mean effect for people
// selected because the mean of m baseline measurements fell below cutoff,
// from Barnett, van der Pols & Dobson (2005, IJE 34:215, eq. 1):
//
//	RTM = (σ_w²/m)/√(σ_b² + σ_w²/m) · φ(z)/(1 − Φ(z)),  z = (μ − c)/√(σ_b² + σ_w²/m),
//
// with σ_b² = ρσ² (between-person) and σ_w² = (1 − ρ)σ² (within-person),
// ρ the test–retest correlation and σ the total SD. The result is the
// expected spurious rise at follow-up (positive). With m = 1 it equals
// (1 − ρ)σ·φ(z)/(1 − Φ(z)), the Galton form. For selection above a cutoff
// the spurious fall is RTMBarnett(−mu, sigma, rho, −cutoff, m).
func RTMBarnett(mu, sigma, rho, cutoff float64, m int) float64 {
	s2b := rho * sigma * sigma
	s2w := (1 - rho) * sigma * sigma / float64(m)
	s := math.Sqrt(s2b + s2w)
	z := (mu - cutoff) / s
	return s2w / s * millsUpper(z)
}

// SelectedMeanBelow returns E[X | X < cutoff] for X ~ N(mu, sigma²),
// μ − σ·φ(z)/(1 − Φ(z)) with z = (μ − c)/σ: the baseline mean of people
// referred because a single score fell below cutoff. With RTMGalton it
// reproduces RTMBarnett for m = 1.
func SelectedMeanBelow(mu, sigma, cutoff float64) float64 {
	return mu - sigma*millsUpper((mu-cutoff)/sigma)
}

// LTFUBias returns the bias of a completers' mean when follow-up is
// observed only if a latent U ~ N(0,1) exceeds c, with corr(Y, U) = lambda
// and retention = P(U > c), so c = Φ⁻¹(1 − retention):
//
//	E[Y | observed] − μ = λσ·φ(c)/(1 − Φ(c))
//
// (Heckman 1979 selection model; inverse Mills ratio). Positive lambda
// (people doing better are more likely to respond) overstates the mean.
func LTFUBias(lambda, sigma, retention float64) float64 {
	c := zQuantile(1 - retention)
	return lambda * sigma * millsUpper(c)
}
