// Package econ implements the health-economic calculations spsim reports to
// commissioners (methods reference §4). It is standalone: plain float64
// slices and structs, no dependency on spsim/sim.
//
// Conventions:
//
//   - Discounting (PresentValue, DiscountFactor): PV = Σ_t x_t/(1+r)^t with
//     t = 0 for the first year, so year 1 is undiscounted (heemod
//     discount(first = FALSE)). The NICE reference case rate is 3.5% a year for
//     costs and QALYs (DefaultDiscountRate).
//   - NMB = λ·QALY − cost; INB = λ·ΔQALY − Δcost; NHB = QALY − cost/k, with λ
//     the willingness to pay and k the opportunity-cost threshold, both £/QALY.
//   - Frontier: incremental analysis over several options. Options are sorted
//     by cost; strongly dominated options (costlier, or as costly, and no more
//     effective than a cheaper-or-equal option) are removed; then extendedly
//     dominated options (ICER above that of the next more effective option)
//     are removed iteratively; ICERs are computed between consecutive frontier
//     options. This reproduces dampack::calculate_icers.
//   - PSA (CEAC, CEAF, EVPI): inputs are [option][draw]. The CEAC is the share
//     of draws in which each option has the highest NMB; ties share the draw
//     equally, so the CEAC sums to exactly 1 across options. The CEAF is the
//     CEAC of the option with the highest expected NMB. EVPI = E[max NMB] −
//     max E[NMB]. Report ICERs as a ratio of means (ICER), not a mean of ratios.
//   - Budget impact: undiscounted, nominal, by payer and NHS financial year
//     (1 April – 31 March), ISPOR practice.
//   - DCEA: distributional cost-effectiveness analysis (Asaria, Griffin &
//     Cookson 2016): net health benefit by group after distributing the
//     opportunity cost ΔC/k by given shares, and the change in Atkinson and
//     Kolm equally-distributed equivalent health × population ("equity-weighted
//     QALYs"), using spsim/sim/inequality.
package econ
