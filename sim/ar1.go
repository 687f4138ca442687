package sim

import "math"

// ar1Gap advances the transient wellbeing deviation T, a stationary Gaussian
// AR(1) with weekly coefficient rho and SD sd, over a gap of k weeks in one
// step: from a known value a at week t it draws, exactly and jointly, the
// value at week t+k and the sum of the k-1 values strictly between. The event
// engine uses it to evaluate wellbeing only in the weeks something looks at it
// while still summing it over every week: it draws the endpoint, adds the
// sum's conditional mean, and pools the conditional variances of the sums to
// draw their residuals together (residuals.go), since only sums over many
// people and weeks are reported.
//
// Given T(t) = a, write e_j for the innovations (variance ve = sd^2 (1-rho^2))
// and g_m = 1 + rho + ... + rho^(m-1). Then
//
//	T(t+k) - rho^k a       = sum_{j=1..k}   rho^(k-j) e_j
//	S - a (rho + ... + rho^(k-1)) = sum_{j=1..k-1} g_(k-j) e_j
//
// so Var T(t+k) = ve sum_{m<k} rho^(2m), Var S = ve sum_{m=1..k-1} g_m^2 and
// Cov = ve sum_{m=1..k-1} g_m rho^m. The tables hold these for every k, built
// with running sums (stable as rho approaches 1).
type ar1Gap struct {
	rows []gapRow // by gap length k
}

// gapRow holds the values for a gap of k weeks, side by side: an evaluation
// reads one row.
type gapRow struct {
	rho      float64 // rho^k
	sdEnd    float64 // SD of T(t+k) given a
	meanS    float64 // E[S | a] / a
	slopeS   float64 // Cov(S, T(t+k) | a) / Var(T(t+k) | a)
	varS     float64 // variance of S given a and T(t+k)
	invDenom float64 // 1/(1 - rho^(2k)) (0 if rho is 0 or 1), for the bridge means
}

// build fills the tables for gaps of 1..n weeks.
func (g *ar1Gap) build(rho, sd float64, n int) {
	g.rows = growTo(g.rows[:0], n+1)[:n+1]
	ve := sd * sd * (1 - rho*rho)
	rm, gm := 1.0, 0.0 // rho^m and g_m, for m = k-1
	var sumE, sumM, sumV, sumC float64
	g.rows[0] = gapRow{rho: 1}
	for k := 1; k <= n; k++ {
		r := &g.rows[k]
		sumE += rm * rm
		if k >= 2 {
			sumM += rm
			sumV += gm * gm
			sumC += gm * rm
		}
		r.rho = rm * rho
		varE := ve * sumE
		r.sdEnd = math.Sqrt(varE)
		r.meanS = sumM
		cov := ve * sumC
		if varE > 0 {
			r.slopeS = cov / varE
			r.varS = math.Max(0, ve*sumV-cov*cov/varE)
		} else {
			r.slopeS, r.varS = 0, 0
		}
		r.invDenom = 0
		if d := 1 - r.rho*r.rho; d > 0 {
			r.invDenom = 1 / d
		}
		gm += rm
		rm *= rho
	}
}
