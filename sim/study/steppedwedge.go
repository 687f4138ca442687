package study

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// SWDesign returns the I × T treatment indicator matrix X (X[i][j] = 1 if
// cluster i is under the intervention in period j) of a standard stepped-
// wedge design: I clusters, S steps with I/S clusters crossing over at each
// step, b baseline periods before the first step and t periods between
// steps, so T = b + S·t. This is sw_design of methods.md §2.3; b = 1,
// t = 1 gives the classic Hussey & Hughes (2007) layout, e.g.
// swCRTdesign::swDsn(c(6, 6, 6, 6)) for I = 24, S = 4.
//
// It panics if I, S, b or t is not positive or S does not divide I.
func SWDesign(I, S, b, t int) [][]float64 {
	if I <= 0 || S <= 0 || b <= 0 || t <= 0 || I%S != 0 {
		panic(fmt.Sprintf("study: SWDesign(I=%d, S=%d, b=%d, t=%d): need positive arguments and S dividing I", I, S, b, t))
	}
	per := I / S
	T := b + S*t
	X := make([][]float64, I)
	for i := range X {
		X[i] = make([]float64, T)
		step := i / per // 0-based step at which cluster i crosses over
		for j := b + step*t; j < T; j++ {
			X[i][j] = 1
		}
	}
	return X
}

// HHVar returns the variance of the treatment-effect estimator of a
// stepped-wedge (or any cross-sectional cluster) design with 0/1 design
// matrix X (I clusters × T periods, fixed period effects, random cluster
// intercept with variance tau2, residual variance sigmaE2, n individuals per
// cluster-period), by the closed form of Hussey & Hughes (2007, Contemp Clin
// Trials 28:182):
//
//	Var(θ̂) = Iσ²(σ² + Tτ²) / [(IU − W)σ² + (U² + ITU − TW − IV)τ²],
//
// σ² = sigmaE2/n, U = ΣX_ij, W = Σ_j(Σ_i X_ij)², V = Σ_i(Σ_j X_ij)².
// Every cluster-period must be observed with the same n; use GLSVar
// otherwise. For binary outcomes see HHBinomial.
func HHVar(X [][]float64, sigmaE2, tau2, n float64) float64 {
	I := float64(len(X))
	T := float64(len(X[0]))
	s2 := sigmaE2 / n
	var U, W, V float64
	col := make([]float64, len(X[0]))
	for _, row := range X {
		r := 0.0
		for j, x := range row {
			U += x
			r += x
			col[j] += x
		}
		V += r * r
	}
	for _, c := range col {
		W += c * c
	}
	return I * s2 * (s2 + T*tau2) / ((I*U-W)*s2 + (U*U+I*T*U-T*W-I*V)*tau2)
}

// HHPower returns the power of the Wald test of a stepped-wedge design,
// Φ(|θ|/√Var(θ̂) − z₁₋α/₂) with Var(θ̂) = HHVar(X, sigmaE2, tau2, n)
// (Hussey & Hughes 2007). Only the tail on the side of the effect is
// counted, as in HH; swCRTdesign::swPwr adds the other tail, which is
// WaldPowerZ(theta, HHVar(...), alpha, true).
func HHPower(theta float64, X [][]float64, sigmaE2, tau2, n, alpha float64) float64 {
	return WaldPowerZ(theta, HHVar(X, sigmaE2, tau2, n), alpha, false)
}

// HHBinomial returns the Hussey & Hughes / swCRTdesign::swPwr
// ("binomial") inputs for proportions p0 (control) and p1 (intervention):
// residual variance σ_e² = p̄(1 − p̄) with p̄ = (p0 + p1)/2, and effect
// θ = p1 − p0. The between-cluster SD τ is supplied separately (often
// τ = CV × p0).
func HHBinomial(p0, p1 float64) (sigmaE2, theta float64) {
	pbar := (p0 + p1) / 2
	return pbar * (1 - pbar), p1 - p0
}

// ErrNotEstimable is returned by GLSVar when the design does not identify
// the treatment effect (e.g. no treated cells, a period with no
// observations, or treatment confounded with period).
var ErrNotEstimable = errors.New("study: treatment effect not estimable from this design")

// GLSVar returns Var(θ̂) for any 0/1 cross-sectional cluster design by
// generalised least squares on cluster-period means (Hussey & Hughes 2007,
// §2; the computation swCRTdesign::swPwr performs):
//
//	Var(θ̂) = [(Σ_i Z_iᵀ V_i⁻¹ Z_i)⁻¹]_θθ,  Z_i = [I_T | X_i],
//	V_i = τ²𝟙𝟙ᵀ + diag(σ_e²/n_ij).
//
// nij[i][j] is the number of individuals in cluster i, period j; a zero
// marks an unobserved cell (incomplete designs), whose row is dropped.
// With all n_ij = n it equals HHVar to rounding.
func GLSVar(X [][]float64, sigmaE2, tau2 float64, nij [][]float64) (float64, error) {
	return glsVar(X, sigmaE2, tau2, 0, nij)
}

// GLSVarCAC is GLSVar with a cluster autocorrelation cac in (0, 1]: the
// between-cluster variance tau2 of a cluster-period mean is split into a
// cluster effect cac·tau2 shared by all periods and a cluster-period effect
// (1 − cac)·tau2 (Hooper, Teerenstra, de Hoop & Eldridge 2016, Stat Med
// 35:4718; swPwr's tau/gamma parameterisation with CAC = τ²/(τ² + γ²)):
//
//	V_i = cac·τ²𝟙𝟙ᵀ + (1 − cac)·τ²·I_T + diag(σ_e²/n_ij).
//
// cac = 1 gives GLSVar. Lower CAC usually reduces stepped-wedge power.
func GLSVarCAC(X [][]float64, sigmaE2, tau2, cac float64, nij [][]float64) (float64, error) {
	if !(cac >= 0 && cac <= 1) {
		return math.NaN(), fmt.Errorf("study: cac = %v outside [0, 1]", cac)
	}
	return glsVar(X, sigmaE2, cac*tau2, (1-cac)*tau2, nij)
}

func glsVar(X [][]float64, sigmaE2, tau2, gamma2 float64, nij [][]float64) (float64, error) {
	I := len(X)
	if I == 0 || len(nij) != I {
		return math.NaN(), fmt.Errorf("study: GLSVar: X has %d rows, nij %d", I, len(nij))
	}
	T := len(X[0])
	p := T + 1
	info := mat.NewSymDense(p, nil)
	for i := 0; i < I; i++ {
		if len(X[i]) != T || len(nij[i]) != T {
			return math.NaN(), fmt.Errorf("study: GLSVar: row %d has wrong length", i)
		}
		var obs []int
		for j := 0; j < T; j++ {
			if nij[i][j] < 0 {
				return math.NaN(), fmt.Errorf("study: GLSVar: negative n[%d][%d]", i, j)
			}
			if nij[i][j] > 0 {
				obs = append(obs, j)
			}
		}
		q := len(obs)
		if q == 0 {
			continue
		}
		V := mat.NewSymDense(q, nil)
		for a, ja := range obs {
			for c := a; c < q; c++ {
				v := tau2
				if c == a {
					v += gamma2 + sigmaE2/nij[i][ja]
				}
				V.SetSym(a, c, v)
			}
		}
		var chol mat.Cholesky
		if !chol.Factorize(V) {
			return math.NaN(), fmt.Errorf("study: GLSVar: covariance of cluster %d not positive definite", i)
		}
		Z := mat.NewDense(q, p, nil)
		for a, j := range obs {
			Z.Set(a, j, 1)
			Z.Set(a, T, X[i][j])
		}
		var VinvZ mat.Dense
		if err := chol.SolveTo(&VinvZ, Z); err != nil {
			return math.NaN(), err
		}
		var contrib mat.Dense
		contrib.Mul(Z.T(), &VinvZ)
		for r := 0; r < p; r++ {
			for c := r; c < p; c++ {
				info.SetSym(r, c, info.At(r, c)+contrib.At(r, c))
			}
		}
	}
	var chol mat.Cholesky
	if !chol.Factorize(info) || chol.Cond() > 1e12 {
		return math.NaN(), ErrNotEstimable
	}
	var cov mat.SymDense
	if err := chol.InverseTo(&cov); err != nil {
		return math.NaN(), ErrNotEstimable
	}
	return cov.At(T, T), nil
}

// ConstantN returns an I × T matrix filled with n, the nij argument of
// GLSVar for a complete design with equal cluster-period sizes.
func ConstantN(I, T int, n float64) [][]float64 {
	out := make([][]float64, I)
	for i := range out {
		out[i] = make([]float64, T)
		for j := range out[i] {
			out[i][j] = n
		}
	}
	return out
}

// WoertmanDE returns the stepped-wedge design effect of Woertman et al.
// (2013, J Clin Epidemiol 66:752), in the corrected form used by SWSamp's
// DE.woert and methods.md §2.3:
//
//	DE = (1 + ρ(ktn + bn − 1)) / (1 + ρ(ktn/2 + bn − 1)) · 3(1 − ρ)/(2t(k − 1/k)),
//
// for k steps, b baseline measurements, t measurements per step, n subjects
// per cluster per measurement and ICC ρ. Multiply an individually
// randomised total sample size by DE to get the number of subjects per
// measurement wave (I·n); the total number of observations is I·n·(b + kt).
// It applies only to standard balanced designs (equal clusters per step).
func WoertmanDE(k, b, t int, n, rho float64) float64 {
	kf, bf, tf := float64(k), float64(b), float64(t)
	return (1 + rho*(kf*tf*n+bf*n-1)) / (1 + rho*(0.5*kf*tf*n+bf*n-1)) *
		3 * (1 - rho) / (2 * tf * (kf - 1/kf))
}
