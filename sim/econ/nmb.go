package econ

// NMB returns the net monetary benefit λ·qaly − cost at willingness to pay
// lambda (£ per QALY).
func NMB(cost, qaly, lambda float64) float64 { return lambda*qaly - cost }

// NHB returns the net health benefit qaly − cost/k in QALYs, where k is the
// opportunity-cost threshold (£ per QALY forgone elsewhere in the NHS).
// Called with incremental cost and QALYs it gives the incremental NHB.
func NHB(cost, qaly, k float64) float64 { return qaly - cost/k }

// INB returns the incremental net benefit λ·ΔQALY − Δcost of an option against
// a comparator, given the incremental cost and QALYs.
func INB(dCost, dQALY, lambda float64) float64 { return lambda*dQALY - dCost }

// ICER returns the incremental cost-effectiveness ratio Δcost/ΔQALY. It is
// ±Inf or NaN when ΔQALY is zero; callers comparing options should use
// Frontier, which handles dominance.
func ICER(dCost, dQALY float64) float64 { return dCost / dQALY }
