package study

import (
	"math"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/lapack/lapack64"
	"gonum.org/v1/gonum/mat"
)

// MixedModel fits the linear mixed model
//
//	Y = β₀ + θ·Treated [+ period effects] + b_cluster + e,
//	b ~ N(0, τ²), e ~ N(0, σ²),
//
// by restricted maximum likelihood (REML) and tests θ by a t test with
// Satterthwaite degrees of freedom. With periods, Period enters as a factor
// (one dummy per period after the first present), which is the Hussey &
// Hughes (2007) analysis of a stepped-wedge trial; without, it is the
// usual analysis of a parallel cluster-randomised trial. It is R's
// lmerTest::lmer(Y ~ Treated [+ factor(Period)] + (1 | Cluster)) with the
// default summary() (Kuznetsova, Brockhoff & Christensen 2017, J Stat Softw
// 82(13)), and cluster sizes may differ.
//
// Degrees of freedom (Satterthwaite 1946, as lmerTest): with φ = (σ², τ²),
// v(φ) = Var(θ̂) = [(XᵀV⁻¹X)⁻¹]_θθ and A the inverse of the observed REML
// information of φ (the negative Hessian of the REML log-likelihood, which
// lmerTest differentiates numerically and is computed here in closed form),
//
//	df = 2·v(φ̂)² / (∇vᵀ A ∇v),
//
// with ∇v in closed form too. If the observed information is not positive
// definite, the expected information is used instead. When the REML
// estimate of τ² is 0 (the boundary, where the formula does not apply)
// df = n − p, the residual df of the fit, p counting the fixed effects.
// In a balanced parallel trial this df is exactly K − 2 and the test is
// then identical to ClusterLevel's (when τ̂² > 0).
//
// Fitting: σ² is profiled out and REML is maximised over the single ratio
// γ = τ²/σ² ≥ 0 (see remlData and remlGamma), from per-cluster sums, so a
// fit of 1,000 observations in 20 clusters and 5 periods takes well under
// 0.1 ms. Estimates, SE, df and p agree with lmerTest to the precision of
// lmer's optimiser (about 1e-7; see TestMixedModelAgainstLmerTest).
//
// OK is false if the data cannot support the fit: negative Cluster or
// Period, non-finite Y, Treated not separable from the intercept and
// periods, n ≤ p, or no REML optimum.
func MixedModel(obs []Obs, periods bool) Estimate {
	f, ok := fitMixed(obs, periods)
	if !ok {
		return Estimate{}
	}
	return tEstimate(f.effect, math.Sqrt(f.varEffect), f.df)
}

// mixedFit is the full result of fitMixed, kept for tests and diagnostics.
type mixedFit struct {
	effect, varEffect float64 // θ̂ and its estimated variance
	sigma2, tau2      float64 // REML variance components
	df                float64 // Satterthwaite df (n − p at τ̂² = 0)
	n, p, k           int     // people, fixed effects, clusters with data
}

// remlData holds the sufficient statistics of the random-intercept model.
// Because V_i = σ²(I + γJ) with γ = τ²/σ² has the closed-form inverse
// σ⁻²(I − c_i J), c_i = γ/(1 + n_iγ) (Sherman–Morrison), and
// |V_i| = σ^{2n_i}(1 + n_iγ), every REML quantity reduces to the global
// XᵀX, Xᵀy, yᵀy and, per cluster, n_i, s_i = X_iᵀ1 and t_i = 1ᵀy_i: a fit
// never forms an n × n matrix and each likelihood evaluation costs
// O(K·p² + p³).
type remlData struct {
	n, p, k int
	ni      []float64 // people per cluster
	s       []float64 // k × p column sums per cluster
	t       []float64 // sum of shifted y per cluster
	xtx     []float64 // p × p
	xty     []float64 // p
	yty     float64   // yᵀy (y shifted by a constant, which the intercept absorbs, for accuracy)

	// Workspace left by eval at its last γ.
	mfac []float64 // Cholesky factor (upper) of M = XᵀH⁻¹X
	minv []float64 // M⁻¹ (upper triangle valid)
	b    []float64 // XᵀH⁻¹y
	beta []float64 // GLS β̂
	rss  float64   // (y − Xβ̂)ᵀH⁻¹(y − Xβ̂)
}

// treatedCol is the column of Treated in the fixed-effects design: 0 is the
// intercept, 2.. are period dummies.
const treatedCol = 1

// newREMLData collects the sufficient statistics; ok is false for invalid
// input. Each person only increments a count and a sum in their
// (cluster, period, arm) cell, from which the cross-products follow, so
// the pass over the data is cheap.
func newREMLData(obs []Obs, periods bool) (*remlData, bool) {
	if len(obs) == 0 {
		return nil, false
	}
	maxc, maxp := -1, 0
	for _, o := range obs {
		if o.Cluster < 0 || o.Period < 0 || math.IsNaN(o.Y) || math.IsInf(o.Y, 0) {
			return nil, false
		}
		maxc = max(maxc, o.Cluster)
		if periods {
			maxp = max(maxp, o.Period)
		}
	}
	nper := maxp + 1
	cells := make([]float64, (maxc+1)*nper*2) // counts by (cluster, period, treated)
	ysum := make([]float64, nper*2)           // sums of y by (period, treated)
	tc := make([]float64, maxc+1)             // sums of y by cluster
	shift := obs[0].Y
	var yty float64
	for _, o := range obs {
		per, tr := 0, 0
		if periods {
			per = o.Period
		}
		if o.Treated {
			tr = 1
		}
		y := o.Y - shift
		cells[(o.Cluster*nper+per)*2+tr]++
		ysum[per*2+tr] += y
		tc[o.Cluster] += y
		yty += y * y
	}
	// Period dummies: the first period present is the reference.
	pcol := make([]int, nper)
	p := 2
	first := true
	for per := range pcol {
		pcol[per] = -1
		if periodCount(cells, nper, per, 0, 1) == 0 {
			continue
		}
		if first {
			first = false
			continue
		}
		pcol[per] = p
		p++
	}
	d := &remlData{
		n: len(obs), p: p, yty: yty,
		xtx:  make([]float64, p*p),
		xty:  make([]float64, p),
		mfac: make([]float64, p*p),
		minv: make([]float64, p*p),
		b:    make([]float64, p),
		beta: make([]float64, p),
	}
	// cols lists the design columns of a (period, treated) cell.
	cols := func(per, tr int, buf *[3]int) []int {
		c := buf[:1]
		c[0] = 0
		if tr == 1 {
			c = append(c, treatedCol)
		}
		if pcol[per] >= 0 {
			c = append(c, pcol[per])
		}
		return c
	}
	var buf [3]int
	for c := 0; c <= maxc; c++ {
		var si []float64
		for per := 0; per < nper; per++ {
			for tr := 0; tr < 2; tr++ {
				m := cells[(c*nper+per)*2+tr]
				if m == 0 {
					continue
				}
				if si == nil {
					d.ni = append(d.ni, 0)
					d.t = append(d.t, tc[c])
					d.s = append(d.s, make([]float64, p)...)
					si = d.s[len(d.s)-p:]
				}
				d.ni[len(d.ni)-1] += m
				for _, j := range cols(per, tr, &buf) {
					si[j] += m
				}
			}
		}
	}
	d.k = len(d.ni)
	for per := 0; per < nper; per++ {
		for tr := 0; tr < 2; tr++ {
			m := periodCount(cells, nper, per, tr)
			if m == 0 {
				continue
			}
			cs := cols(per, tr, &buf)
			for _, j := range cs {
				d.xty[j] += ysum[per*2+tr]
				for _, l := range cs {
					d.xtx[j*p+l] += m
				}
			}
		}
	}
	return d, true
}

// periodCount returns the number of people in period per, summed over
// clusters and over the arms trs (0 control, 1 treated), from the
// (cluster, period, treated) cell counts.
func periodCount(cells []float64, nper, per int, trs ...int) float64 {
	var m float64
	for c := 0; c < len(cells)/(2*nper); c++ {
		for _, tr := range trs {
			m += cells[(c*nper+per)*2+tr]
		}
	}
	return m
}

// eval evaluates the profiled REML criterion at variance ratio γ ≥ 0,
//
//	f(γ) = (n − p)·log RSS(γ) + Σ log(1 + n_iγ) + log|M|,
//
// (−2 × the REML log-likelihood with σ² profiled out, up to a constant;
// H = V/σ², M = XᵀH⁻¹X, RSS = (y − Xβ̂)ᵀH⁻¹(y − Xβ̂)), and its derivative
//
//	f′(γ) = (n − p)·RSS′/RSS + Σ n_i/(1 + n_iγ) − Σ s_iᵀM⁻¹s_i/(1 + n_iγ)²,
//	RSS′ = −Σ R_i²/(1 + n_iγ)²,
//
// R_i being the cluster sum of GLS residuals. It leaves M's Cholesky
// factor, M⁻¹, β̂ and RSS in the workspace. The p × p algebra is LAPACK's
// (gonum lapack64) on raw storage, which avoids the condition-number
// estimate mat.Cholesky makes at every factorisation.
func (d *remlData) eval(gamma float64) (f, df float64, ok bool) {
	p := d.p
	m := d.mfac
	copy(m, d.xtx)
	b := d.b
	copy(b, d.xty)
	q := d.yty
	var logdetH, sumN float64
	for i, n := range d.ni {
		c := gamma / (1 + n*gamma)
		si := d.s[i*p : (i+1)*p]
		ti := d.t[i]
		for j := 0; j < p; j++ {
			if si[j] == 0 {
				continue
			}
			csj := c * si[j]
			b[j] -= csj * ti
			row := m[j*p : (j+1)*p]
			for l := j; l < p; l++ {
				row[l] -= csj * si[l]
			}
		}
		q -= c * ti * ti
		logdetH += math.Log1p(n * gamma)
		sumN += n / (1 + n*gamma)
	}
	tri, ok := lapack64.Potrf(blas64.Symmetric{Uplo: blas.Upper, N: p, Stride: p, Data: m})
	if !ok {
		return math.NaN(), math.NaN(), false
	}
	beta := d.beta
	copy(beta, b)
	lapack64.Potrs(tri, blas64.General{Rows: p, Cols: 1, Stride: 1, Data: beta})
	rss := q - blas64.Dot(blas64.Vector{N: p, Inc: 1, Data: b}, blas64.Vector{N: p, Inc: 1, Data: beta})
	if !(rss > 0) {
		return math.NaN(), math.NaN(), false
	}
	d.rss = rss
	var logdetM float64
	for j := 0; j < p; j++ {
		logdetM += 2 * math.Log(m[j*p+j])
	}
	minv := d.minv
	copy(minv, m)
	if _, ok := lapack64.Potri(blas64.Triangular{Uplo: blas.Upper, Diag: blas.NonUnit, N: p, Stride: p, Data: minv}); !ok {
		return math.NaN(), math.NaN(), false
	}
	var drss, trace float64
	for i, n := range d.ni {
		h := 1 / (1 + n*gamma)
		si := d.s[i*p : (i+1)*p]
		ri := d.t[i]
		var quad float64
		for j := 0; j < p; j++ {
			if si[j] == 0 {
				continue
			}
			ri -= si[j] * beta[j]
			row := minv[j*p:]
			acc := row[j] * si[j]
			for l := j + 1; l < p; l++ {
				acc += 2 * row[l] * si[l]
			}
			quad += si[j] * acc
		}
		drss -= ri * ri * h * h
		trace += quad * h * h
	}
	nmp := float64(d.n - p)
	f = nmp*math.Log(rss) + logdetH + logdetM
	df = nmp*drss/rss + sumN - trace
	return f, df, true
}

// remlGamma returns the REML estimate of γ = τ²/σ² ≥ 0. It scans f on a
// log grid of n̄γ from e⁻⁷ to e⁷ in steps of e² (n̄ the mean cluster size,
// so the grid spans ICCs from about 0.001 to 0.999 whatever the cluster
// size) plus
// γ = 0, takes every sign change of f′ from − to + as a local minimum,
// locates it with Brent's root finder on f′, and returns the candidate
// (including the boundary γ = 0 when f′(0) ≥ 0) with the lowest f. The
// grid guards against the rare multimodal REML surface; the analytic f′
// makes the refinement exact to rounding. (gonum/optimize has no bounded
// 1-D minimiser, hence the root of f′ by the package's brentRoot.)
func (d *remlData) remlGamma() (float64, bool) {
	mbar := float64(d.n) / float64(d.k)
	const lo, hi, hiMax, step = -7, 7, 25, 2
	g := make([]float64, 0, 2+hiMax-lo)
	fs := make([]float64, 0, cap(g))
	ds := make([]float64, 0, cap(g))
	push := func(gamma float64) {
		f, df, ok := d.eval(gamma)
		if !ok {
			f, df = math.Inf(1), math.NaN()
		}
		g, fs, ds = append(g, gamma), append(fs, f), append(ds, df)
	}
	push(0)
	if math.IsInf(fs[0], 1) {
		return 0, false
	}
	for u := lo; u <= hi; u += step {
		push(math.Exp(float64(u)) / mbar)
	}
	// A profile still falling at the top of the grid: extend it, since
	// nearly all the variance may lie between clusters.
	for u := hi + step; u <= hiMax && ds[len(ds)-1] < 0; u += step {
		push(math.Exp(float64(u)) / mbar)
	}
	best, bestF := math.NaN(), math.Inf(1)
	if ds[0] >= 0 {
		best, bestF = 0, fs[0]
	}
	deriv := func(gamma float64) float64 {
		_, df, ok := d.eval(gamma)
		if !ok {
			return math.NaN()
		}
		return df
	}
	for j := 1; j < len(g); j++ {
		if !(ds[j-1] < 0 && ds[j] >= 0) {
			continue
		}
		root := g[j]
		if ds[j] > 0 {
			root = brentRoot(deriv, g[j-1], g[j], 1e-12*g[j])
		}
		if math.IsNaN(root) {
			continue
		}
		if f, _, ok := d.eval(root); ok && f < bestF {
			best, bestF = root, f
		}
	}
	if math.IsNaN(best) {
		return 0, false
	}
	return best, true
}

// fitMixed fits the model of MixedModel.
func fitMixed(obs []Obs, periods bool) (mixedFit, bool) {
	d, ok := newREMLData(obs, periods)
	if !ok || d.n <= d.p {
		return mixedFit{}, false
	}
	// Treated must be separable from the intercept and the periods.
	var chol mat.Cholesky
	if !chol.Factorize(mat.NewSymDense(d.p, append([]float64(nil), d.xtx...))) || chol.Cond() > 1e12 {
		return mixedFit{}, false
	}
	gamma, ok := d.remlGamma()
	if !ok {
		return mixedFit{}, false
	}
	if _, _, ok := d.eval(gamma); !ok {
		return mixedFit{}, false
	}
	sigma2 := d.rss / float64(d.n-d.p)
	fit := mixedFit{
		effect:    d.beta[treatedCol],
		varEffect: sigma2 * d.minv[treatedCol*d.p+treatedCol],
		sigma2:    sigma2,
		tau2:      gamma * sigma2,
		df:        float64(d.n - d.p),
		n:         d.n, p: d.p, k: d.k,
	}
	if gamma > 0 {
		fit.df = d.satterthwaite(gamma, sigma2)
		if !(fit.df > 0) {
			return mixedFit{}, false
		}
	}
	return fit, true
}

// satterthwaite returns the Satterthwaite df of θ̂ at the REML estimate
// (σ², τ² = γσ²); d's workspace must hold eval(γ). With W = V⁻¹,
// P = W − WX(XᵀWX)⁻¹XᵀW, V_σ = I and V_τ = ZZᵀ (blocks J):
//
//	expected information  E_ab = ½ tr(P V_a P V_b),
//	observed information  O_ab = yᵀP V_a P V_b P y − E_ab,
//	gradient              ∂v/∂φ_a = mᵀ(XᵀW V_a W X)m, m = (XᵀWX)⁻¹e_θ,
//
// (the REML score and Hessian of a covariance linear in its parameters;
// e.g. Searle, Casella & McCulloch 1992, ch. 6). Per cluster every product
// of W_i = σ⁻²(I − cJ) and J is αI + βJ, and J² = n_iJ, so each trace and
// quadratic form is a cluster sum of the sufficient statistics.
func (d *remlData) satterthwaite(gamma, sigma2 float64) float64 {
	p := d.p
	w0 := 1 / sigma2
	w2, w3 := w0*w0, w0*w0*w0
	beta := d.beta

	// muinv = (XᵀV⁻¹X)⁻¹ = σ²M⁻¹, filled from M⁻¹'s upper triangle.
	muinv := mat.NewSymDense(p, nil)
	for j := 0; j < p; j++ {
		for l := j; l < p; l++ {
			muinv.SetSym(j, l, sigma2*d.minv[j*p+l])
		}
	}
	gI := make([]float64, p*p)   // XᵀW I W X
	gJ := make([]float64, p*p)   // XᵀW J W X
	fII := make([]float64, p*p)  // XᵀW I W I W X
	fIJ := make([]float64, p*p)  // XᵀW I W J W X (= XᵀW J W I W X)
	fJJ := make([]float64, p*p)  // XᵀW J W J W X
	zI := make([]float64, p)     // XᵀW I P y
	zJ := make([]float64, p)     // XᵀW J P y
	var trII, trIJ, trJJ float64 // tr(W V_a W V_b)
	var qII, qIJ, qJJ float64    // yᵀP V_a W V_b P y

	// Global parts: the I coefficient of a product of k W's is σ⁻²ᵏ.
	rr := d.yty // rᵀr, r = y − Xβ̂
	for j := 0; j < p; j++ {
		xr := d.xty[j] // (Xᵀr)_j
		for l := 0; l < p; l++ {
			xr -= d.xtx[j*p+l] * beta[l]
			gI[j*p+l] = w2 * d.xtx[j*p+l]
			fII[j*p+l] = w3 * d.xtx[j*p+l]
		}
		rr -= beta[j] * (d.xty[j] + xr)
		zI[j] = w2 * xr
	}
	qII = w3 * rr

	for i, n := range d.ni {
		c := gamma / (1 + n*gamma)
		h := 1 / (1 + n*gamma)           // 1 − n c
		e := n*c*c - 2*c                 // (I − cJ)² = I + eJ
		b3 := -3*c + 3*n*c*c - n*n*c*c*c // (I − cJ)³ = I + b3·J
		h2, h3 := h*h, h*h*h
		si := d.s[i*p : (i+1)*p]
		ri := d.t[i]
		for j, s := range si {
			ri -= s * beta[j]
		}
		trII += n * (1 + e)
		trIJ += n * h2
		trJJ += n * n * h2
		qII += w3 * b3 * ri * ri
		qIJ += w3 * h3 * ri * ri
		qJJ += w3 * n * h3 * ri * ri
		for j := 0; j < p; j++ {
			if si[j] == 0 {
				continue
			}
			zI[j] += w2 * e * ri * si[j]
			zJ[j] += w2 * h2 * ri * si[j]
			for l := 0; l < p; l++ {
				ss := si[j] * si[l]
				gI[j*p+l] += w2 * e * ss
				gJ[j*p+l] += w2 * h2 * ss
				fII[j*p+l] += w3 * b3 * ss
				fIJ[j*p+l] += w3 * h3 * ss
				fJJ[j*p+l] += w3 * n * h3 * ss
			}
		}
	}
	trII *= w2
	trIJ *= w2
	trJJ *= w2

	// E_ab = ½[tr(W V_a W V_b) − 2 tr(Muinv F_ab) + tr(Muinv G_a Muinv G_b)].
	var pI, pJ mat.Dense
	pI.Mul(muinv, mat.NewDense(p, p, gI))
	pJ.Mul(muinv, mat.NewDense(p, p, gJ))
	trProd := func(a, b mat.Matrix) float64 { // tr(AB)
		var s float64
		for j := 0; j < p; j++ {
			for l := 0; l < p; l++ {
				s += a.At(j, l) * b.At(l, j)
			}
		}
		return s
	}
	expected := func(tr float64, f []float64, pa, pb *mat.Dense) float64 {
		return 0.5 * (tr - 2*trProd(muinv, mat.NewDense(p, p, f)) + trProd(pa, pb))
	}
	eII := expected(trII, fII, &pI, &pI)
	eIJ := expected(trIJ, fIJ, &pI, &pJ)
	eJJ := expected(trJJ, fJJ, &pJ, &pJ)

	quad := func(a, b []float64) float64 { // aᵀ Muinv b
		return mat.Inner(mat.NewVecDense(p, a), muinv, mat.NewVecDense(p, b))
	}
	oII := qII - quad(zI, zI) - eII
	oIJ := qIJ - quad(zI, zJ) - eIJ
	oJJ := qJJ - quad(zJ, zJ) - eJJ

	// Gradient of v = Var(θ̂) with respect to (σ², τ²).
	m := mat.NewVecDense(p, mat.Col(nil, treatedCol, muinv))
	v := m.AtVec(treatedCol)
	gs := mat.Inner(m, mat.NewDense(p, p, gI), m)
	gt := mat.Inner(m, mat.NewDense(p, p, gJ), m)

	quadInv := func(a, b, c float64) float64 { // gᵀ [a b; b c]⁻¹ g
		det := a*c - b*b
		if !(a > 0 && det > 0) {
			return math.NaN()
		}
		return (c*gs*gs - 2*b*gs*gt + a*gt*gt) / det
	}
	den := quadInv(oII, oIJ, oJJ)
	if !(den > 0) {
		den = quadInv(eII, eIJ, eJJ)
	}
	return 2 * v * v / den
}
