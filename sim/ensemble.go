package sim

import (
	"context"
	"fmt"
	"runtime"
	"sort"
	"sync"
	"time"
)

// Ensemble is a set of independent runs of one scenario and its comparator.
type Ensemble struct {
	PCNs    []PCNSpec // fixed structure, shared by every run
	Runs    int       // number of runs
	Seed    uint64    // ensemble seed; run r uses RunSeed(Seed, r)
	Workers int       // concurrent workers (<= 0: all cores)
	// First is the index of the first run (for shards: runs First..First+Runs-1).
	First int

	// Skip, if set, reports runs to leave out (those an interrupted attempt
	// already completed, when resuming): they are neither simulated nor
	// emitted, and the others are unaffected, as runs are independent.
	Skip func(run int) bool

	// Arms returns run r's parameters for the scenario and comparator arms and
	// the values drawn for parameters given as distributions. It must be a pure
	// function of (run, seed) so that any split of the runs gives the same results.
	Arms func(run int, seed uint64) (scenario, comparator Params, draws []Draw, err error)

	// OnRunDone, if set, is called (from one goroutine at a time) after each
	// run, with the runs emitted so far and the runs to emit (skipped runs
	// count in neither).
	OnRunDone func(done, total int)

	// Reference runs the plain week-by-week reference engine (loop.go)
	// instead of the event engine: slower, for checking the event engine.
	Reference bool

	// KeepReferred fills RunResult.Referred: a record of every person the
	// scenario arm referred, for sampling evaluations from (spsim power).
	KeepReferred bool
}

// RunSeed derives the seed of run r from the ensemble seed.
func RunSeed(seed uint64, run int) uint64 {
	return mix64(seed ^ mix64(uint64(run)+0x9e3779b97f4a7c15))
}

// WeekDates returns the first day of each week of the horizon.
func WeekDates(p Params) []Date {
	n := HorizonWeeks(p)
	d := make([]Date, n)
	for w := range d {
		d[w] = p.Simulation.Start.AddDays(7 * w)
	}
	return d
}

// HorizonWeeks is the number of recorded weeks.
func HorizonWeeks(p Params) int {
	w := int(p.Simulation.Years*52 + 0.5)
	if w < 1 {
		w = 1
	}
	return w
}

// runState is one run in flight: its parameters and the PCN results folded
// so far, in PCN order (so floating-point sums do not depend on scheduling).
type runState struct {
	run        int
	seed       uint64
	arms       [NumArms]Params
	goLive     [NumArms][]Date
	draws      []Draw
	sample     []int // PCN indices simulated this run
	scale      float64
	sum        [NumArms]tally
	pending    map[int]*pcnOut // by position in sample
	next       int
	pcnRuns    []PCNRun
	personWeek [NumArms]float64
	pcns       []PCNSpec
	wall, cpu  float64 // seconds spent on the run's units
	adults     [NumArms]float64
	referred   []Referred
}

// pcnOut is the result of one (run, PCN) unit.
type pcnOut struct {
	t        [NumArms]tally
	referred []Referred
}

type unit struct {
	rs        *runState
	pos       int  // position in rs.sample
	reference bool // simulate with the reference engine
	referred  bool // keep the scenario arm's referral records
}

// Run simulates the runs and calls emit with each result in run order. It
// stops early, returning ctx.Err(), when ctx is cancelled; results already
// emitted stay valid. Work is spread over (run, PCN) units; each unit
// simulates both arms of one PCN, and a run's PCNs are combined in PCN order.
func (e Ensemble) Run(ctx context.Context, emit func(*RunResult) error) error {
	var todo []int // the runs to simulate, in order
	for r := e.First; r < e.First+e.Runs; r++ {
		if e.Skip == nil || !e.Skip(r) {
			todo = append(todo, r)
		}
	}
	if len(todo) == 0 {
		return nil
	}
	if len(e.PCNs) == 0 {
		return fmt.Errorf("no PCNs to simulate")
	}
	workers := e.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	units := make(chan unit, workers)
	done := make(chan *runState, workers)
	var firstErr error
	var errOnce sync.Once
	fail := func(err error) {
		errOnce.Do(func() { firstErr = err; cancel() })
	}

	// Producer: prepare runs in order and hand out their units.
	go func() {
		defer close(units)
		for _, r := range todo {
			rs, err := e.prepare(r)
			if err != nil {
				fail(err)
				return
			}
			for pos := range rs.sample {
				select {
				case units <- unit{rs, pos, e.Reference, e.KeepReferred}:
				case <-ctx.Done():
					return
				}
			}
		}
	}()

	// Workers.
	var wg sync.WaitGroup
	var mu sync.Mutex
	for k := 0; k < workers; k++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// A worker stays on one OS thread so its CPU time can be measured.
			runtime.LockOSThread()
			defer runtime.UnlockOSThread()
			sim := [2]*pcnSim{newPCNSim(), newPCNSim()}
			for u := range units {
				if ctx.Err() != nil {
					continue
				}
				t0, c0 := time.Now(), threadCPUSeconds()
				out := simulatePCN(sim, u)
				wall, cpu := time.Since(t0).Seconds(), threadCPUSeconds()-c0
				mu.Lock()
				u.rs.wall += wall
				u.rs.cpu += cpu
				complete := u.rs.fold(u.pos, out)
				mu.Unlock()
				if complete {
					select {
					case done <- u.rs:
					case <-ctx.Done():
					}
				}
			}
		}()
	}
	go func() { wg.Wait(); close(done) }()

	// Emit in run order.
	pending := map[int]*runState{}
	finished := 0 // runs emitted: todo[finished] is the next
	for rs := range done {
		if ctx.Err() != nil {
			continue
		}
		pending[rs.run] = rs
		for finished < len(todo) {
			r, ok := pending[todo[finished]]
			if !ok {
				break
			}
			delete(pending, r.run)
			res := r.result()
			if err := emit(res); err != nil {
				fail(err)
				break
			}
			finished++
			if e.OnRunDone != nil {
				e.OnRunDone(finished, len(todo))
			}
		}
	}
	if firstErr != nil {
		return firstErr
	}
	if finished < len(todo) {
		if err := ctx.Err(); err != nil {
			return err
		}
		return context.Canceled
	}
	return nil
}

// prepare draws run r's parameters and PCN sample.
func (e Ensemble) prepare(r int) (*runState, error) {
	seed := RunSeed(e.Seed, r)
	scen, comp, draws, err := e.Arms(r, seed)
	if err != nil {
		return nil, fmt.Errorf("run %d: %w", r, err)
	}
	rs := &runState{run: r, seed: seed, draws: draws, pending: map[int]*pcnOut{}, scale: 1}
	rs.arms[ScenarioArm], rs.arms[CounterfactualArm] = scen, comp
	for a := range rs.arms {
		rs.goLive[a] = GoLiveDates(rs.arms[a], e.PCNs)
	}
	n := len(e.PCNs)
	if k := scen.SamplePCNs; k > 0 && k < n {
		rs.sample = systematicSample(e.PCNs, k, newStreams().at(seed, procSample, 0).Float64())
		rs.scale = float64(n) / float64(k)
	} else {
		rs.sample = make([]int, n)
		for i := range rs.sample {
			rs.sample[i] = i
		}
	}
	rs.pcns = e.PCNs
	return rs, nil
}

// simulatePCN runs both arms of one PCN with the event engine (event.go), or
// with the reference engine (loop.go) one arm after the other.
func simulatePCN(s [2]*pcnSim, u unit) *pcnOut {
	rs := u.rs
	idx := rs.sample[u.pos]
	spec := &rs.pcns[idx]
	out := &pcnOut{}
	sc, cf := &rs.arms[ScenarioArm], &rs.arms[CounterfactualArm]
	ta, tb := &out.t[ScenarioArm], &out.t[CounterfactualArm]
	goA, goB := rs.goLive[ScenarioArm][idx], rs.goLive[CounterfactualArm][idx]
	if u.reference {
		refs := s[0].runArm(sc, spec, idx, rs.seed, goA, ta, nil)
		s[1].runArm(cf, spec, idx, rs.seed, goB, tb, refs)
	} else {
		runEvents(s[0], s[1], sc, cf, spec, idx, rs.seed, goA, goB, ta, tb)
	}
	if u.referred {
		out.referred = referredOf(s[0], s[1], idx)
	}
	return out
}

// fold adds a PCN's result to its run in PCN order and reports whether the
// run is complete. The caller holds the ensemble's lock.
func (rs *runState) fold(pos int, out *pcnOut) bool {
	rs.pending[pos] = out
	for {
		o, ok := rs.pending[rs.next]
		if !ok {
			break
		}
		delete(rs.pending, rs.next)
		pr := PCNRun{PCN: rs.sample[rs.next]}
		var v [NumArms][NumMetrics][NumGroups]float64
		for a := range o.t {
			o.t[a].values(&v[a])
		}
		addBenefitInequality(&v)
		for a := range o.t {
			for m := range v[a] {
				pr.Values[a][m] = v[a][m][GroupAll]
			}
			rs.sum[a].add(&o.t[a], rs.scale)
			rs.personWeek[a] += o.t[a].g[GroupAll].personWeeks
			rs.adults[a] += o.t[a].adultsSimulated
		}
		rs.pcnRuns = append(rs.pcnRuns, pr)
		rs.referred = append(rs.referred, o.referred...)
		rs.next++
	}
	return rs.next == len(rs.sample)
}

// result assembles the run's result from its folded sums.
func (rs *runState) result() *RunResult {
	r := &RunResult{Run: rs.run, Seed: rs.seed, Draws: rs.draws, Scale: rs.scale, PCNs: rs.pcnRuns, Referred: rs.referred,
		WallSeconds: rs.wall, CPUSeconds: rs.cpu}
	for a := range rs.sum {
		rs.sum[a].values(&r.Values[a])
	}
	addBenefitInequality(&r.Values)
	for a := range rs.sum {
		rs.sum[a].weekly(&r.Weekly[a])
		r.AdultsSimulated[a] = rs.adults[a]
		r.PersonYears[a] = rs.personWeek[a] / 52
	}
	return r
}

// systematicSample picks k of the PCNs: a systematic sample with random start
// u over the PCNs ordered by deprivation (share in IMD quintiles 1-2). Every
// PCN has the same inclusion probability k/n, so totals scaled by n/k are
// unbiased, and the sample's deprivation mix varies far less from run to run
// than a simple random sample's. Returned in PCN index order.
func systematicSample(pcns []PCNSpec, k int, u float64) []int {
	n := len(pcns)
	order := make([]int, n)
	dep := make([]float64, n)
	for i := range order {
		order[i] = i
		s := pcns[i].IMDShares()
		dep[i] = s[0] + s[1]
	}
	sort.SliceStable(order, func(a, b int) bool { return dep[order[a]] > dep[order[b]] })
	out := make([]int, k)
	step := float64(n) / float64(k)
	for j := range out {
		out[j] = order[int((float64(j)+u)*step)]
	}
	sort.Ints(out)
	return out
}
