package study

import (
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/stat/distuv"
)

// World is the parametric data-generating model: the normal
// random-effects model behind the closed-form power formulas of this
// package, so that simulated power can be checked against them and then
// pushed where they do not reach (unequal clusters, attrition, secular
// trends, small numbers of clusters).
type World struct {
	Effect                 float64 // true effect of the intervention on the follow-up outcome (outcome units)
	SD                     float64 // total SD of the outcome (between-cluster + within)
	ICC                    float64 // intracluster correlation of the outcome: tau^2/SD^2
	CAC                    float64 // cluster autocorrelation between periods (1 = cluster effect constant over time, as Hussey & Hughes); cluster-period effect = sqrt(CAC)*cluster + sqrt(1-CAC)*cluster-period part, both scaled to tau
	Rho                    float64 // individual correlation between baseline and follow-up (within-person), used by designs with a baseline
	Secular                float64 // change in the mean outcome from baseline to follow-up without any intervention (per period for stepped wedge), outcome units
	Attrition              float64 // probability a person's follow-up is missing (they are dropped from every analysis)
	AttritionTreatedExtra  float64 // added attrition probability in the treated arm/group (differential attrition, may be negative)
	AttritionDeprivedExtra float64 // added attrition probability for people in IMD quintiles 1-2 (abm mode: the parametric world has no deprivation)
	MeasurementSD          float64 // SD of independent measurement error added to every measurement (baseline and follow-up), outcome units
}

// Design is the study design and its size.
type Design struct {
	Kind        string  // "rct", "cluster_rct", "stepped_wedge", "before_after", "controlled_before_after"
	PerArm      int     // rct: people per arm; before_after: people
	Clusters    int     // cluster_rct and controlled_before_after: clusters in total, half per arm (odd: extra cluster to control); stepped_wedge: clusters in total
	ClusterSize float64 // mean people per cluster (cluster_rct, CBA) or per cluster-period (stepped wedge)
	ClusterCV   float64 // CV of cluster sizes (0 = equal); sizes drawn gamma with that CV, at least 1 person
	Steps       int     // stepped wedge: number of steps; clusters split equally across steps (remainder spread over the first steps); periods = Steps+1 with one all-control baseline period (SWDesign(I,S,1,1) layout)
}

// Design kinds.
const (
	kindRCT          = "rct"
	kindClusterRCT   = "cluster_rct"
	kindSteppedWedge = "stepped_wedge"
	kindBeforeAfter  = "before_after"
	kindCBA          = "controlled_before_after"
)

// Validate reports whether the design can be simulated and analysed: a
// known Kind and at least the minimum sizes its analyses need (two people
// per arm for a t test; two clusters per arm for a cluster-level t test;
// two steps so that treatment is not confounded with period).
func (d Design) Validate() error {
	clusterSize := func() error {
		if !(d.ClusterSize >= 1) || math.IsInf(d.ClusterSize, 1) {
			return fmt.Errorf("study: %s design needs ClusterSize ≥ 1, got %v", d.Kind, d.ClusterSize)
		}
		if !(d.ClusterCV >= 0) || math.IsInf(d.ClusterCV, 1) {
			return fmt.Errorf("study: %s design needs a finite ClusterCV ≥ 0, got %v", d.Kind, d.ClusterCV)
		}
		return nil
	}
	switch d.Kind {
	case kindRCT:
		if d.PerArm < 2 {
			return fmt.Errorf("study: rct design needs PerArm ≥ 2 people per arm, got %d", d.PerArm)
		}
	case kindBeforeAfter:
		if d.PerArm < 2 {
			return fmt.Errorf("study: before_after design needs PerArm ≥ 2 people, got %d", d.PerArm)
		}
	case kindClusterRCT, kindCBA:
		if d.Clusters < 4 {
			return fmt.Errorf("study: %s design needs Clusters ≥ 4 (two per arm), got %d", d.Kind, d.Clusters)
		}
		return clusterSize()
	case kindSteppedWedge:
		if d.Steps < 2 {
			return fmt.Errorf("study: stepped_wedge design needs Steps ≥ 2, got %d", d.Steps)
		}
		if d.Clusters < d.Steps {
			return fmt.Errorf("study: stepped_wedge design needs Clusters ≥ Steps (at least one cluster per step), got %d clusters for %d steps", d.Clusters, d.Steps)
		}
		return clusterSize()
	default:
		return fmt.Errorf("study: unknown design kind %q (want rct, cluster_rct, stepped_wedge, before_after or controlled_before_after)", d.Kind)
	}
	return nil
}

// validate reports whether w is a possible world.
func (w World) validate() error {
	finite := func(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }
	switch {
	case !finite(w.Effect) || !finite(w.Secular):
		return fmt.Errorf("study: World Effect and Secular must be finite, got %v, %v", w.Effect, w.Secular)
	case !(w.SD >= 0) || !finite(w.SD):
		return fmt.Errorf("study: World SD must be finite and ≥ 0, got %v", w.SD)
	case !(w.ICC >= 0 && w.ICC <= 1):
		return fmt.Errorf("study: World ICC must be in [0, 1], got %v", w.ICC)
	case !(w.CAC >= 0 && w.CAC <= 1):
		return fmt.Errorf("study: World CAC must be in [0, 1], got %v", w.CAC)
	case !(w.Rho >= -1 && w.Rho <= 1):
		return fmt.Errorf("study: World Rho must be in [-1, 1], got %v", w.Rho)
	case !(w.Attrition >= 0 && w.Attrition <= 1) || !finite(w.AttritionTreatedExtra):
		return fmt.Errorf("study: World Attrition must be in [0, 1] (and AttritionTreatedExtra finite), got %v, %v", w.Attrition, w.AttritionTreatedExtra)
	}
	return nil
}

// Generate appends one simulated study's observations to dst (reusing its
// capacity: pass buf[:0] to overwrite a buffer) and returns it. r is the
// only source of randomness, so a fixed seed reproduces the study.
//
// The outcome model, with τ² = ICC·SD² and σ_e² = (1 − ICC)·SD², is
//
//	Y = u_c(t) + e + Secular·t + Effect·Treated,
//	u_c(t) = τ(√CAC·a_c + √(1 − CAC)·g_ct),  a_c, g_ct ~ N(0, 1) independent,
//
// the overall mean being 0 (it is arbitrary): a cluster effect that keeps
// the correlation CAC between any two periods (CAC = 1 is Hussey & Hughes'
// constant cluster effect), an individual deviation e ~ N(0, σ_e²), a
// secular change and the intervention effect. With a baseline (rct,
// cluster_rct, before_after, controlled_before_after) the same person is
// measured twice, at t = 0 (Base) and t = 1 (Y):
//
//	Base = u_c(0) + σ_e z₀,   Y = u_c(1) + σ_e(Rho·z₀ + √(1 − Rho²)·z₁) + Secular + Effect·Treated,
//
// so Rho is the within-person correlation of the individual parts and CAC
// the correlation of the cluster parts. Per design:
//
//   - rct: PerArm control then PerArm treated people, Cluster 0, ICC
//     ignored (σ_e = SD).
//   - cluster_rct and controlled_before_after: Clusters clusters, the first
//     ⌈K/2⌉ control and the remaining ⌊K/2⌋ treated, sizes drawn as below.
//     The two are generated alike: in this world the groups differ only by
//     the intervention, so a CBA's non-random allocation adds no bias here.
//   - stepped_wedge: cross-sectional, different people in each of the
//     Steps + 1 periods (Base NaN, Period = t); clusters are split across
//     steps in order, the first Clusters mod Steps steps taking one extra,
//     and a cluster crossing at step s (0-based) is treated from period
//     s + 1. A cluster's size is drawn once and used in every period.
//   - before_after: PerArm people, Cluster 0, all Treated, ICC ignored, so
//     Y − Base has mean Effect + Secular: the design cannot separate the
//     two, which is its bias when Secular ≠ 0.
//
// Cluster sizes: with ClusterCV = 0 every cluster has round(ClusterSize)
// people; otherwise each size is a gamma draw with mean ClusterSize and
// that CV (shape 1/CV²), rounded to the nearest integer and at least 1,
// as in the simulations behind Eldridge et al. (2006).
//
// Attrition: each person's follow-up is lost, and the Obs dropped, with
// probability Attrition, plus AttritionTreatedExtra when the follow-up is
// under the intervention (in before_after that is everyone), clamped to
// [0, 1]. Loss is at random, so it costs power but adds no bias.
//
// Generate panics if d fails Validate or w is impossible (ICC, CAC or
// Attrition outside [0, 1], Rho outside [−1, 1], negative SD): those are
// programming errors, to be caught when the scenario is read.
func Generate(dst []Obs, r *rand.Rand, d Design, w World) []Obs {
	if err := d.Validate(); err != nil {
		panic(err)
	}
	if err := w.validate(); err != nil {
		panic(err)
	}
	g := generator{r: r, w: w,
		tau:     math.Sqrt(w.ICC) * w.SD,
		sdE:     math.Sqrt(1-w.ICC) * w.SD,
		rhoC:    math.Sqrt(1 - w.Rho*w.Rho),
		cacA:    math.Sqrt(w.CAC),
		cacG:    math.Sqrt(1 - w.CAC),
		meanSz:  d.ClusterSize,
		cvSz:    d.ClusterCV,
		pLost:   clamp01(w.Attrition),
		pLostTx: clamp01(w.Attrition + w.AttritionTreatedExtra),
	}
	switch d.Kind {
	case kindRCT:
		g.tau, g.sdE = 0, w.SD
		dst = g.cohort(dst, 0, false, d.PerArm, 0, 0)
		dst = g.cohort(dst, 0, true, d.PerArm, 0, 0)
	case kindBeforeAfter:
		g.tau, g.sdE = 0, w.SD
		dst = g.cohort(dst, 0, true, d.PerArm, 0, 0)
	case kindClusterRCT, kindCBA:
		control := d.Clusters - d.Clusters/2
		for c := 0; c < d.Clusters; c++ {
			a := r.NormFloat64()
			u0, u1 := g.clusterEffect(a), g.clusterEffect(a)
			dst = g.cohort(dst, c, c >= control, g.clusterSize(), u0, u1)
		}
	case kindSteppedWedge:
		per, extra := d.Clusters/d.Steps, d.Clusters%d.Steps
		c := 0
		for s := 0; s < d.Steps; s++ {
			nStep := per
			if s < extra {
				nStep++
			}
			for range nStep {
				m := g.clusterSize()
				a := r.NormFloat64()
				for t := 0; t <= d.Steps; t++ {
					u := g.clusterEffect(a)
					treated := t >= s+1
					for range m {
						if g.lost(treated) {
							continue
						}
						y := u + g.sdE*r.NormFloat64() + w.Secular*float64(t)
						if treated {
							y += w.Effect
						}
						dst = append(dst, Obs{Cluster: c, Period: t, Treated: treated, Base: math.NaN(), Y: y})
					}
				}
				c++
			}
		}
	}
	return dst
}

// generator carries the derived constants of one Generate call.
type generator struct {
	r              *rand.Rand
	w              World
	tau, sdE       float64 // between-cluster and individual SDs
	rhoC           float64 // √(1 − Rho²)
	cacA, cacG     float64 // √CAC, √(1 − CAC)
	meanSz, cvSz   float64
	pLost, pLostTx float64
}

func clamp01(p float64) float64 { return math.Min(1, math.Max(0, p)) }

// clusterEffect draws the cluster's effect in one period given its
// persistent part a.
func (g *generator) clusterEffect(a float64) float64 {
	if g.tau == 0 {
		return 0
	}
	return g.tau * (g.cacA*a + g.cacG*g.r.NormFloat64())
}

// clusterSize draws one cluster's size (see Generate).
func (g *generator) clusterSize() int {
	x := g.meanSz
	if g.cvSz > 0 {
		shape := 1 / (g.cvSz * g.cvSz)
		x = distuv.Gamma{Alpha: shape, Beta: shape / g.meanSz, Src: g.r}.Rand()
	}
	return max(1, int(math.Round(x)))
}

// lost reports whether a person's follow-up is lost to attrition.
func (g *generator) lost(treated bool) bool {
	p := g.pLost
	if treated {
		p = g.pLostTx
	}
	return p > 0 && g.r.Float64() < p
}

// cohort appends n people of one cluster (or arm) measured at baseline
// (cluster effect u0) and follow-up (u1).
func (g *generator) cohort(dst []Obs, cluster int, treated bool, n int, u0, u1 float64) []Obs {
	w := g.w
	for range n {
		z0, z1 := g.r.NormFloat64(), g.r.NormFloat64()
		if g.lost(treated) {
			continue
		}
		base := u0 + g.sdE*z0
		y := u1 + g.sdE*(w.Rho*z0+g.rhoC*z1) + w.Secular
		if treated {
			y += w.Effect
		}
		dst = append(dst, Obs{Cluster: cluster, Treated: treated, Base: base, Y: y})
	}
	return dst
}
