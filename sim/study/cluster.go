package study

import "math"

// DesignEffect returns the design effect (variance inflation) of a parallel
// cluster-randomised trial with equal cluster size m and intracluster
// correlation icc: DE = 1 + (m − 1)ρ (Donner, Birkett & Buck 1981;
// Kerry & Bland 1998, BMJ 316:549).
func DesignEffect(m, icc float64) float64 { return 1 + (m-1)*icc }

// DesignEffectUnequal returns the design effect for unequal cluster sizes
// with mean mbar and coefficient of variation cv = sd(m_j)/mean(m_j):
// DE = 1 + ((cv² + 1)·m̄ − 1)ρ (Eldridge, Ashby & Kerry 2006, IJE 35:1292).
// It is accurate for size-weighted cluster-level analyses and conservative
// otherwise; it is clusterPower::cpa.normal's method = "weighted".
func DesignEffectUnequal(mbar, cv, icc float64) float64 {
	return 1 + ((cv*cv+1)*mbar-1)*icc
}

// RelativeEfficiencyVB returns the relative efficiency of unequal versus
// equal cluster sizes (mean m, coefficient of variation cv) by the Taylor
// approximation of van Breukelen, Candel & Berger (2007, Stat Med 26:2589):
// λ = mρ/(1 + (m − 1)ρ), RE = 1 − cv²·λ(1 − λ). Divide DesignEffect(m, icc)
// by it for the variance inflation (see VIFTaylor).
func RelativeEfficiencyVB(m, cv, icc float64) float64 {
	lambda := m * icc / (1 + (m-1)*icc)
	return 1 - cv*cv*lambda*(1-lambda)
}

// VIFTaylor returns DesignEffect(m, icc)/RelativeEfficiencyVB(m, cv, icc),
// the variance inflation used by clusterPower::cpa.normal with
// method = "taylor".
func VIFTaylor(m, cv, icc float64) float64 {
	return DesignEffect(m, icc) / RelativeEfficiencyVB(m, cv, icc)
}

// clusterNCP is cpa.normal's noncentrality √(k·m/(2·VIF))·|δ|/σ.
func clusterNCP(k, m, vif, delta, sd float64) float64 {
	return math.Sqrt(k*m/(2*vif)) * math.Abs(delta) / sd
}

// ClusterPowerT returns the power of a two-arm parallel cluster-randomised
// trial with k clusters per arm of equal size m, analysed by a t test on
// 2(k − 1) df: ncp = √(k·m/(2·DE))·|δ|/σ with DE = 1 + (m − 1)ρ, upper tail
// only. This is clusterPower::cpa.normal (Kleinman et al., clusterPower
// 0.7.0, cpa.normal.R), and is equivalent to a t test on cluster means with
// Var(diff) = 2σ²[ρ + (1 − ρ)/m]/k. sd is the total SD √(σ_b² + σ_w²).
func ClusterPowerT(k, m, icc, delta, sd, alpha float64) float64 {
	return ClusterPowerTVIF(k, m, DesignEffect(m, icc), delta, sd, alpha)
}

// ClusterPowerTVIF is ClusterPowerT with an explicit variance inflation
// factor vif, e.g. DesignEffectUnequal (cpa.normal method = "weighted") or
// VIFTaylor (method = "taylor") for unequal cluster sizes with mean m.
func ClusterPowerTVIF(k, m, vif, delta, sd, alpha float64) float64 {
	return tPower(clusterNCP(k, m, vif, delta, sd), 2*(k-1), alpha, false)
}

// ClusterPowerZ is the normal approximation to ClusterPowerTVIF:
// Φ(√(k·m/(2·vif))·|δ|/σ − z₁₋α/₂). Pass DesignEffect(m, icc) as vif for
// equal cluster sizes.
func ClusterPowerZ(k, m, vif, delta, sd, alpha float64) float64 {
	return zPower(clusterNCP(k, m, vif, delta, sd), alpha, false)
}

// ClustersPerArm returns the (real) number of clusters per arm of equal size
// m at which ClusterPowerT reaches the target power, as
// clusterPower::cpa.normal(power = ., nclusters = NA, ...) (which solves with
// uniroot on (2, 1e7)); here Brent's method to 1e-10. Round up for a design.
func ClustersPerArm(m, icc, delta, sd, alpha, power float64) float64 {
	return ClustersPerArmVIF(m, DesignEffect(m, icc), delta, sd, alpha, power)
}

// ClustersPerArmVIF is ClustersPerArm with an explicit variance inflation
// factor (see ClusterPowerTVIF). If even 2 clusters per arm reach the
// target power, 2 is returned.
func ClustersPerArmVIF(m, vif, delta, sd, alpha, power float64) float64 {
	if !(power > 0 && power < 1) || delta == 0 {
		return math.NaN()
	}
	g := func(k float64) float64 { return ClusterPowerTVIF(k, m, vif, delta, sd, alpha) }
	if g(2) >= power {
		return 2
	}
	start := math.Max(4, 2*ClustersPerArmZ(m, vif, delta, sd, alpha, power))
	return increasingRoot(g, power, 2, start, 1e-10)
}

// ClustersPerArmZ returns the normal-approximation clusters per arm,
// k = n_ind·vif/m, where n_ind = NForPowerZ(power, delta, sd, alpha) is the
// individually randomised n per arm (methods.md §2.2; Donner & Klar 2000).
func ClustersPerArmZ(m, vif, delta, sd, alpha, power float64) float64 {
	return NForPowerZ(power, delta, sd, alpha) * vif / m
}

// ClusterMDET returns the minimum detectable difference of a parallel CRT
// with k clusters per arm of mean size m and variance inflation vif under
// the t analysis of ClusterPowerTVIF (root of the power function). It is
// close to the textbook (t₁₋α/₂,df + t_power,df)·√(2σ²·vif/(k·m)),
// df = 2(k − 1).
func ClusterMDET(k, m, vif, sd, alpha, power float64) float64 {
	if !(power > 0 && power < 1) || k <= 1 {
		return math.NaN()
	}
	g := func(d float64) float64 { return ClusterPowerTVIF(k, m, vif, d, sd, alpha) }
	df := 2 * (k - 1)
	start := 2 * (tQuantile(1-alpha/2, df) + tQuantile(power, df)) * sd * math.Sqrt(2*vif/(k*m))
	return increasingRoot(g, power, 0, start, 1e-12*sd)
}
