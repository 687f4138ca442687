package study

import (
	"context"
	"math"
	"math/rand/v2"
	"runtime"
	"sync"
	"sync/atomic"

	"gonum.org/v1/gonum/stat"
)

// Point is what the simulated studies of one analysis at one grid size
// show, beside the closed form where one exists.
type Point struct {
	Size     float64 // the grid value (Plan.Vary)
	Analysis string
	Fitted   int // studies whose analysis could be fitted (of Plan.Studies)

	Power, PowerSE     float64 // share of fitted studies rejecting at Alpha in the world with the effect, and its Monte Carlo SE
	TypeI, TypeISE     float64 // the same in the null world (no effect)
	MeanEstimate, Bias float64 // mean estimate; bias = mean estimate − the true effect
	NullEstimate       float64 // mean estimate in the null world: what the design reports when there is no effect
	EmpiricalSE        float64 // SD of the estimates across studies
	MeanSE             float64 // mean of the analyses' own standard errors (model-based)
	Coverage           float64 // share of (1 − Alpha) confidence intervals that contain the true effect
	MDE                float64 // simulated minimum detectable effect: (t₁₋α/₂ + t_power) × EmpiricalSE on the analyses' mean df
	MeanFollowed       float64 // mean people analysed per study
	ClosedPower        float64 // closed-form power (NaN: none)
	ClosedMDE          float64 // closed-form minimum detectable effect (NaN: none)
}

// Needed is the grid size an analysis needs for the target power.
type Needed struct {
	Analysis string
	// Simulated interpolates linearly between the first two grid sizes whose
	// simulated power brackets the target (NaN if the grid never reaches
	// it, -Inf if its first size already does).
	Simulated float64
	// Closed solves the closed form for a continuous size (NaN: none; +Inf:
	// no size reaches the target).
	Closed float64
}

// Result is a plan's outcome: one Point per grid size and analysis, in
// grid then analysis order, and the size each analysis needs.
type Result struct {
	TrueEffect float64
	Points     []Point
	Needed     []Needed
}

// Run simulates the plan: Studies studies at each grid size, each analysed
// by every analysis, in the plan's world and in the same world without the
// effect (same random numbers, so type I error and power are paired).
// Studies are spread over workers (0: all CPUs) and results do not depend on
// their number: study j at grid point g always draws from the stream seeded
// by (Seed, g, j). progress, if not nil, is called after each study with
// the number done and the total, from one goroutine at a time.
func (p Plan) Run(ctx context.Context, workers int, progress func(done, total int)) (*Result, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	nA, nS := len(p.Analyses), p.Studies
	// est[g][a][j] holds study j's estimates at grid point g.
	est := make([][][]pair, len(p.Sizes))
	followed := make([][]int, len(p.Sizes))
	for g := range est {
		est[g] = make([][]pair, nA)
		for a := range est[g] {
			est[g][a] = make([]pair, nS)
		}
		followed[g] = make([]int, nS)
	}
	null := p.World
	null.Effect = 0
	truth := p.World.Effect
	if p.Pool != nil {
		truth = p.Pool.TrueEffect()
	}
	// draw generates study j's observations in the world with the effect
	// (with) or without it, from the same random numbers.
	draw := func(dst []Obs, d Design, seed uint64, with bool) []Obs {
		r := rand.New(rand.NewPCG(p.Seed, seed))
		switch {
		case p.Pool != nil:
			dst = p.Pool.Recruit(dst, r, d, p.World, with)
		case with:
			dst = Generate(dst, r, d, p.World)
		default:
			dst = Generate(dst, r, d, null)
		}
		// Measurement error from a stream of its own, so that both worlds
		// get the same errors.
		if me := p.World.MeasurementSD; me > 0 {
			r := rand.New(rand.NewPCG(^p.Seed, seed))
			for i := range dst {
				dst[i].Base += me * r.NormFloat64()
				dst[i].Y += me * r.NormFloat64()
			}
		}
		return dst
	}

	const chunk = 16
	type job struct{ g, j0 int }
	jobs := make(chan job)
	total := len(p.Sizes) * nS
	var done atomic.Int64
	var mu sync.Mutex
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			var obs []Obs
			for jb := range jobs {
				d := p.at(p.Sizes[jb.g])
				for j := jb.j0; j < min(jb.j0+chunk, nS); j++ {
					seed := uint64(jb.g)<<40 | uint64(j)
					obs = draw(obs[:0], d, seed, true)
					followed[jb.g][j] = len(obs)
					for a, name := range p.Analyses {
						est[jb.g][a][j].with = analysisTable[name].fit(obs, d)
					}
					obs = draw(obs[:0], d, seed, false)
					for a, name := range p.Analyses {
						est[jb.g][a][j].null = analysisTable[name].fit(obs, d)
					}
				}
				n := done.Add(int64(min(chunk, nS-jb.j0)))
				if progress != nil {
					mu.Lock()
					progress(int(n), total)
					mu.Unlock()
				}
			}
		})
	}
feed:
	for g := range p.Sizes {
		for j0 := 0; j0 < nS; j0 += chunk {
			select {
			case jobs <- job{g, j0}:
			case <-ctx.Done():
				break feed
			}
		}
	}
	close(jobs)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}

	res := &Result{TrueEffect: truth}
	for g, x := range p.Sizes {
		d := p.at(x)
		var people float64
		for _, n := range followed[g] {
			people += float64(n)
		}
		for a, name := range p.Analyses {
			pt := summarise(est[g][a], truth, p.Alpha, p.Power)
			pt.Size, pt.Analysis = x, name
			pt.MeanFollowed = people / float64(nS)
			pt.ClosedPower, pt.ClosedMDE = math.NaN(), math.NaN()
			if p.Pool == nil {
				pt.ClosedPower = closedPower(name, d, p.World, p.World.Effect, p.Alpha)
				pt.ClosedMDE = closedMDE(name, d, p.World, p.Alpha, p.Power)
			}
			res.Points = append(res.Points, pt)
		}
	}
	for a, name := range p.Analyses {
		res.Needed = append(res.Needed, p.needed(res.Points, a, name))
	}
	return res, nil
}

// pair is one study's estimate in the world with the effect and in the
// null world.
type pair struct{ with, null Estimate }

// summarise reduces one analysis's estimates at one grid point.
func summarise(studies []pair, truth, alpha, power float64) Point {
	var pt Point
	var effects []float64
	var ses, dfs, reject, rejectNull, covered, nullFitted, nullSum float64
	for _, s := range studies {
		with, null := s.with, s.null
		if null.OK {
			nullFitted++
			nullSum += null.Effect
			if null.Reject(alpha) {
				rejectNull++
			}
		}
		if !with.OK {
			continue
		}
		effects = append(effects, with.Effect)
		ses += with.SE
		dfs += math.Min(with.DF, 1e6)
		if with.Reject(alpha) {
			reject++
		}
		if lo, hi := with.CI(alpha); lo <= truth && truth <= hi {
			covered++
		}
	}
	n := float64(len(effects))
	pt.Fitted = len(effects)
	nan := math.NaN()
	pt.Power, pt.PowerSE, pt.TypeI, pt.TypeISE = nan, nan, nan, nan
	pt.MeanEstimate, pt.Bias, pt.EmpiricalSE, pt.MeanSE, pt.Coverage, pt.MDE, pt.NullEstimate = nan, nan, nan, nan, nan, nan, nan
	if nullFitted > 0 {
		pt.NullEstimate = nullSum / nullFitted
		pt.TypeI = rejectNull / nullFitted
		pt.TypeISE = math.Sqrt(pt.TypeI * (1 - pt.TypeI) / nullFitted)
	}
	if n == 0 {
		return pt
	}
	pt.Power = reject / n
	pt.PowerSE = math.Sqrt(pt.Power * (1 - pt.Power) / n)
	pt.MeanEstimate = stat.Mean(effects, nil)
	pt.Bias = pt.MeanEstimate - truth
	pt.MeanSE = ses / n
	pt.Coverage = covered / n
	if n > 1 {
		pt.EmpiricalSE = stat.StdDev(effects, nil)
		df := dfs / n
		pt.MDE = (tQuantile(1-alpha/2, df) + tQuantile(power, df)) * pt.EmpiricalSE
	}
	return pt
}

// needed finds the size analysis a (index ai in the plan) needs for the
// target power, by simulation and by the closed form.
func (p Plan) needed(points []Point, ai int, name string) Needed {
	nd := Needed{Analysis: name, Simulated: math.NaN(), Closed: math.NaN()}
	nA := len(p.Analyses)
	for g := range p.Sizes {
		pw := points[g*nA+ai].Power
		if math.IsNaN(pw) || pw < p.Power {
			continue
		}
		if g == 0 {
			nd.Simulated = math.Inf(-1)
			break
		}
		x0, x1 := p.Sizes[g-1], p.Sizes[g]
		p0 := points[(g-1)*nA+ai].Power
		nd.Simulated = x0 + (x1-x0)*(p.Power-p0)/(pw-p0)
		break
	}
	power := func(x float64) float64 {
		return closedPower(name, p.at(x), p.World, p.World.Effect, p.Alpha)
	}
	lo := p.Sizes[0]
	if p.Pool != nil || math.IsNaN(power(lo)) || p.World.Effect == 0 {
		return nd
	}
	// Stepped wedges and the clusters of a cluster design take whole
	// numbers: solve on the continuous closed form all the same, as the
	// sample-size formulas do, and let the user round up.
	if power(lo) >= p.Power {
		nd.Closed = math.Inf(-1)
		return nd
	}
	// Power may level off below the target (more people per cluster cannot
	// beat the between-cluster variance): then no size is enough.
	// Search up to a size no study would plan (and that keeps a stepped
	// wedge's design matrix small).
	hi := 1e6 * lo
	if p.Vary == "clusters" {
		hi = math.Max(1e4, 10*lo)
	}
	if power(hi) < p.Power {
		nd.Closed = math.Inf(1)
		return nd
	}
	nd.Closed = brentRoot(func(x float64) float64 { return power(x) - p.Power }, lo, hi, 1e-6)
	if p.Vary != "cluster_size" {
		// Whole people or clusters: the design rounds x to the nearest
		// whole number, so the root sits on a step; the size needed is the
		// whole number above it.
		nd.Closed = math.Ceil(nd.Closed - 1e-6)
	}
	return nd
}
