package study

import (
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// zQuantile is Φ⁻¹(p).
func zQuantile(p float64) float64 { return distuv.UnitNormal.Quantile(p) }

// phi is the standard normal CDF Φ(x).
func phi(x float64) float64 { return distuv.UnitNormal.CDF(x) }

// tQuantile is the p-quantile of Student's t with df degrees of freedom.
func tQuantile(p, df float64) float64 {
	return distuv.StudentsT{Mu: 0, Sigma: 1, Nu: df}.Quantile(p)
}

// tPower returns the power of a two-sided level-alpha t test with df degrees
// of freedom when the test statistic is noncentral t with noncentrality
// ncp ≥ 0: the upper rejection region only (R's power.t.test,
// strict = FALSE) or, if twoTails, both regions (pwr::pwr.t.test,
// power.t.test with strict = TRUE).
func tPower(ncp, df, alpha float64, twoTails bool) float64 {
	tc := tQuantile(1-alpha/2, df)
	p := 1 - NoncentralTCDF(tc, df, ncp)
	if twoTails {
		p += NoncentralTCDF(-tc, df, ncp)
	}
	return p
}

// zPower is the normal-approximation analogue of tPower: Φ(ncp − z₁₋α/₂),
// plus Φ(−ncp − z₁₋α/₂) if twoTails.
func zPower(ncp, alpha float64, twoTails bool) float64 {
	z := zQuantile(1 - alpha/2)
	p := phi(ncp - z)
	if twoTails {
		p += phi(-ncp - z)
	}
	return p
}

// PowerT returns the power of the two-sided, level-alpha, two-sample t test
// with n participants per arm (equal variances) to detect a difference delta
// between means when the outcome SD is sd. The statistic is noncentral t with
// df = 2n − 2 and ncp = (|delta|/sd)·√(n/2).
//
// With twoTails = false it counts only the rejection region on the side of
// the effect, exactly as R's stats::power.t.test (default strict = FALSE);
// with twoTails = true it adds the opposite tail, as pwr::pwr.t.test and
// power.t.test(strict = TRUE). n need not be an integer.
func PowerT(n, delta, sd, alpha float64, twoTails bool) float64 {
	ncp := math.Sqrt(n/2) * math.Abs(delta) / sd
	return tPower(ncp, 2*n-2, alpha, twoTails)
}

// PowerZ is the normal approximation to PowerT:
// power = Φ(d√(n/2) − z₁₋α/₂) with d = |delta|/sd (plus Φ(−d√(n/2) − z₁₋α/₂)
// if twoTails). Source: any sample-size text, e.g. Julious (2004) Stat Med
// 23:1921, eq. for two independent groups.
func PowerZ(n, delta, sd, alpha float64, twoTails bool) float64 {
	return zPower(math.Sqrt(n/2)*math.Abs(delta)/sd, alpha, twoTails)
}

// WaldPowerZ returns the power of a two-sided level-alpha Wald (z) test of
// an estimator with true value effect and sampling variance variance:
// Φ(|effect|/√variance − z₁₋α/₂), plus the opposite tail
// Φ(−|effect|/√variance − z₁₋α/₂) if twoTails. Every normal-theory power in
// this package (HH stepped wedge, CBA/DiD, cluster z) has this form.
func WaldPowerZ(effect, variance, alpha float64, twoTails bool) float64 {
	return zPower(math.Abs(effect)/math.Sqrt(variance), alpha, twoTails)
}

// NForPowerT returns the (real, not rounded) number per arm at which PowerT
// reaches the target power, found with Brent's root finder to 1e-10, as
// R's power.t.test(power = ., delta = ., sd = .)$n (which uses uniroot with
// tolerance 1.2e-4, so R agrees to about 1e-4). Round up for a design.
// The search starts at n = 2 (df = 2); if n = 2 already gives the target
// power, 2 is returned. NaN for power outside (alpha/2, 1) or delta = 0.
func NForPowerT(power, delta, sd, alpha float64, twoTails bool) float64 {
	if !(power > 0 && power < 1) || delta == 0 {
		return math.NaN()
	}
	g := func(n float64) float64 { return PowerT(n, delta, sd, alpha, twoTails) }
	if g(2) >= power {
		return 2
	}
	start := math.Max(4, 2*NForPowerZ(power, delta, sd, alpha))
	return increasingRoot(g, power, 2, start, 1e-10)
}

// NForPowerZ returns the normal-approximation number per arm,
// n = 2(z₁₋α/₂ + z_power)²σ²/δ² (not rounded).
func NForPowerZ(power, delta, sd, alpha float64) float64 {
	z := zQuantile(1-alpha/2) + zQuantile(power)
	return 2 * z * z * sd * sd / (delta * delta)
}

// MDET returns the minimum detectable difference (in outcome units) for a
// two-sample t test with n per arm: the delta at which PowerT equals power,
// found by Brent's method to 1e-12·sd, as
// R's power.t.test(n = ., sd = ., power = .)$delta. Divide by sd for the
// standardised MDE.
func MDET(n, sd, alpha, power float64, twoTails bool) float64 {
	if !(power > 0 && power < 1) || n <= 1 {
		return math.NaN()
	}
	g := func(d float64) float64 { return PowerT(n, d, sd, alpha, twoTails) }
	start := 2 * MDEZ(n, sd, alpha, power)
	return increasingRoot(g, power, 0, start, 1e-12*sd)
}

// MDEZ returns the normal-approximation minimum detectable difference,
// (z₁₋α/₂ + z_power)·σ·√(2/n).
func MDEZ(n, sd, alpha, power float64) float64 {
	return (zQuantile(1-alpha/2) + zQuantile(power)) * sd * math.Sqrt(2/n)
}

// AttritionInflate returns the number to recruit so that n remain after a
// proportion attrition is lost: ⌈n/(1 − attrition)⌉ (methods.md §2.1).
// A relative slack of 1e-12 stops rounding noise (e.g. 90/0.9) from adding
// one. For a cluster trial apply attrition to the cluster size instead
// (m_eff = m(1 − a)) and recompute the design effect.
func AttritionInflate(n, attrition float64) int {
	if attrition < 0 || attrition >= 1 {
		panic("study: attrition must be in [0, 1)")
	}
	x := n / (1 - attrition)
	return int(math.Ceil(x - 1e-12*math.Abs(x)))
}

// ANCOVAFactor returns the factor 1 − r² by which ANCOVA on a baseline
// measure with pre–post correlation r multiplies the outcome variance, and
// so (approximately) the sample size of a post-only comparison (Borm,
// Fransen & Lemmens 2007, J Clin Epidemiol 60:1234). For the exact t-based
// n use NForPowerT with sd·√(1 − r²).
func ANCOVAFactor(r float64) float64 { return 1 - r*r }

// ChangeScoreFactor returns 2(1 − r), the variance factor of analysing the
// change from baseline relative to a post-only comparison; it is below 1
// only when r > 0.5, and never below ANCOVAFactor (Frison & Pocock 1992).
func ChangeScoreFactor(r float64) float64 { return 2 * (1 - r) }
