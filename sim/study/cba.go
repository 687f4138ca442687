package study

// Variance factors for a two-group comparison with one pre and one post
// measurement per person (correlation rho), in units of σ²/n with n per
// group (methods.md §2.4). The trial with no baseline has factor 2.

// VarFactorPost returns 2, the variance factor of the post-only difference
// in means: Var = 2σ²/n.
func VarFactorPost() float64 { return 2 }

// VarFactorDiD returns 4(1 − ρ), the variance factor of the difference in
// mean changes (change score / difference-in-differences).
func VarFactorDiD(rho float64) float64 { return 4 * (1 - rho) }

// VarFactorANCOVA returns 2(1 − ρ²), the large-sample variance factor of
// ANCOVA on baseline (Frison & Pocock 1992). In finite samples the slope
// estimate adds roughly a factor 1 + 1/(2n − 4).
func VarFactorANCOVA(rho float64) float64 { return 2 * (1 - rho*rho) }

// FrisonPocock returns the per-group variance factors (units σ²/n) of the
// post-means, change-score and ANCOVA analyses with p baseline and r
// follow-up measurements under compound symmetry with correlation ρ
// (Frison & Pocock 1992, Stat Med 11:1685):
//
//	post   = (1 + (r − 1)ρ)/r
//	change = (1 + (r − 1)ρ)/r + (1 + (p − 1)ρ)/p − 2ρ
//	ancova = (1 + (r − 1)ρ)/r − pρ²/(1 + (p − 1)ρ)
//
// For a two-group difference multiply by 2 (p = r = 1 gives VarFactorPost,
// VarFactorDiD and VarFactorANCOVA).
func FrisonPocock(p, r int, rho float64) (post, change, ancova float64) {
	pf, rf := float64(p), float64(r)
	post = (1 + (rf-1)*rho) / rf
	change = post + (1+(pf-1)*rho)/pf - 2*rho
	ancova = post - pf*rho*rho/(1+(pf-1)*rho)
	return post, change, ancova
}

// TeerenstraR returns the correlation r between baseline and follow-up
// cluster means in a cluster design with a baseline measurement
// (Teerenstra, Eldridge, Graff, de Hoop & Borm 2012, Stat Med 31:2169):
//
//	r = (mρπ + (1 − ρ)ψ) / (1 + (m − 1)ρ),
//
// with cluster size m, ICC ρ = icc, cluster autocorrelation π = pi and
// individual autocorrelation ψ = psi (ψ = 0 for repeated cross-sections,
// ψ > 0 for a cohort).
func TeerenstraR(m, icc, pi, psi float64) float64 {
	return (m*icc*pi + (1-icc)*psi) / (1 + (m-1)*icc)
}

// DEAncova returns the design effect of a cluster trial analysed by ANCOVA
// on the baseline cluster mean, relative to an individually randomised
// post-only trial: (1 + (m − 1)ρ)(1 − r²), with r = TeerenstraR(...)
// (Teerenstra et al. 2012).
func DEAncova(m, icc, r float64) float64 { return DesignEffect(m, icc) * (1 - r*r) }

// DEDiD returns the design effect of a cluster trial or controlled
// before–after study analysed by difference in differences (change in
// cluster means): 2(1 + (m − 1)ρ)(1 − r) (Teerenstra et al. 2012).
func DEDiD(m, icc, r float64) float64 { return 2 * DesignEffect(m, icc) * (1 - r) }

// ClusterVarDiff returns the variance of the difference in arm means of a
// cluster design with k clusters per arm of size m, outcome SD sd and
// design effect de (DesignEffect, DEAncova or DEDiD): 2σ²·de/(k·m). Pass it
// to WaldPowerZ for the normal-approximation power of a CBA/DiD design.
func ClusterVarDiff(k, m, sd, de float64) float64 { return 2 * sd * sd * de / (k * m) }
