package output

import (
	"math"
	"os"
	"path/filepath"
	"testing"
	"time"

	"spsim/sim"
)

var nan = math.NaN()

// blankResult returns run r's result with every value undefined.
func blankResult(run int, weeks int) *sim.RunResult {
	r := &sim.RunResult{Run: run, Seed: uint64(1000 + run), Scale: 1}
	for a := range sim.NumArms {
		for m := range sim.NumMetrics {
			for g := range sim.NumGroups {
				r.Values[a][m][g] = nan
			}
		}
		for s := range sim.NumSeries {
			r.Weekly[a][s] = make([]float64, weeks)
			for w := range r.Weekly[a][s] {
				r.Weekly[a][s][w] = nan
			}
		}
	}
	return r
}

// testMeta describes a small ensemble: two PCNs, three weeks.
func testMeta() Meta {
	start := sim.MakeDate(2023, time.January, 2)
	return Meta{
		Scenario:     "test",
		ResolvedTOML: []byte("name = \"test\"\n"),
		Seed:         42,
		Runs:         3,
		Workers:      2,
		PCNs: []sim.PCNSpec{
			{Name: "North, PCN", Practices: []sim.PracticeSpec{
				{Name: "a", ListSize: 10000, IMD: [5]float64{1, 0, 0, 0, 0}},
				{Name: "b", ListSize: 30000, IMD: [5]float64{0, 0, 0, 0, 1}},
			}},
			{Name: "South", Practices: []sim.PracticeSpec{
				{Name: "c", ListSize: 35000, IMD: [5]float64{0.2, 0.2, 0.2, 0.2, 0.2}},
			}},
		},
		WeekDates: []sim.Date{start, start.AddDays(7), start.AddDays(14)},
		Command:   "spsim run test.toml",
		Started:   time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC),
	}
}

// testResults returns three runs with hand-chosen values:
//
//	referrals (all):        scenario 10, 20, 30; counterfactual 8, NaN, 25
//	referrals (imd_q1):     scenario 1, 2, 3;    counterfactual 1, 1, 1
//	wait_weeks_mean (all):  scenario 2, NaN, 4;  counterfactual NaN in every run
//	cost_total (all):       scenario 100, 200, 300; counterfactual 50, 50, 50
//	  (also set, wrongly, for imd_q1: it must not be reported there)
//	weekly referrals:       scenario run r week w = 10r + w, counterfactual = 1,
//	                        except week 2 is undefined in run 0's scenario arm
//	PCN 0 in every run; PCN 1 only in run 1; draws in runs 0 and 2.
func testResults() []*sim.RunResult {
	const S, C = sim.ScenarioArm, sim.CounterfactualArm
	var out []*sim.RunResult
	for run := range 3 {
		r := blankResult(run, 3)
		f := float64(run)
		r.Values[S][sim.MReferrals][sim.GroupAll] = 10 * (f + 1)
		r.Values[C][sim.MReferrals][sim.GroupAll] = [3]float64{8, nan, 25}[run]
		r.Values[S][sim.MReferrals][sim.GroupIMD1] = f + 1
		r.Values[C][sim.MReferrals][sim.GroupIMD1] = 1
		r.Values[S][sim.MWaitMean][sim.GroupAll] = [3]float64{2, nan, 4}[run]
		r.Values[S][sim.MCostTotal][sim.GroupAll] = 100 * (f + 1)
		r.Values[C][sim.MCostTotal][sim.GroupAll] = 50
		r.Values[S][sim.MCostTotal][sim.GroupIMD1] = 7
		for w := range 3 {
			r.Weekly[S][sim.SReferrals][w] = 10*f + float64(w)
			r.Weekly[C][sim.SReferrals][w] = 1
		}
		if run == 0 {
			r.Weekly[S][sim.SReferrals][2] = nan
		}
		pcn := func(p int, scen, cf float64) sim.PCNRun {
			pr := sim.PCNRun{PCN: p}
			for a := range sim.NumArms {
				for m := range sim.NumMetrics {
					pr.Values[a][m] = nan
				}
			}
			pr.Values[S][sim.MReferralsRate] = scen
			pr.Values[C][sim.MReferralsRate] = cf
			return pr
		}
		r.PCNs = []sim.PCNRun{pcn(0, 10+f, 5)}
		if run == 1 {
			r.PCNs = append(r.PCNs, pcn(1, 7, nan))
		}
		if run != 1 {
			r.Draws = []sim.Draw{{Key: "effects.wellbeing", Value: 0.1 * (f + 1)}, {Key: "effects.gp", Value: 2 * f}}
		}
		r.AdultsSimulated = [2]float64{1000 + f, 1000 + f}
		r.PersonYears = [2]float64{5000, 5000.5}
		out = append(out, r)
	}
	return out
}

func testCollector(order ...int) *Collector {
	c := NewCollector(testMeta())
	rs := testResults()
	if order == nil {
		order = []int{0, 1, 2}
	}
	for _, i := range order {
		c.Add(rs[i])
	}
	return c
}

var testTiming = Timing{WallSeconds: 1.5, CPUSeconds: 2.25}

// writeTestDir writes c's outputs into a fresh directory and returns its path.
func writeTestDir(t *testing.T, c *Collector) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "out")
	if err := c.WriteDir(dir, false, testTiming); err != nil {
		t.Fatal(err)
	}
	return dir
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func near(a, b float64) bool { return math.Abs(a-b) <= 1e-12*math.Max(1, math.Abs(b)) }
