package study

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"
)

// smallStudy is a fixed 4-cluster data set (clusters 0, 1 control; 2, 3
// treated) with one missing baseline.
func smallStudy() []Obs {
	rows := []struct {
		c, tr   int
		base, y float64
	}{
		{0, 0, 10.2, 11.0}, {0, 0, 8.7, 9.1}, {0, 0, 12.5, 13.9},
		{1, 0, 9.9, 10.4}, {1, 0, 11.3, 10.8}, {1, 0, math.NaN(), 12.2},
		{2, 1, 10.1, 13.5}, {2, 1, 7.8, 10.9}, {2, 1, 12.0, 15.1},
		{3, 1, 9.4, 12.0}, {3, 1, 11.6, 14.8}, {3, 1, 10.7, 12.6}, {3, 1, 8.8, 11.1},
	}
	obs := make([]Obs, len(rows))
	for i, r := range rows {
		obs[i] = Obs{Cluster: r.c, Treated: r.tr == 1, Base: r.base, Y: r.y}
	}
	return obs
}

// rRef holds R 4.2.2's results on smallStudy (the script is in
// TestAnalysesAgainstR).
type rRef struct{ effect, se, df, p float64 }

// checkEstimate compares an Estimate with reference values to tol
// (relative for the p value, which can be tiny).
func checkEstimate(t *testing.T, name string, got Estimate, want rRef, tol float64) {
	t.Helper()
	if !got.OK {
		t.Fatalf("%s: not OK", name)
	}
	near(t, name+" effect", got.Effect, want.effect, tol)
	near(t, name+" SE", got.SE, want.se, tol)
	near(t, name+" df", got.DF, want.df, tol)
	near(t, name+" p/p_ref", got.P/want.p, 1, tol)
}

// pTwoSided is the two-sided t p value computed afresh for the tests.
func pTwoSided(est, se, df float64) float64 {
	return 2 * distuv.StudentsT{Mu: 0, Sigma: 1, Nu: df}.CDF(-math.Abs(est/se))
}

// TestAnalysesByFormula recomputes every analysis of smallStudy
// independently: group statistics with gonum/stat and the ANCOVA by least
// squares (QR) with gonum/mat.
func TestAnalysesByFormula(t *testing.T) {
	obs := smallStudy()
	var yt, yc, dt, dc, dAll []float64
	var X []float64
	var yb []float64
	for _, o := range obs {
		if o.Treated {
			yt = append(yt, o.Y)
		} else {
			yc = append(yc, o.Y)
		}
		if math.IsNaN(o.Base) {
			continue
		}
		d := o.Y - o.Base
		dAll = append(dAll, d)
		tr := 0.0
		if o.Treated {
			tr = 1
			dt = append(dt, d)
		} else {
			dc = append(dc, d)
		}
		X = append(X, 1, tr, o.Base)
		yb = append(yb, o.Y)
	}
	twoSample := func(a, b []float64) rRef {
		na, nb := float64(len(a)), float64(len(b))
		ma, va := stat.MeanVariance(a, nil)
		mb, vb := stat.MeanVariance(b, nil)
		df := na + nb - 2
		sp2 := ((na-1)*va + (nb-1)*vb) / df
		se := math.Sqrt(sp2 * (1/na + 1/nb))
		return rRef{ma - mb, se, df, pTwoSided(ma-mb, se, df)}
	}
	checkEstimate(t, "TTest", TTest(obs), twoSample(yt, yc), 1e-9)
	checkEstimate(t, "ChangeTTest", ChangeTTest(obs), twoSample(dt, dc), 1e-9)

	m, v := stat.MeanVariance(dAll, nil)
	n := float64(len(dAll))
	se := math.Sqrt(v / n)
	checkEstimate(t, "BeforeAfter", BeforeAfter(obs), rRef{m, se, n - 1, pTwoSided(m, se, n-1)}, 1e-9)

	// ANCOVA by QR least squares and (XᵀX)⁻¹.
	nb := len(yb)
	Xm := mat.NewDense(nb, 3, X)
	ym := mat.NewVecDense(nb, yb)
	var beta mat.VecDense
	if err := beta.SolveVec(Xm, ym); err != nil {
		t.Fatal(err)
	}
	var fitted, resid mat.VecDense
	fitted.MulVec(Xm, &beta)
	resid.SubVec(ym, &fitted)
	s2 := mat.Dot(&resid, &resid) / float64(nb-3)
	var xtx, xtxInv mat.Dense
	xtx.Mul(Xm.T(), Xm)
	if err := xtxInv.Inverse(&xtx); err != nil {
		t.Fatal(err)
	}
	seA := math.Sqrt(s2 * xtxInv.At(1, 1))
	dfA := float64(nb - 3)
	checkEstimate(t, "ANCOVA", ANCOVA(obs), rRef{beta.AtVec(1), seA, dfA, pTwoSided(beta.AtVec(1), seA, dfA)}, 1e-9)

	// Cluster level: unweighted cluster means.
	means := map[int][]float64{}
	for _, o := range obs {
		means[o.Cluster] = append(means[o.Cluster], o.Y)
	}
	ct := []float64{stat.Mean(means[2], nil), stat.Mean(means[3], nil)}
	cc := []float64{stat.Mean(means[0], nil), stat.Mean(means[1], nil)}
	checkEstimate(t, "ClusterLevel", ClusterLevel(obs), twoSample(ct, cc), 1e-9)
}

// TestAnalysesAgainstR checks smallStudy against R 4.2.2:
//
//	d <- data.frame(cl = c(0,0,0,1,1,1,2,2,2,3,3,3,3), tr = rep(0:1, c(6,7)),
//	  base = c(10.2,8.7,12.5,9.9,11.3,NA,10.1,7.8,12.0,9.4,11.6,10.7,8.8),
//	  y = c(11.0,9.1,13.9,10.4,10.8,12.2,13.5,10.9,15.1,12.0,14.8,12.6,11.1))
//	t.test(y ~ factor(tr, levels = 1:0), d, var.equal = TRUE)      # TTest
//	summary(lm(y ~ tr + base, d))                                  # ANCOVA
//	dc <- d[!is.na(d$base), ]; dc$ch <- dc$y - dc$base
//	t.test(ch ~ factor(tr, levels = 1:0), dc, var.equal = TRUE)    # ChangeTTest
//	t.test(dc$ch)                                                  # BeforeAfter
//	cm <- aggregate(y ~ cl + tr, d, mean)
//	t.test(y ~ factor(tr, levels = 1:0), cm, var.equal = TRUE)     # ClusterLevel
//	cc <- aggregate(ch ~ cl + tr, dc, mean)
//	t.test(ch ~ factor(tr, levels = 1:0), cc, var.equal = TRUE)    # ClusterLevelChange
//	confint(lm(y ~ tr + base, d))["tr", ]
func TestAnalysesAgainstR(t *testing.T) {
	obs := smallStudy()
	const tol = 1e-12
	checkEstimate(t, "TTest", TTest(obs), rRef{1.62380952380952, 0.925955912384637, 11, 0.107270874657532}, tol)
	checkEstimate(t, "ANCOVA", ANCOVA(obs), rRef{2.3182398919733, 0.373341636417029, 9, 0.000157077830255629}, tol)
	checkEstimate(t, "ChangeTTest", ChangeTTest(obs), rRef{2.28, 0.356554944673929, 10, 7.88760732810229e-05}, tol)
	checkEstimate(t, "BeforeAfter", BeforeAfter(obs), rRef{1.85, 0.378093302578273, 11, 0.00047692472715294}, tol)
	checkEstimate(t, "ClusterLevel", ClusterLevel(obs), rRef{1.6625, 0.288705203355333, 2, 0.0288578246746509}, tol)
	checkEstimate(t, "ClusterLevelChange", ClusterLevelChange(obs), rRef{2.41666666666667, 0.557025832235614, 2, 0.0492365390428284}, tol)
	lo, hi := ANCOVA(obs).CI(0.05)
	near(t, "ANCOVA 95% CI low", lo, 1.47368243498172, tol)
	near(t, "ANCOVA 95% CI high", hi, 3.16279734896489, tol)
}

func TestEstimateRejectAndCI(t *testing.T) {
	e := tEstimate(2, 1, math.Inf(1))
	near(t, "normal p", e.P, 2*distuv.UnitNormal.CDF(-2), 1e-15)
	lo, hi := e.CI(0.05)
	near(t, "normal CI low", lo, 2-1.959963984540054, 1e-12)
	near(t, "normal CI high", hi, 2+1.959963984540054, 1e-12)
	if !e.Reject(0.05) || e.Reject(0.01) {
		t.Errorf("z = 2: want rejection at 5%% but not at 1%% (p = %v)", e.P)
	}
	// The CI excludes 0 exactly when the test rejects.
	for _, se := range []float64{0.5, 1, 1.02, 2} {
		e = tEstimate(2, se, 7)
		lo, _ = e.CI(0.05)
		if (lo > 0) != e.Reject(0.05) {
			t.Errorf("se %v: CI and test disagree", se)
		}
	}
	var bad Estimate
	if bad.Reject(0.05) {
		t.Errorf("a failed analysis must not reject")
	}
	if lo, hi := bad.CI(0.05); !math.IsNaN(lo) || !math.IsNaN(hi) {
		t.Errorf("a failed analysis has no CI")
	}
}

func TestAnalysesDegenerate(t *testing.T) {
	one := []Obs{{Treated: true, Base: 1, Y: 1}, {Treated: true, Base: 2, Y: 3}}
	same := []Obs{{Y: 1, Base: 0}, {Y: 1, Base: 0}, {Treated: true, Y: 1, Base: 0}, {Treated: true, Y: 1, Base: 0}}
	mixed := []Obs{{Cluster: 0, Y: 1}, {Cluster: 0, Treated: true, Y: 2}, {Cluster: 1, Y: 1}, {Cluster: 2, Treated: true, Y: 3}}
	noBase := []Obs{{Y: 1, Base: math.NaN()}, {Y: 2, Base: math.NaN()}, {Treated: true, Y: 3, Base: math.NaN()}, {Treated: true, Y: 5, Base: math.NaN()}}
	cases := []struct {
		name string
		e    Estimate
	}{
		{"TTest empty", TTest(nil)},
		{"TTest one group", TTest(one)},
		{"TTest zero variance", TTest(same)},
		{"ANCOVA constant baseline", ANCOVA(same)},
		{"ANCOVA no baselines", ANCOVA(noBase)},
		{"ChangeTTest no baselines", ChangeTTest(noBase)},
		{"BeforeAfter one person", BeforeAfter(one[:1])},
		{"ClusterLevel mixed cluster", ClusterLevel(mixed)},
		{"ClusterLevel one cluster per arm", ClusterLevel(mixed[2:])},
		{"ClusterLevel negative cluster", ClusterLevel([]Obs{{Cluster: -1}})},
		{"ClusterLevelChange no baselines", ClusterLevelChange(noBase)},
	}
	for _, c := range cases {
		if c.e.OK {
			t.Errorf("%s: OK = true, want false (%+v)", c.name, c.e)
		}
	}
	if e := TTest(noBase); !e.OK || e.Effect != 2.5 {
		t.Errorf("TTest must not need baselines: %+v", e)
	}
}

// Type I error of the individual and cluster-level analyses under the
// parametric model (Effect 0), 4,000 studies each.
func TestTypeIErrorSimple(t *testing.T) {
	const nsim = 4000
	rct := Design{Kind: "rct", PerArm: 100}
	crt := Design{Kind: "cluster_rct", Clusters: 30, ClusterSize: 20}
	w := World{SD: 9, ICC: 0.05, CAC: 1, Rho: 0.5}
	checkSize(t, "rct TTest", simulate(101, nsim, rct, w, TTest), 0.035, 0.065)
	checkSize(t, "rct ANCOVA (r = 0.5)", simulate(102, nsim, rct, w, ANCOVA), 0.035, 0.065)
	checkSize(t, "cluster_rct ClusterLevel (k = 15/arm, m = 20)", simulate(103, nsim, crt, w, ClusterLevel), 0.035, 0.065)
}

// Simulated power against the closed forms of methods.md §2.1–2.2.
func TestPowerSimple(t *testing.T) {
	const nsim = 4000
	rct := Design{Kind: "rct", PerArm: 100}
	// P1: power.t.test(n = 100, delta = 3, sd = 9)$power.
	checkPower(t, "P1 rct TTest n=100/arm δ=3 σ=9", simulate(201, nsim, rct, World{Effect: 3, SD: 9}, TTest), 0.6501087)
	near(t, "P1 closed form", PowerT(100, 3, 9, 0.05, false), 0.6501087, 1e-6)
	// ANCOVA with r = 0.5: power.t.test(n = 100, delta = 3, sd = 9·√(1 − r²)),
	// i.e. the residual SD √ANCOVAFactor(0.5)·9.
	want := PowerT(100, 3, 9*math.Sqrt(ANCOVAFactor(0.5)), 0.05, false)
	near(t, "ANCOVA closed form", want, 0.772911, 1e-6)
	checkPower(t, "rct ANCOVA r=0.5", simulate(202, nsim, rct, World{Effect: 3, SD: 9, Rho: 0.5}, ANCOVA), want)
	// C2: cpa.normal(nclusters = 15, nsubjects = 20, ICC = .05, vart = 81, d = 3).
	crt := Design{Kind: "cluster_rct", Clusters: 30, ClusterSize: 20}
	checkPower(t, "C2 cluster_rct ClusterLevel k=15/arm m=20", simulate(203, nsim, crt, World{Effect: 3, SD: 9, ICC: 0.05, CAC: 1}, ClusterLevel), 0.805658)
}
