package econ

import "math"

// checkPSA panics unless costs and qalys are non-empty [option][draw]
// matrices of the same shape.
func checkPSA(costs, qalys [][]float64) (nOpt, nDraw int) {
	nOpt = len(costs)
	if nOpt == 0 || len(qalys) != nOpt {
		panic("econ: PSA costs and qalys must have the same, non-zero number of options")
	}
	nDraw = len(costs[0])
	if nDraw == 0 {
		panic("econ: PSA needs at least one draw")
	}
	for s := range costs {
		if len(costs[s]) != nDraw || len(qalys[s]) != nDraw {
			panic("econ: PSA costs and qalys must be [option][draw] with equal draws")
		}
	}
	return nOpt, nDraw
}

// ExpectedNMB returns each option's mean NMB over the draws at lambda.
// costs and qalys are [option][draw].
func ExpectedNMB(costs, qalys [][]float64, lambda float64) []float64 {
	nOpt, nDraw := checkPSA(costs, qalys)
	e := make([]float64, nOpt)
	for s := 0; s < nOpt; s++ {
		sum := 0.0
		for d := 0; d < nDraw; d++ {
			sum += NMB(costs[s][d], qalys[s][d], lambda)
		}
		e[s] = sum / float64(nDraw)
	}
	return e
}

// CEAC returns the cost-effectiveness acceptability curves: out[l][s] is the
// probability (share of draws) that option s has the highest NMB at
// willingness to pay lambdas[l]. costs and qalys are [option][draw].
//
// Ties: if k options share the exactly equal highest NMB in a draw, each is
// credited 1/k of that draw, so every row sums to 1 (dampack instead breaks
// ties at random within a relative tolerance of 1e-5). With two options,
// CEAC of the second equals P(INB > 0) plus half of P(INB = 0).
// CEAC panics if the inputs are not equal-shaped, non-empty matrices.
func CEAC(costs, qalys [][]float64, lambdas []float64) [][]float64 {
	nOpt, nDraw := checkPSA(costs, qalys)
	out := make([][]float64, len(lambdas))
	nmb := make([]float64, nOpt)
	for l, lambda := range lambdas {
		p := make([]float64, nOpt)
		for d := 0; d < nDraw; d++ {
			mx := math.Inf(-1)
			for s := 0; s < nOpt; s++ {
				nmb[s] = NMB(costs[s][d], qalys[s][d], lambda)
				if nmb[s] > mx {
					mx = nmb[s]
				}
			}
			ties := 0
			for s := 0; s < nOpt; s++ {
				if nmb[s] == mx {
					ties++
				}
			}
			for s := 0; s < nOpt; s++ {
				if nmb[s] == mx {
					p[s] += 1 / float64(ties)
				}
			}
		}
		for s := range p {
			p[s] /= float64(nDraw)
		}
		out[l] = p
	}
	return out
}

// CEAFPoint is one point of the cost-effectiveness acceptability frontier.
type CEAFPoint struct {
	Lambda float64
	Best   int     // option with the highest expected NMB (lowest index on ties)
	Prob   float64 // CEAC of Best at Lambda
}

// CEAF returns the cost-effectiveness acceptability frontier: at each lambda,
// the option with the highest expected NMB and the probability that it has the
// highest NMB (its CEAC value). Ties in expected NMB go to the lowest index.
func CEAF(costs, qalys [][]float64, lambdas []float64) []CEAFPoint {
	ceac := CEAC(costs, qalys, lambdas)
	out := make([]CEAFPoint, len(lambdas))
	for l, lambda := range lambdas {
		e := ExpectedNMB(costs, qalys, lambda)
		best := 0
		for s := range e {
			if e[s] > e[best] {
				best = s
			}
		}
		out[l] = CEAFPoint{Lambda: lambda, Best: best, Prob: ceac[l][best]}
	}
	return out
}

// EVPI returns the per-person expected value of perfect information at
// lambda, in £:
//
//	EVPI = (1/D) Σ_d max_s NMB_sd − max_s (1/D) Σ_d NMB_sd.
//
// It is non-negative in exact arithmetic; a negative rounding residue is
// returned as 0. It is exactly 0 when the same option has the highest NMB in
// every draw. Multiply by the affected population (and discount over the
// decision's lifetime) for population EVPI. Panics on malformed input as CEAC.
func EVPI(costs, qalys [][]float64, lambda float64) float64 {
	nOpt, nDraw := checkPSA(costs, qalys)
	// Accumulate per-draw maxima and per-option means with the same
	// summation order, so a dominant option gives exactly zero.
	sumMax := 0.0
	sums := make([]float64, nOpt)
	for d := 0; d < nDraw; d++ {
		mx := math.Inf(-1)
		for s := 0; s < nOpt; s++ {
			v := NMB(costs[s][d], qalys[s][d], lambda)
			sums[s] += v
			if v > mx {
				mx = v
			}
		}
		sumMax += mx
	}
	best := math.Inf(-1)
	for _, v := range sums {
		if v > best {
			best = v
		}
	}
	evpi := (sumMax - best) / float64(nDraw)
	if evpi < 0 {
		return 0
	}
	return evpi
}
