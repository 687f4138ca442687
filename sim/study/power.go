package study

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"sync"

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

// BatchSize is how many consecutive studies of one grid size form a batch:
// the unit of work that is scheduled, saved as it completes (so an
// interrupted run can resume) and split across shards.
const BatchSize = 16

// Batch holds what studies J0..J0+len(Followed)-1 at grid point G showed.
// Its fields are exported so that it can be saved and read back.
type Batch struct {
	Index    int          // position in the plan's batch order: grid point, then study
	Followed []int        // people analysed in each study
	With     [][]Estimate // [analysis][study]: in the world with the effect
	Null     [][]Estimate // [analysis][study]: the same studies in the world without it
}

// NumBatches is the number of batches the plan simulates.
func (p Plan) NumBatches() int { return len(p.Sizes) * p.batchesPerSize() }

func (p Plan) batchesPerSize() int { return (p.Studies + BatchSize - 1) / BatchSize }

// batchAt returns batch b's grid point and first and last-plus-one study.
func (p Plan) batchAt(b int) (g, j0, j1 int) {
	per := p.batchesPerSize()
	g, j0 = b/per, b%per*BatchSize
	return g, j0, min(j0+BatchSize, p.Studies)
}

// BatchStudies is the number of studies in batch b.
func (p Plan) BatchStudies(b int) int {
	_, j0, j1 := p.batchAt(b)
	return j1 - j0
}

// truth is the effect studies estimate: the world's, or in abm mode the
// mean effect among the people recruitable from the pool.
func (p Plan) truth() float64 {
	if p.Pool != nil {
		return p.Pool.TrueEffect()
	}
	return p.World.Effect
}

// Run simulates the plan: Studies studies at each grid size, each analysed
// by every analysis, in the plan's world and in the same world without the
// effect (same random numbers, so type I error and power are paired).
// Studies are spread over workers (0: all CPUs) and results do not depend on
// their number: study j at grid point g always draws from the stream seeded
// by (Seed, g, j). progress, if not nil, is called after each batch with
// the number of studies done and the total, from one goroutine at a time.
func (p Plan) Run(ctx context.Context, workers int, progress func(done, total int)) (*Result, error) {
	batches := make([]*Batch, 0, p.NumBatches())
	done, total := 0, len(p.Sizes)*p.Studies
	err := p.Simulate(ctx, workers, nil, func(b *Batch) error {
		batches = append(batches, b)
		done += len(b.Followed)
		if progress != nil {
			progress(done, total)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return p.Summarise(batches)
}

// Simulate simulates the plan's batches, except those skip reports (nil:
// none), on workers goroutines (0: all CPUs), and calls emit with each batch
// as it completes, from one goroutine at a time. A batch's contents do not
// depend on workers, on skip or on the order of completion. It stops early
// with ctx's error when ctx is cancelled, or with emit's first error.
func (p Plan) Simulate(ctx context.Context, workers int, skip func(batch int) bool, emit func(*Batch) error) error {
	if err := p.Validate(); err != nil {
		return err
	}
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	null := p.World
	null.Effect = 0
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

	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	jobs := make(chan int)
	var mu sync.Mutex
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			var obs []Obs
			for b := range jobs {
				g, j0, j1 := p.batchAt(b)
				d := p.at(p.Sizes[g])
				out := &Batch{Index: b, Followed: make([]int, j1-j0),
					With: make([][]Estimate, len(p.Analyses)), Null: make([][]Estimate, len(p.Analyses))}
				for a := range p.Analyses {
					out.With[a] = make([]Estimate, j1-j0)
					out.Null[a] = make([]Estimate, j1-j0)
				}
				for j := j0; j < j1; j++ {
					seed := uint64(g)<<40 | uint64(j)
					obs = draw(obs[:0], d, seed, true)
					out.Followed[j-j0] = len(obs)
					for a, name := range p.Analyses {
						out.With[a][j-j0] = analysisTable[name].fit(obs, d)
					}
					obs = draw(obs[:0], d, seed, false)
					for a, name := range p.Analyses {
						out.Null[a][j-j0] = analysisTable[name].fit(obs, d)
					}
				}
				mu.Lock()
				if ctx.Err() == nil {
					if err := emit(out); err != nil {
						cancel(err)
					}
				}
				mu.Unlock()
			}
		})
	}
feed:
	for b := range p.NumBatches() {
		if skip != nil && skip(b) {
			continue
		}
		select {
		case jobs <- b:
		case <-ctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	return context.Cause(ctx)
}

// Summarise computes the plan's result from its batches, given in any
// order: each of the plan's batches exactly once.
func (p Plan) Summarise(batches []*Batch) (*Result, error) {
	nA, nS := len(p.Analyses), p.Studies
	byIndex := make([]*Batch, p.NumBatches())
	for _, b := range batches {
		switch {
		case b.Index < 0 || b.Index >= len(byIndex):
			return nil, fmt.Errorf("batch %d is not one of the plan's %d batches", b.Index, len(byIndex))
		case byIndex[b.Index] != nil:
			return nil, fmt.Errorf("batch %d given twice", b.Index)
		}
		_, j0, j1 := p.batchAt(b.Index)
		if len(b.Followed) != j1-j0 || len(b.With) != nA || len(b.Null) != nA {
			return nil, fmt.Errorf("batch %d does not fit the plan (%d studies, %d analyses)", b.Index, len(b.Followed), len(b.With))
		}
		for a := range nA {
			if len(b.With[a]) != j1-j0 || len(b.Null[a]) != j1-j0 {
				return nil, fmt.Errorf("batch %d does not fit the plan (analysis %d has %d studies)", b.Index, a, len(b.With[a]))
			}
		}
		byIndex[b.Index] = b
	}
	for i, b := range byIndex {
		if b == nil {
			return nil, fmt.Errorf("batch %d of %d is missing", i, len(byIndex))
		}
	}

	truth := p.truth()
	res := &Result{TrueEffect: truth}
	studies := make([]pair, nS)
	for g, x := range p.Sizes {
		d := p.at(x)
		var people float64
		for j := range nS {
			b := byIndex[g*p.batchesPerSize()+j/BatchSize]
			people += float64(b.Followed[j%BatchSize])
		}
		for a, name := range p.Analyses {
			for j := range nS {
				b := byIndex[g*p.batchesPerSize()+j/BatchSize]
				studies[j] = pair{b.With[a][j%BatchSize], b.Null[a][j%BatchSize]}
			}
			pt := summarise(studies, truth, p.Alpha, p.Power)
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
