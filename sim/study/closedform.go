package study

import "math"

// closedPower is the closed-form power of analysis a of design d in world w
// at effect delta, or NaN where no closed form applies (an analysis that
// ignores clustering, the uncontrolled before-after design). Attrition
// enters through the expected number followed up (methods §2.1: apply it to
// the cluster size in cluster designs).
func closedPower(a string, d Design, w World, delta, alpha float64) float64 {
	followed := 1 - w.Attrition - w.AttritionTreatedExtra/2
	if followed <= 0 {
		return math.NaN()
	}
	sd, icc := w.SD, w.ICC
	switch d.Kind {
	case "rct":
		n := float64(d.PerArm) * followed
		switch a {
		case "ttest":
			return PowerT(n, delta, sd, alpha, false)
		case "ancova":
			// Borm et al. 2007: the residual SD is sd·√(1 − ρ²).
			return PowerT(n, delta, sd*math.Sqrt(ANCOVAFactor(w.Rho)), alpha, false)
		case "change":
			return PowerT(n, delta, sd*math.Sqrt(ChangeScoreFactor(w.Rho)), alpha, false)
		}
	case "cluster_rct":
		k := float64(d.Clusters) / 2
		m := d.ClusterSize * followed
		switch a {
		case "cluster_level":
			return clusterMeansPower(k, m, d.ClusterCV, icc, delta, sd, alpha)
		case "mixed":
			// van Breukelen et al. 2007's relative efficiency of unequal
			// cluster sizes for a mixed-model analysis (1 when equal).
			return ClusterPowerTVIF(k, m, VIFTaylor(m, d.ClusterCV, icc), delta, sd, alpha)
		}
	case "stepped_wedge":
		if a != "mixed" {
			break
		}
		X := stepDesign(d.Clusters, d.Steps)
		nij := make([][]float64, len(X))
		for i := range nij {
			nij[i] = make([]float64, len(X[i]))
			for j := range nij[i] {
				nij[i][j] = d.ClusterSize * followed
			}
		}
		v, err := GLSVarCAC(X, (1-icc)*sd*sd, icc*sd*sd, w.CAC, nij)
		if err != nil {
			return math.NaN()
		}
		return WaldPowerZ(delta, v, alpha, false)
	case "controlled_before_after":
		if a != "cluster_change" {
			break
		}
		// Teerenstra et al. 2012: a cohort followed from baseline, cluster
		// autocorrelation CAC, individual autocorrelation ρ.
		k, m := float64(d.Clusters)/2, d.ClusterSize*followed
		de := DEDiD(m, icc, TeerenstraR(m, icc, w.CAC, w.Rho))
		return WaldPowerZ(delta, ClusterVarDiff(k, m, sd, de), alpha, false)
	}
	return math.NaN()
}

// clusterMeansPower is the power of a t test of unweighted cluster means
// with k clusters per arm of mean size m and size CV cv: each cluster mean
// has variance τ² + σ_w²/m_j, and for gamma-distributed sizes (as Generate
// draws them) E[1/m_j] = 1/(m(1 − cv²)), so Var(diff) =
// 2(τ² + σ_w²/(m(1 − cv²)))/k, on 2(k − 1) df. With equal sizes this is
// ClusterPowerT exactly; for cv ≥ 1, E[1/m_j] is infinite and there is no
// closed form.
func clusterMeansPower(k, m, cv, icc, delta, sd, alpha float64) float64 {
	if cv >= 1 {
		return math.NaN()
	}
	tau2, sw2 := icc*sd*sd, (1-icc)*sd*sd
	v := 2 * (tau2 + sw2/(m*(1-cv*cv))) / k
	return tPower(math.Abs(delta)/math.Sqrt(v), 2*(k-1), alpha, false)
}

// stepDesign is the stepped-wedge layout Generate uses: clusters split
// across the steps as equally as possible (the remainder to the first
// steps), one all-control baseline period, one step per period.
func stepDesign(clusters, steps int) [][]float64 {
	T := steps + 1
	X := make([][]float64, 0, clusters)
	for s := 0; s < steps; s++ {
		n := clusters / steps
		if s < clusters%steps {
			n++
		}
		for range n {
			row := make([]float64, T)
			for j := s + 1; j < T; j++ {
				row[j] = 1
			}
			X = append(X, row)
		}
	}
	return X
}

// closedMDE is the smallest effect the closed form gives the target power,
// or NaN where there is no closed form.
func closedMDE(a string, d Design, w World, alpha, power float64) float64 {
	if math.IsNaN(closedPower(a, d, w, w.SD, alpha)) {
		return math.NaN()
	}
	g := func(delta float64) float64 { return closedPower(a, d, w, delta, alpha) }
	return increasingRoot(g, power, 0, w.SD, 1e-8*w.SD)
}
