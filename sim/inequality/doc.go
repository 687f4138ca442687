// Package inequality computes socio-economic health-inequality measures for
// grouped data, following the methods reference (§3) used by spsim.
//
// All functions take two parallel slices: values (the group's mean outcome,
// e.g. WEMWBS or healthy life expectancy) and weights (the group's population
// or population share). Weights are normalised internally to shares
// a_i = w_i/Σw, so counts and shares give identical results.
//
// Ordering convention: groups must be passed in deprivation order, MOST
// deprived first (IMD quintile/decile 1 first) and least deprived last. The
// rank-based measures (Ridits, SII, RII, ConcentrationIndex) depend on this
// order; the "pure" univariate measures (Gini, Atkinson, Kolm and their
// equity weights) do not.
//
// Measures:
//
//   - Ridits: midpoints of the cumulative population share, Σ_{j<i} a_j + a_i/2.
//   - SII: slope of the population-weighted least-squares line of value on
//     ridit (PHE/OHID phe_sii, Low & Low 2004). SII = fitted value at ridit 1
//     (least deprived extreme) minus fitted value at ridit 0 (most deprived
//     extreme). It is positive when values rise towards the least deprived
//     (e.g. wellbeing, life expectancy). No polarity flip is applied.
//   - RII: PHE/OHID form (intercept + SII)/intercept, the ratio of the fitted
//     value at the least deprived extreme to that at the most deprived extreme.
//     This is NOT the Mackenbach fitted(0)/fitted(1) form nor dceasimR's
//     SII/mean.
//   - SIIConfInt: the analytic limit of the PHE Low & Low Monte Carlo interval
//     for the SII, SII ± z·sqrt(Σ c_i² se_i²).
//   - ConcentrationIndex: grouped concentration index with fractional rank equal
//     to the ridit, C = (2/μ) Σ a_i (h_i − μ)(R_i − ½). Negative when the
//     outcome is concentrated among the more deprived.
//   - Gini: Σ_i Σ_j a_i a_j |h_i − h_j| / (2μ) (ineq::Gini with corr=FALSE).
//   - Atkinson: index 1 − EDE/μ with EDE = (Σ a_i h_i^{1−ε})^{1/(1−ε)}
//     (geometric mean at ε = 1). Matches ineq::Atkinson.
//   - Kolm: absolute index μ − EDE with EDE = −(1/α) ln Σ a_i e^{−α h_i}.
//     Matches ineq::Kolm.
//   - AtkinsonWeights, KolmWeights: equity weights (marginal social value of a
//     unit of health in each group) ∝ h_i^{−ε} and ∝ e^{−α h_i}, normalised so
//     their population-weighted mean Σ a_i w_i is 1.
//
// The package is standalone (it does not import spsim/sim) and uses gonum for
// the regression.
package inequality
