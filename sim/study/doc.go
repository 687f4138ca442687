// Package study grades evaluation designs by simulation, beside the
// closed-form power, sample-size and bias formulas for them: individually
// randomised trials, parallel cluster-randomised trials, stepped-wedge
// cluster trials, controlled before–after (difference-in-differences)
// designs, and the regression-to-the-mean and loss-to-follow-up biases of
// uncontrolled before–after studies.
//
// A Plan (plan.go) names a design, the world it samples from, the analyses
// and a grid of sizes; Plan.Run simulates the studies (Generate,
// parametric.go), fits each analysis to every study's individual outcomes
// (analysis.go, and the REML mixed model of mixed.go) and sets the results
// beside the closed forms (closedform.go).
//
// The package does no I/O and has no dependency on the simulator; its
// randomness comes from the caller's seed. Every closed form names the
// source of its formula. The reference values used in the tests come from
// /work/shared/reference/methods.md (sections 2, 5 and the golden vectors in
// section 6), which were computed with R 4.2.2 (stats::power.t.test,
// pwr::pwr.t.test, clusterPower::cpa.normal, swCRTdesign::swPwr) and the
// closed forms below.
//
// Conventions:
//
//   - n is the number of participants per arm; k the number of clusters per
//     arm; m the (mean) cluster size; icc the intracluster correlation
//     ρ = τ²/(τ²+σ_e²); delta the true difference in means and sd the total
//     outcome standard deviation; alpha the two-sided significance level.
//   - "T" functions use Student's t (exact, via the noncentral t), "Z"
//     functions use the normal approximation.
//   - Like R's power.t.test with strict = FALSE, the t-based power functions
//     count only the rejection region on the side of the true effect unless
//     asked for both tails.
//
// Noncentral t: NoncentralTCDF implements Lenth's AS 243 series (as used by
// R's pnt) with a Gauss–Legendre quadrature fallback; see its documentation
// for accuracy. gonum's distuv.NoncentralT.CDF runs the same series without
// the fallback and fails where the series cannot start: with ncp = 45 it
// gives P(T <= -1) = 1 (it is 0), and with df = 1e5, ncp = 38 it gives
// P(T <= 40) = 1 (it is 0.977), well inside the sizes power analyses reach.
package study
