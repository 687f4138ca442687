package study

import (
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// Obs is one person's measurements in a simulated study.
type Obs struct {
	Cluster int     // cluster index 0..K-1; in individually randomised or uncontrolled designs, 0 for everyone
	Period  int     // period of the follow-up measurement, 0-based (stepped wedge); 0 otherwise
	Treated bool    // the follow-up measurement is under the intervention (arm for parallel designs; group for CBA)
	Base    float64 // baseline measurement (math.NaN() if not measured)
	Y       float64 // follow-up measurement
}

// Estimate is the result of one analysis of one study.
type Estimate struct {
	Effect float64 // estimated treatment effect (treated minus control, or follow-up minus baseline for before-after)
	SE     float64 // standard error
	DF     float64 // degrees of freedom of the t reference (math.Inf(1) for a normal reference)
	P      float64 // two-sided p value
	OK     bool    // false when the analysis cannot be fitted (too few people or clusters, zero variance, singular); other fields then undefined
}

// Reject reports whether the test rejects at two-sided level alpha. An
// analysis that could not be fitted never rejects, so a simulation counts
// it as a failure to detect the effect, as a real evaluation would.
func (e Estimate) Reject(alpha float64) bool { return e.OK && e.P < alpha }

// CI returns the two-sided 1-alpha confidence interval
// Effect ± t_{1-alpha/2,DF}·SE (normal quantile when DF is infinite).
// Both ends are NaN when the estimate is not OK.
func (e Estimate) CI(alpha float64) (lo, hi float64) {
	if !e.OK {
		return math.NaN(), math.NaN()
	}
	q := refQuantile(1-alpha/2, e.DF)
	return e.Effect - q*e.SE, e.Effect + q*e.SE
}

// refQuantile is the p-quantile of the t reference with df degrees of
// freedom, or of the standard normal when df is infinite.
func refQuantile(p, df float64) float64 {
	if math.IsInf(df, 1) {
		return distuv.UnitNormal.Quantile(p)
	}
	return distuv.StudentsT{Mu: 0, Sigma: 1, Nu: df}.Quantile(p)
}

// tEstimate completes an Estimate from an effect, its standard error and
// the degrees of freedom of its t reference, with the two-sided p value
// 2·P(T > |effect/se|). A non-finite or non-positive SE or df makes the
// estimate not OK: the data cannot support a test.
func tEstimate(effect, se, df float64) Estimate {
	if !(se > 0) || math.IsInf(se, 1) || math.IsNaN(effect) || math.IsInf(effect, 0) || !(df > 0) {
		return Estimate{}
	}
	t := math.Abs(effect / se)
	var p float64
	if math.IsInf(df, 1) {
		p = 2 * distuv.UnitNormal.Survival(t)
	} else {
		p = 2 * distuv.StudentsT{Mu: 0, Sigma: 1, Nu: df}.Survival(t)
	}
	return Estimate{Effect: effect, SE: se, DF: df, P: p, OK: true}
}

// moments accumulates the count, means and centred sums of squares and
// cross-products of pairs (x, y) by Welford's one-pass update, which stays
// accurate when the means are large relative to the spread. Analyses that
// need only y leave x at zero.
type moments struct {
	n        float64
	mx, my   float64
	sxx, syy float64
	sxy      float64
}

func (m *moments) add(x, y float64) {
	m.n++
	dx := x - m.mx
	dy := y - m.my
	m.mx += dx / m.n
	m.my += dy / m.n
	m.sxx += dx * (x - m.mx)
	m.syy += dy * (y - m.my)
	m.sxy += dx * (y - m.my)
}

// twoSampleT is Student's two-sample t test with pooled variance on the
// y moments of the treated (t) and control (c) groups: effect
// ȳ_t − ȳ_c, SE² = s_p²(1/n_t + 1/n_c), df n_t + n_c − 2.
func twoSampleT(t, c moments) Estimate {
	df := t.n + c.n - 2
	if t.n < 1 || c.n < 1 || df < 1 {
		return Estimate{}
	}
	s2 := (t.syy + c.syy) / df
	return tEstimate(t.my-c.my, math.Sqrt(s2*(1/t.n+1/c.n)), df)
}

// TTest is the two-sample Student t test (pooled variance) of the
// follow-up Y, treated minus control, on n − 2 df: R's
// t.test(var.equal = TRUE), the analysis power.t.test assumes.
func TTest(obs []Obs) Estimate {
	var t, c moments
	for _, o := range obs {
		if o.Treated {
			t.add(0, o.Y)
		} else {
			c.add(0, o.Y)
		}
	}
	return twoSampleT(t, c)
}

// ANCOVA is the ordinary least-squares fit of Y ~ 1 + Treated + Base,
// tested by t on n − 3 df; people without a baseline (NaN Base) are
// dropped. Adjusting for baseline removes the share ρ² of the outcome
// variance that baseline predicts, the efficiency that ANCOVAFactor
// describes. It is computed by the textbook two-group ANCOVA identity:
// the common slope b = S_xy/S_xx from pooled within-group sums, effect
// (ȳ_t − ȳ_c) − b(x̄_t − x̄_c), residual variance
// s² = (S_yy − S_xy²/S_xx)/(n − 3) and
// SE² = s²(1/n_t + 1/n_c + (x̄_t − x̄_c)²/S_xx), which is exactly the OLS
// solution.
func ANCOVA(obs []Obs) Estimate {
	var t, c moments
	for _, o := range obs {
		if math.IsNaN(o.Base) {
			continue
		}
		if o.Treated {
			t.add(o.Base, o.Y)
		} else {
			c.add(o.Base, o.Y)
		}
	}
	df := t.n + c.n - 3
	sxx := t.sxx + c.sxx
	if t.n < 1 || c.n < 1 || df < 1 || !(sxx > 0) {
		return Estimate{}
	}
	sxy := t.sxy + c.sxy
	b := sxy / sxx
	dx := t.mx - c.mx
	effect := (t.my - c.my) - b*dx
	rss := t.syy + c.syy - sxy*b
	if rss < 0 {
		rss = 0
	}
	s2 := rss / df
	return tEstimate(effect, math.Sqrt(s2*(1/t.n+1/c.n+dx*dx/sxx)), df)
}

// ChangeTTest is the two-sample t test of the change Y − Base between the
// treated and control groups (n − 2 df): the individual-level
// difference-in-differences. People without a baseline are dropped.
func ChangeTTest(obs []Obs) Estimate {
	var t, c moments
	for _, o := range obs {
		if math.IsNaN(o.Base) {
			continue
		}
		if o.Treated {
			t.add(0, o.Y-o.Base)
		} else {
			c.add(0, o.Y-o.Base)
		}
	}
	return twoSampleT(t, c)
}

// BeforeAfter is the paired (one-sample) t test of Y − Base over everyone
// with a baseline, on n − 1 df: the uncontrolled before–after evaluation.
// Its Effect estimates the intervention effect plus any secular change and
// regression to the mean, which is why such designs are biased.
func BeforeAfter(obs []Obs) Estimate {
	var d moments
	for _, o := range obs {
		if !math.IsNaN(o.Base) {
			d.add(0, o.Y-o.Base)
		}
	}
	df := d.n - 1
	if df < 1 {
		return Estimate{}
	}
	return tEstimate(d.my, math.Sqrt(d.syy/df/d.n), df)
}

// clusterLevel runs the unweighted cluster-level analysis on the value
// val(o) of each Obs for which use(o) holds: one mean per cluster, then a
// two-sample t test between treated and control clusters on K − 2 df
// (Donner & Klar 2000, ch. 6). It fails if a cluster holds both treated
// and control people, because the comparison is then not between clusters.
func clusterLevel(obs []Obs, use func(Obs) bool, val func(Obs) float64) Estimate {
	maxc := -1
	for _, o := range obs {
		if o.Cluster < 0 {
			return Estimate{}
		}
		if o.Cluster > maxc {
			maxc = o.Cluster
		}
	}
	type clusterSum struct {
		n, sum           float64
		treated, control bool
	}
	cl := make([]clusterSum, maxc+1)
	for _, o := range obs {
		if !use(o) {
			continue
		}
		c := &cl[o.Cluster]
		c.n++
		c.sum += val(o)
		if o.Treated {
			c.treated = true
		} else {
			c.control = true
		}
	}
	var t, c moments
	for _, k := range cl {
		switch {
		case k.n == 0:
			continue
		case k.treated && k.control:
			return Estimate{}
		case k.treated:
			t.add(0, k.sum/k.n)
		default:
			c.add(0, k.sum/k.n)
		}
	}
	return twoSampleT(t, c)
}

// ClusterLevel is the unweighted cluster-level analysis of Y: the mean
// follow-up per cluster, compared by a two-sample t test between treated
// and control clusters on K − 2 df. It keeps the nominal size whatever the
// ICC because clusters, not people, are the independent units; it is the
// analysis ClusterPowerT describes for equal cluster sizes. Every cluster
// must be wholly treated or wholly control (else OK is false).
func ClusterLevel(obs []Obs) Estimate {
	return clusterLevel(obs, func(Obs) bool { return true }, func(o Obs) float64 { return o.Y })
}

// ClusterLevelChange is ClusterLevel on the cluster means of Y − Base
// (people without a baseline dropped): the cluster-level
// difference-in-differences of a controlled before–after study.
func ClusterLevelChange(obs []Obs) Estimate {
	return clusterLevel(obs,
		func(o Obs) bool { return !math.IsNaN(o.Base) },
		func(o Obs) float64 { return o.Y - o.Base })
}
