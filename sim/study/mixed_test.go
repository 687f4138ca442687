package study

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat"
)

// obsFromRows turns {cluster, period, treated, y} rows into Obs.
func obsFromRows(rows [][4]float64) []Obs {
	obs := make([]Obs, len(rows))
	for i, r := range rows {
		obs[i] = Obs{Cluster: int(r[0]), Period: int(r[1]), Treated: r[2] == 1, Base: math.NaN(), Y: r[3]}
	}
	return obs
}

// relNear is near on the relative scale.
func relNear(t *testing.T, name string, got, want, rel float64) {
	t.Helper()
	near(t, name+" (relative)", got/want, 1, rel)
}

// TestMixedModelAgainstLmerTest compares the fit with R 4.2.2, lme4 1.1-31
// and lmerTest 3.1-3 (Debian 12) on three small data sets made by Generate
// and rounded to 0.1:
//
//	library(lmerTest)
//	m <- lmer(y ~ treated [+ factor(period)] + (1 | cluster), d, REML = TRUE,
//	  control = lmerControl(optimizer = "bobyqa",
//	    optCtrl = list(rhobeg = 2e-4, rhoend = 2e-12)))
//	coef(summary(m))["treated", ]; as.data.frame(VarCorr(m))$vcov
//
// A: parallel, unequal clusters, REML τ² on the boundary (0): lmerTest
// also reports n − p = 27 df there. C: parallel, unequal clusters,
// τ² > 0, few clusters (Satterthwaite df 4.36). B: stepped wedge
// (7 clusters, 3 steps, unequal sizes, CAC 0.8) with period effects.
// lmer's optimiser stops at about 1e-7 relative, hence the tolerance.
func TestMixedModelAgainstLmerTest(t *testing.T) {
	cases := []struct {
		name                          string
		rows                          [][4]float64
		periods                       bool
		effect, se, df, p, sig2, tau2 float64
	}{
		{"A boundary", lmerDataA, false, 4.126190476, 3.168764995, 27, 0.2038663426, 72.71120811, 0},
		{"C parallel", lmerDataC, false, 14.97215495, 3.985491259, 4.3576064, 0.01698099188, 47.15169573, 12.63594359},
		{"B stepped wedge", lmerDataB, true, 3.25051436, 3.440728963, 56.707897, 0.3488114238, 75.60402007, 11.98187097},
	}
	const rel = 2e-6
	for _, c := range cases {
		obs := obsFromRows(c.rows)
		e := MixedModel(obs, c.periods)
		fit, ok := fitMixed(obs, c.periods)
		if !e.OK || !ok {
			t.Fatalf("%s: fit failed", c.name)
		}
		relNear(t, c.name+" effect", e.Effect, c.effect, rel)
		relNear(t, c.name+" SE", e.SE, c.se, rel)
		relNear(t, c.name+" df", e.DF, c.df, rel)
		relNear(t, c.name+" p", e.P, c.p, rel)
		relNear(t, c.name+" sigma2", fit.sigma2, c.sig2, rel)
		near(t, c.name+" tau2", fit.tau2, c.tau2, rel*c.sig2)
	}
}

// anova returns the one-way ANOVA variance components of a balanced
// parallel trial with a cluster-level treatment: MSW, and
// (MSB − MSW)/m with MSB from the cluster means about their arm means.
func anova(obs []Obs, k, m int) (sigma2, tau2 float64) {
	mean := make([]float64, k)
	arm := make([]bool, k)
	for _, o := range obs {
		mean[o.Cluster] += o.Y / float64(m)
		arm[o.Cluster] = o.Treated
	}
	var ssw float64
	for _, o := range obs {
		ssw += (o.Y - mean[o.Cluster]) * (o.Y - mean[o.Cluster])
	}
	var mt, mc []float64
	for c := range mean {
		if arm[c] {
			mt = append(mt, mean[c])
		} else {
			mc = append(mc, mean[c])
		}
	}
	ssb := float64(len(mt)-1)*stat.Variance(mt, nil) + float64(len(mc)-1)*stat.Variance(mc, nil)
	msw := ssw / float64(k*(m-1))
	msb := float64(m) * ssb / float64(k-2)
	return msw, (msb - msw) / float64(m)
}

// TestMixedModelBalancedIsClusterLevel: in a balanced parallel trial the
// REML variance components are the ANOVA estimators (when τ̂² > 0), and
// the REML/GLS estimate, its SE and its Satterthwaite df (exactly K − 2)
// coincide with the unweighted cluster-level t test's.
func TestMixedModelBalancedIsClusterLevel(t *testing.T) {
	r := rand.New(rand.NewPCG(31, 32))
	interior := 0
	for _, sz := range []struct{ k, m int }{{6, 5}, {10, 20}, {11, 8}, {30, 3}} {
		for rep := 0; rep < 5; rep++ {
			obs := Generate(nil, r, Design{Kind: "cluster_rct", Clusters: sz.k, ClusterSize: float64(sz.m)},
				World{Effect: 2, SD: 9, ICC: 0.2, CAC: 1})
			fit, ok := fitMixed(obs, false)
			if !ok {
				t.Fatalf("k=%d m=%d: fit failed", sz.k, sz.m)
			}
			s2, tau2 := anova(obs, sz.k, sz.m)
			if tau2 <= 0 {
				if fit.tau2 != 0 {
					t.Errorf("k=%d m=%d: ANOVA τ² %v ≤ 0 but REML τ² %v", sz.k, sz.m, tau2, fit.tau2)
				}
				continue
			}
			interior++
			mm, cl := MixedModel(obs, false), ClusterLevel(obs)
			const tol = 1e-6
			relNear(t, "REML σ² = MSW", fit.sigma2, s2, 1e-9)
			relNear(t, "REML τ² = (MSB − MSW)/m", fit.tau2, tau2, 1e-7)
			near(t, "effect = cluster-level", mm.Effect, cl.Effect, tol)
			near(t, "SE = cluster-level", mm.SE, cl.SE, tol)
			near(t, "Satterthwaite df = K − 2", mm.DF, cl.DF, tol)
			near(t, "p = cluster-level", mm.P, cl.P, tol)
		}
	}
	if interior < 10 {
		t.Errorf("only %d of 20 data sets had τ̂² > 0", interior)
	}
}

// TestMixedModelBoundaryIsOLS: when clusters differ less than chance
// (here every cluster of an arm has the same mean) REML puts τ² at 0, and
// the fit is ordinary least squares: the pooled two-sample t test, with
// its n − 2 df.
func TestMixedModelBoundaryIsOLS(t *testing.T) {
	var obs []Obs
	dev := []float64{-1.5, 0.5, 2, -1}
	for c := 0; c < 6; c++ {
		for i, d := range dev {
			y := d * float64(1+(c+i)%3) // cluster means differ only by the arm
			y -= stat.Mean([]float64{dev[0] * float64(1+c%3), dev[1] * float64(1+(c+1)%3), dev[2] * float64(1+(c+2)%3), dev[3] * float64(1+(c+3)%3)}, nil)
			if c >= 3 {
				y += 2
			}
			obs = append(obs, Obs{Cluster: c, Treated: c >= 3, Y: y, Base: math.NaN()})
		}
	}
	fit, ok := fitMixed(obs, false)
	if !ok || fit.tau2 != 0 {
		t.Fatalf("want a boundary fit, got ok=%v τ²=%v", ok, fit.tau2)
	}
	mm, tt := MixedModel(obs, false), TTest(obs)
	near(t, "boundary effect = t test", mm.Effect, tt.Effect, 1e-12)
	near(t, "boundary SE = t test", mm.SE, tt.SE, 1e-12)
	near(t, "boundary df = n − 2", mm.DF, tt.DF, 0)
}

// denseREML recomputes, with n × n matrices (gonum/mat), the REML scores
// and the Satterthwaite df at (σ², τ²), with the gradient of Var(θ̂) by
// central differences: an independent check of the closed forms.
func denseREML(obs []Obs, periods bool, sigma2, tau2 float64) (scoreS, scoreT, df float64) {
	n := len(obs)
	col := map[int]int{}
	first := math.MaxInt
	if periods {
		for _, o := range obs {
			first = min(first, o.Period)
		}
		for _, o := range obs {
			if _, seen := col[o.Period]; !seen && o.Period != first {
				col[o.Period] = 0
			}
		}
		next := 2
		for per := 0; per <= 100; per++ {
			if _, ok := col[per]; ok {
				col[per] = next
				next++
			}
		}
	}
	p := 2 + len(col)
	X := mat.NewDense(n, p, nil)
	y := mat.NewVecDense(n, nil)
	ZZ := mat.NewDense(n, n, nil)
	for i, o := range obs {
		X.Set(i, 0, 1)
		if o.Treated {
			X.Set(i, 1, 1)
		}
		if c, ok := col[o.Period]; ok {
			X.Set(i, c, 1)
		}
		y.SetVec(i, o.Y)
		for j, o2 := range obs {
			if o2.Cluster == o.Cluster {
				ZZ.Set(i, j, 1)
			}
		}
	}
	eye := mat.NewDiagDense(n, nil)
	for i := 0; i < n; i++ {
		eye.SetDiag(i, 1)
	}
	muinvAt := func(s2, t2 float64) (W, Muinv *mat.Dense) {
		V := mat.NewDense(n, n, nil)
		V.Scale(t2, ZZ)
		V.Add(V, scaled(s2, eye))
		W = new(mat.Dense)
		if err := W.Inverse(V); err != nil {
			panic(err)
		}
		var XtW, Mu mat.Dense
		XtW.Mul(X.T(), W)
		Mu.Mul(&XtW, X)
		Muinv = new(mat.Dense)
		if err := Muinv.Inverse(&Mu); err != nil {
			panic(err)
		}
		return W, Muinv
	}
	W, Muinv := muinvAt(sigma2, tau2)
	var WX, Q, P mat.Dense
	WX.Mul(W, X)
	Q.Product(&WX, Muinv, WX.T())
	P.Sub(W, &Q)
	var Py mat.VecDense
	Py.MulVec(&P, y)
	Va := []mat.Matrix{eye, ZZ}
	var PV [2]mat.Dense
	for a := range Va {
		PV[a].Mul(&P, Va[a])
	}
	score := make([]float64, 2)
	var E, O [2][2]float64
	for a := 0; a < 2; a++ {
		var VPy mat.VecDense
		VPy.MulVec(Va[a], &Py)
		score[a] = -0.5*mat.Trace(&PV[a]) + 0.5*mat.Dot(&Py, &VPy)
		for b := 0; b < 2; b++ {
			var PVPV mat.Dense
			PVPV.Mul(&PV[a], &PV[b])
			E[a][b] = 0.5 * mat.Trace(&PVPV)
			var u, v mat.VecDense
			u.MulVec(Va[b], &Py)
			v.MulVec(&P, &u)
			u.MulVec(Va[a], &v)
			O[a][b] = mat.Dot(&Py, &u) - E[a][b]
		}
	}
	varAt := func(s2, t2 float64) float64 {
		_, mi := muinvAt(s2, t2)
		return mi.At(1, 1)
	}
	hs, ht := 1e-4*sigma2, 1e-4*tau2
	g := []float64{
		(varAt(sigma2+hs, tau2) - varAt(sigma2-hs, tau2)) / (2 * hs),
		(varAt(sigma2, tau2+ht) - varAt(sigma2, tau2-ht)) / (2 * ht),
	}
	Om := mat.NewSymDense(2, []float64{O[0][0], O[0][1], O[1][0], O[1][1]})
	var A mat.Dense
	if err := A.Inverse(Om); err != nil {
		panic(err)
	}
	gv := mat.NewVecDense(2, g)
	v := Muinv.At(1, 1)
	return score[0], score[1], 2 * v * v / mat.Inner(gv, &A, gv)
}

func scaled(f float64, a mat.Matrix) *mat.Dense {
	var d mat.Dense
	d.Scale(f, a)
	return &d
}

// TestMixedModelDenseCheck verifies on unbalanced data that the fit is a
// REML stationary point and that the closed-form Satterthwaite df equals
// the dense-matrix computation.
func TestMixedModelDenseCheck(t *testing.T) {
	r := rand.New(rand.NewPCG(41, 42))
	cases := []struct {
		name    string
		obs     []Obs
		periods bool
	}{
		{"stepped wedge B", obsFromRows(lmerDataB), true},
		{"parallel C", obsFromRows(lmerDataC), false},
		{"stepped wedge, 3 steps, CV .8", Generate(nil, r, Design{Kind: "stepped_wedge", Clusters: 8, Steps: 3, ClusterSize: 4, ClusterCV: 0.8},
			World{Effect: 1, SD: 5, ICC: 0.3, CAC: 0.7, Secular: 0.5}), true},
	}
	for _, c := range cases {
		fit, ok := fitMixed(c.obs, c.periods)
		if !ok || fit.tau2 <= 0 {
			t.Fatalf("%s: need an interior fit (ok=%v τ²=%v)", c.name, ok, fit.tau2)
		}
		ss, st, df := denseREML(c.obs, c.periods, fit.sigma2, fit.tau2)
		near(t, c.name+" REML score σ² × σ²", ss*fit.sigma2, 0, 1e-7)
		near(t, c.name+" REML score τ² × τ²", st*fit.tau2, 0, 1e-7)
		relNear(t, c.name+" Satterthwaite df vs dense", fit.df, df, 1e-6)
	}
}

func TestMixedModelDegenerate(t *testing.T) {
	crt := obsFromRows(lmerDataC)
	allTreated := append([]Obs(nil), crt...)
	for i := range allTreated {
		allTreated[i].Treated = true
	}
	// Every cluster crosses over at once: treatment confounded with period.
	var confounded []Obs
	for c := 0; c < 4; c++ {
		for per := 0; per < 3; per++ {
			for i := 0; i < 3; i++ {
				confounded = append(confounded, Obs{Cluster: c, Period: per, Treated: per > 0, Y: float64(c + per + i*i)})
			}
		}
	}
	negative := append([]Obs{{Cluster: -1, Y: 1}}, crt...)
	nan := append([]Obs{{Cluster: 0, Y: math.NaN()}}, crt...)
	for name, obs := range map[string][]Obs{
		"empty": nil, "all treated": allTreated, "negative cluster": negative, "NaN outcome": nan,
		"two people": crt[:2],
	} {
		if e := MixedModel(obs, false); e.OK {
			t.Errorf("%s: OK, want failure (%+v)", name, e)
		}
	}
	if e := MixedModel(confounded, true); e.OK {
		t.Errorf("treatment confounded with period: OK, want failure (%+v)", e)
	}
	if e := MixedModel(confounded, false); !e.OK {
		t.Errorf("same data without period effects should fit")
	}
	// One person per cluster: τ² and σ² are not separable, the REML profile
	// is flat, and the fit is OLS at τ² = 0.
	var single []Obs
	for c := 0; c < 10; c++ {
		single = append(single, Obs{Cluster: c, Treated: c%2 == 0, Y: math.Sin(float64(c))})
	}
	mm, tt := MixedModel(single, false), TTest(single)
	if !mm.OK || math.Abs(mm.SE-tt.SE) > 1e-9 || math.Abs(mm.DF-8) > 1e-6 {
		t.Errorf("one person per cluster: got %+v, want the t test %+v", mm, tt)
	}
}

// Stepped wedge with period effects (methods.md §2.3 case D: 20 practices,
// 4 steps × 5, T = 5, N = 10 per cluster-period, ICC .05, σ = 9, θ = 2):
// θ̂ is unbiased, its sampling variance is HHVar, and the model-based SE
// is close to √HHVar on average (REML plug-in SEs run slightly low,
// Kackar & Harville 1984, hence the 3% allowance).
func TestMixedModelSteppedWedgeVariance(t *testing.T) {
	const nsim = 2000
	d := Design{Kind: "stepped_wedge", Clusters: 20, Steps: 4, ClusterSize: 10}
	w := World{Effect: 2, SD: 9, ICC: 0.05, CAC: 1}
	res := simulate(51, nsim, d, w, func(o []Obs) Estimate { return MixedModel(o, true) })
	if res.failed > 0 {
		t.Fatalf("%d failed fits", res.failed)
	}
	hh := HHVar(SWDesign(20, 4, 1, 1), 0.95*81, 0.05*81, 10)
	mean, variance := stat.MeanVariance(res.effects, nil)
	near(t, "SW mean θ̂", mean, 2, 3*math.Sqrt(hh/nsim))
	near(t, "SW Var(θ̂)/HHVar", variance/hh, 1, 3*math.Sqrt(2.0/(nsim-1)))
	near(t, "SW mean SE/√HHVar", stat.Mean(res.ses, nil)/math.Sqrt(hh), 1, 0.03)
}

// Type I error of MixedModel (Effect 0), 4,000 studies each.
func TestMixedModelTypeIError(t *testing.T) {
	const nsim = 4000
	mm := func(periods bool) func([]Obs) Estimate {
		return func(o []Obs) Estimate { return MixedModel(o, periods) }
	}
	w := World{SD: 9, ICC: 0.05, CAC: 1}
	for i, c := range []struct {
		name    string
		d       Design
		periods bool
	}{
		{"cluster_rct 10 clusters m=20", Design{Kind: "cluster_rct", Clusters: 10, ClusterSize: 20}, false},
		{"cluster_rct 10 clusters m=20 CV .65", Design{Kind: "cluster_rct", Clusters: 10, ClusterSize: 20, ClusterCV: 0.65}, false},
		{"cluster_rct 20 clusters m=20", Design{Kind: "cluster_rct", Clusters: 20, ClusterSize: 20}, false},
		{"stepped_wedge 10 clusters 5 steps n=10", Design{Kind: "stepped_wedge", Clusters: 10, Steps: 5, ClusterSize: 10}, true},
		{"stepped_wedge 20 clusters 4 steps n=10", Design{Kind: "stepped_wedge", Clusters: 20, Steps: 4, ClusterSize: 10}, true},
	} {
		checkSize(t, "MixedModel "+c.name, simulate(uint64(300+i), nsim, c.d, w, mm(c.periods)), 0.03, 0.07)
	}
}

// Simulated MixedModel power against the closed forms.
func TestMixedModelPower(t *testing.T) {
	const nsim = 4000
	// C2 with unequal cluster sizes (gamma, CV .65). REML weights clusters
	// by their information, so its power follows van Breukelen et al.'s
	// relative efficiency (cpa.normal method "taylor", 0.760864), not
	// Eldridge's design effect (method "weighted", 0.725315), which is for
	// size-weighted cluster-level analyses and is conservative here;
	// methods.md's 300-rep lme4 run (0.7267, SE 0.026) cannot tell them apart.
	crt := Design{Kind: "cluster_rct", Clusters: 30, ClusterSize: 20, ClusterCV: 0.65}
	w := World{Effect: 3, SD: 9, ICC: 0.05, CAC: 1}
	vb := ClusterPowerTVIF(15, 20, VIFTaylor(20, 0.65, 0.05), 3, 9, 0.05)
	eld := ClusterPowerTVIF(15, 20, DesignEffectUnequal(20, 0.65, 0.05), 3, 9, 0.05)
	near(t, "C2 CV .65 van Breukelen closed form", vb, 0.760864, 1e-6)
	near(t, "C2 CV .65 Eldridge closed form", eld, 0.725315, 1e-6)
	res := simulate(401, nsim, crt, w, func(o []Obs) Estimate { return MixedModel(o, false) })
	checkPower(t, "C2 CV .65 MixedModel vs van Breukelen", res, vb)
	t.Logf("C2 CV .65 MixedModel %.4f is %+.2f MC SE from Eldridge %.6f", res.rate(),
		(res.rate()-eld)/math.Sqrt(eld*(1-eld)/nsim), eld)

	// C2 equal sizes with MixedModel too (τ̂² = 0 fits use n − 2 df).
	crt.ClusterCV = 0
	checkPower(t, "C2 equal sizes MixedModel", simulate(402, nsim, crt, w, func(o []Obs) Estimate { return MixedModel(o, false) }), 0.805658)

	// S2: HH case D. Satterthwaite df here are large (about 480: most of
	// the information is within clusters), so the t reference costs
	// nothing and the comparison is with HH's normal-reference power.
	// Over 60,000 further studies MixedModel's power here is 0.5779 ± 0.0020,
	// 0.3 points above HH: the REML plug-in SE runs about 1% low (see
	// TestMixedModelSteppedWedgeVariance) and the size is about 5.2%.
	X := SWDesign(20, 4, 1, 1)
	hh := HHPower(2, X, 0.95*81, 0.05*81, 10, 0.05)
	near(t, "S2 HH closed form", hh, 0.5746144, 1e-6)
	sw := Design{Kind: "stepped_wedge", Clusters: 20, Steps: 4, ClusterSize: 10}
	checkPower(t, "S2 stepped wedge MixedModel with periods", simulate(403, nsim, sw, World{Effect: 2, SD: 9, ICC: 0.05, CAC: 1},
		func(o []Obs) Estimate { return MixedModel(o, true) }), hh)
}

// BenchmarkMixedModelSteppedWedge times one fit of a 20-cluster, 5-period
// stepped wedge with 10 people per cluster-period (1,000 observations).
func BenchmarkMixedModelSteppedWedge(b *testing.B) {
	r := rand.New(rand.NewPCG(3, 4))
	d := Design{Kind: "stepped_wedge", Clusters: 20, Steps: 4, ClusterSize: 10}
	w := World{Effect: 2, SD: 9, ICC: 0.05, CAC: 1}
	studies := make([][]Obs, 16)
	for i := range studies {
		studies[i] = Generate(nil, r, d, w)
	}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if e := MixedModel(studies[i%len(studies)], true); !e.OK {
			b.Fatal("fit failed")
		}
	}
}

// Data sets for TestMixedModelAgainstLmerTest: {cluster, period, treated, y}.
var lmerDataA = [][4]float64{
	{0, 0, 0, -3.1}, {0, 0, 0, 5.5}, {0, 0, 0, -6.4}, {0, 0, 0, 0.3}, {1, 0, 0, 6.4},
	{1, 0, 0, -0.2}, {2, 0, 0, 1.9}, {2, 0, 0, -0.1}, {2, 0, 0, -8.7}, {3, 0, 0, 6.0},
	{3, 0, 0, -8.9}, {3, 0, 0, -4.5}, {3, 0, 0, -4.3}, {3, 0, 0, 15.4}, {3, 0, 0, -2.8},
	{4, 0, 1, 11.5}, {4, 0, 1, -2.3}, {4, 0, 1, 11.5}, {5, 0, 1, 1.6}, {5, 0, 1, 12.0},
	{5, 0, 1, 7.3}, {5, 0, 1, -2.5}, {5, 0, 1, -8.2}, {5, 0, 1, -6.3}, {5, 0, 1, -9.3},
	{5, 0, 1, 23.9}, {6, 0, 1, -1.3}, {6, 0, 1, -1.6}, {6, 0, 1, 18.2},
}

var lmerDataC = [][4]float64{
	{0, 0, 0, 0.4}, {0, 0, 0, -17.8}, {0, 0, 0, -1.8}, {0, 0, 0, -15.9}, {0, 0, 0, -9.9},
	{1, 0, 0, -9.7}, {1, 0, 0, -8.9}, {2, 0, 0, 9.9}, {2, 0, 0, -1.6}, {2, 0, 0, -11.2},
	{3, 0, 0, -4.5}, {3, 0, 0, -2.8}, {4, 0, 1, 7.6}, {4, 0, 1, -5.2}, {4, 0, 1, -0.9},
	{4, 0, 1, 8.9}, {5, 0, 1, 10.0}, {5, 0, 1, 6.1}, {5, 0, 1, 10.5}, {5, 0, 1, 3.9},
	{5, 0, 1, 11.6}, {5, 0, 1, 20.9}, {6, 0, 1, 15.3}, {6, 0, 1, 17.1},
}

var lmerDataB = [][4]float64{
	{0, 0, 0, -11.1}, {0, 0, 0, -5.4}, {0, 0, 0, 4.0}, {0, 1, 1, 9.5}, {0, 1, 1, -6.7},
	{0, 1, 1, -12.2}, {0, 2, 1, -7.5}, {0, 2, 1, 7.0}, {0, 2, 1, -18.0}, {0, 3, 1, 6.1},
	{0, 3, 1, -2.6}, {0, 3, 1, 4.5}, {1, 0, 0, 10.8}, {1, 0, 0, 7.0}, {1, 0, 0, 12.1},
	{1, 0, 0, 12.4}, {1, 0, 0, -1.7}, {1, 1, 1, 13.8}, {1, 1, 1, 3.0}, {1, 1, 1, 12.7},
	{1, 1, 1, 3.9}, {1, 1, 1, 15.0}, {1, 2, 1, 20.9}, {1, 2, 1, 10.6}, {1, 2, 1, 15.5},
	{1, 2, 1, 3.6}, {1, 2, 1, 18.8}, {1, 3, 1, -0.7}, {1, 3, 1, -6.8}, {1, 3, 1, -0.4},
	{1, 3, 1, 14.1}, {1, 3, 1, 1.0}, {2, 0, 0, 2.6}, {2, 1, 1, 3.6}, {2, 2, 1, 16.1},
	{2, 3, 1, 17.7}, {3, 0, 0, 10.3}, {3, 1, 0, -4.3}, {3, 2, 1, 1.2}, {3, 3, 1, 1.4},
	{4, 0, 0, 17.8}, {4, 1, 0, -8.4}, {4, 2, 1, -8.1}, {4, 3, 1, 5.4}, {5, 0, 0, 5.0},
	{5, 0, 0, 6.6}, {5, 0, 0, -2.9}, {5, 0, 0, -5.8}, {5, 0, 0, -15.1}, {5, 1, 0, 1.0},
	{5, 1, 0, -10.8}, {5, 1, 0, -9.1}, {5, 1, 0, -19.1}, {5, 1, 0, 1.9}, {5, 2, 0, -6.6},
	{5, 2, 0, 2.0}, {5, 2, 0, 8.8}, {5, 2, 0, 22.4}, {5, 2, 0, 5.8}, {5, 3, 1, 0.1},
	{5, 3, 1, 13.0}, {5, 3, 1, 2.5}, {5, 3, 1, -0.3}, {5, 3, 1, -3.9}, {6, 0, 0, 4.7},
	{6, 0, 0, 5.6}, {6, 0, 0, -5.3}, {6, 1, 0, 8.0}, {6, 1, 0, -23.8}, {6, 1, 0, 2.7},
	{6, 2, 0, 8.0}, {6, 2, 0, 8.5}, {6, 2, 0, 4.2}, {6, 3, 1, 0.0}, {6, 3, 1, 1.1},
	{6, 3, 1, 12.5},
}
