package output

import (
	"cmp"
	"slices"
	"time"

	"spsim/sim"
)

// Meta describes the ensemble whose results a Collector gathers: what the
// manifest records and what the per-week and per-PCN files are labelled with.
type Meta struct {
	Scenario     string // scenario name
	ScenarioHash string // hex SHA-256 of the scenario; computed from ResolvedTOML when empty
	ResolvedTOML []byte // written verbatim as scenario.toml
	Seed         uint64
	Runs         int // runs requested
	Workers      int
	PCNs         []sim.PCNSpec
	WeekDates    []sim.Date // first day of each recorded week
	Command      string     // the command line, for the manifest
	Started      time.Time
}

// Collector gathers run results as the engine emits them and computes the
// outputs from them. It keeps per-run scalars, PCN values, draws and weekly
// series (memory grows with runs × metrics and runs × weeks × series).
// It is not safe for concurrent use: call Add from one goroutine at a time,
// as the engine's emit callback is.
type Collector struct {
	meta Meta
	runs []*runData // sorted by run index, so every sum runs in run order
}

// runData is the part of a sim.RunResult the outputs use.
type runData struct {
	run         int
	seed        uint64
	values      [sim.NumArms][sim.NumMetrics][sim.NumGroups]float64
	weekly      [sim.NumArms][sim.NumSeries][]float64
	pcns        []sim.PCNRun
	draws       []sim.Draw
	adults      [sim.NumArms]float64
	personYears [sim.NumArms]float64
	wall, cpu   float64 // timing, for the manifest only
}

// WeeklyRuns is how many runs (those with the lowest run indices) the weekly
// series of timeseries.csv are computed from: a bounded store, so an
// ensemble of any size keeps O(runs x metrics) numbers in memory.
const WeeklyRuns = 200

// NewCollector returns an empty Collector for the ensemble described by meta.
func NewCollector(meta Meta) *Collector {
	return &Collector{meta: meta}
}

// Add records one run's result. Results may arrive in any order; a second
// result for the same run index replaces the first. Add copies what it keeps,
// so the engine may reuse r afterwards.
func (c *Collector) Add(r *sim.RunResult) {
	d := &runData{
		run:         r.Run,
		seed:        r.Seed,
		values:      r.Values,
		pcns:        slices.Clone(r.PCNs),
		draws:       slices.Clone(r.Draws),
		adults:      r.AdultsSimulated,
		personYears: r.PersonYears,
		wall:        r.WallSeconds,
		cpu:         r.CPUSeconds,
	}
	// Weekly series are kept for the first WeeklyRuns runs only, so memory
	// grows by scalars per run, not by series; the run index (not arrival
	// order) decides, so any split of the runs keeps the same ones.
	if r.Run < WeeklyRuns {
		for a := range r.Weekly {
			for s := range r.Weekly[a] {
				d.weekly[a][s] = slices.Clone(r.Weekly[a][s])
			}
		}
	}
	i, found := slices.BinarySearchFunc(c.runs, d.run, func(x *runData, run int) int { return cmp.Compare(x.run, run) })
	if found {
		c.runs[i] = d
		return
	}
	c.runs = slices.Insert(c.runs, i, d)
}

// NumRuns is the number of distinct runs added so far.
func (c *Collector) NumRuns() int { return len(c.runs) }
