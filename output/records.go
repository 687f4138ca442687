package output

import (
	"spsim/sim"
)

// The records saved in part files: what a collector uses of each result,
// so that adding a record read back gives the same outputs as adding the
// result itself.

// RunRecord returns the part of r a Collector uses: r without the weekly
// series of runs at or beyond WeeklyRuns (which Add drops) and without
// referral records. It shares r's slices.
func RunRecord(r *sim.RunResult) *sim.RunResult {
	rec := *r
	rec.Referred = nil
	if r.Run >= WeeklyRuns {
		rec.Weekly = [sim.NumArms][sim.NumSeries][]float64{}
	}
	return &rec
}

// OptionRecord is one run of one option of a comparison (not the
// comparator), as a Comparison uses it.
type OptionRecord struct {
	Option int
	Result *sim.RunResult
}

// costSeries are the weekly series a Comparison uses (for the budget).
var costSeries = []sim.Series{sim.SCostLW, sim.SCostDigital, sim.SCostVCSE, sim.SCostGP, sim.SCostAE}

// Record returns the part of run r of option k a Comparison uses: the
// values and the weekly cost series of the two simulated arms.
func (c *Comparison) Record(k int, r *sim.RunResult) OptionRecord {
	rec := *r
	rec.Referred, rec.PCNs = nil, nil
	rec.Weekly = [sim.NumArms][sim.NumSeries][]float64{}
	for _, a := range []sim.Arm{sim.ScenarioArm, sim.CounterfactualArm} {
		for _, s := range costSeries {
			rec.Weekly[a][s] = r.Weekly[a][s]
		}
	}
	return OptionRecord{Option: k, Result: &rec}
}
