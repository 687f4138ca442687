package output

import (
	"encoding/json"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"spsim/sim"
)

func TestSummaryHandComputed(t *testing.T) {
	c := testCollector()
	sd := 10.0
	// Quantiles are Hyndman & Fan type 4 (gonum LinInterp): h = n·p, so the
	// p50 of {10, 20, 30} is 15 (h = 1.5), not the middle value.
	for _, tc := range []struct {
		metric, arm, group string
		want               Record
	}{
		{"referrals", "scenario", "all", Record{NRuns: 3, Mean: 20, SD: sd, MCSE: sd / math.Sqrt(3),
			P2_5: 10, P10: 10, P50: 15, P90: 27, P97_5: 29.25}},
		{"referrals", "counterfactual", "all", Record{NRuns: 2, Mean: 16.5, SD: math.Sqrt(2 * 8.5 * 8.5),
			MCSE: 8.5, P2_5: 8, P10: 8, P50: 8, P90: 21.6, P97_5: 24.15}},
		// Differences only in runs 0 and 2, where both arms are defined: 2 and 5.
		{"referrals", "difference", "all", Record{NRuns: 2, Mean: 3.5, SD: math.Sqrt(4.5),
			MCSE: 1.5, P2_5: 2, P10: 2, P50: 2, P90: 4.4, P97_5: 4.85}},
		{"referrals", "difference", "imd_q1", Record{NRuns: 3, Mean: 1, SD: 1, MCSE: 1 / math.Sqrt(3),
			P2_5: 0, P10: 0, P50: 0.5, P90: 1.7, P97_5: 1.925}},
		{"wait_weeks_mean", "scenario", "all", Record{NRuns: 2, Mean: 3, SD: math.Sqrt2, MCSE: 1,
			P2_5: 2, P10: 2, P50: 2, P90: 3.6, P97_5: 3.9}},
		{"cost_total", "difference", "all", Record{NRuns: 3, Mean: 150, SD: 100, MCSE: 100 / math.Sqrt(3),
			P2_5: 50, P10: 50, P50: 100, P90: 220, P97_5: 242.5}},
	} {
		got, ok := c.Find(tc.metric, tc.arm, tc.group)
		if !ok {
			t.Errorf("Find(%s, %s, %s): not found", tc.metric, tc.arm, tc.group)
			continue
		}
		w := tc.want
		w.Metric, w.Arm, w.Group = tc.metric, tc.arm, tc.group
		if got.Metric != w.Metric || got.Arm != w.Arm || got.Group != w.Group || got.NRuns != w.NRuns ||
			!near(got.Mean, w.Mean) || !near(got.SD, w.SD) || !near(got.MCSE, w.MCSE) ||
			!near(got.P2_5, w.P2_5) || !near(got.P10, w.P10) || !near(got.P50, w.P50) ||
			!near(got.P90, w.P90) || !near(got.P97_5, w.P97_5) {
			t.Errorf("Find(%s, %s, %s)\n got %+v\nwant %+v", tc.metric, tc.arm, tc.group, got, w)
		}
	}
}

func TestSummaryAbsentValues(t *testing.T) {
	c := testCollector()
	for _, k := range [][3]string{
		{"wait_weeks_mean", "counterfactual", "all"}, // undefined in every run
		{"wait_weeks_mean", "difference", "all"},     // so no difference either
		{"cost_total", "scenario", "imd_q1"},         // all-only metric, set outside "all"
		{"cost_total", "difference", "imd_q1"},
		{"qalys", "scenario", "all"}, // never set
		{"no_such_metric", "scenario", "all"},
		{"referrals", "no_such_arm", "all"},
		{"referrals", "scenario", "no_such_group"},
	} {
		if r, ok := c.Find(k[0], k[1], k[2]); ok {
			t.Errorf("Find%v = %+v, want absent", k, r)
		}
	}
	for _, r := range c.Summary() {
		for _, v := range []float64{r.Mean, r.SD, r.MCSE, r.P2_5, r.P10, r.P50, r.P90, r.P97_5} {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				t.Errorf("record %+v holds a non-finite value", r)
			}
		}
		if m, _ := metricByName(r.Metric); m.Def().AllOnly && r.Group != "all" {
			t.Errorf("all-only metric reported for group %s: %+v", r.Group, r)
		}
	}
}

func TestSummaryOrder(t *testing.T) {
	rank := func(r Record) []int {
		m, _ := metricByName(r.Metric)
		a, _ := armByName(r.Arm)
		g, _ := groupByName(r.Group)
		return []int{int(m), int(a), int(g)}
	}
	c := testCollector()
	recs := c.Summary()
	if len(recs) == 0 {
		t.Fatal("no records")
	}
	if !slices.IsSortedFunc(recs, func(x, y Record) int { return slices.Compare(rank(x), rank(y)) }) {
		t.Error("records are not in metric, arm, group order")
	}
	// Every record Summary lists must be what Find returns for it.
	for _, r := range recs {
		if f, ok := c.Find(r.Metric, r.Arm, r.Group); !ok || f != r {
			t.Errorf("Find disagrees with Summary for %+v: %+v", r, f)
		}
	}
}

func TestSummaryJSON(t *testing.T) {
	dir := writeTestDir(t, testCollector())
	var doc struct {
		SchemaVersion *int             `json:"schema_version"`
		Scenario      *string          `json:"scenario"`
		Metrics       []map[string]any `json:"metrics"`
	}
	if err := json.Unmarshal([]byte(readFile(t, filepath.Join(dir, "summary.json"))), &doc); err != nil {
		t.Fatalf("summary.json is not valid JSON: %v", err)
	}
	if doc.SchemaVersion == nil || *doc.SchemaVersion != sim.SchemaVersion || doc.Scenario == nil || *doc.Scenario != "test" {
		t.Errorf("summary.json header: schema_version %v, scenario %v", doc.SchemaVersion, doc.Scenario)
	}
	if len(doc.Metrics) != len(testCollector().Summary()) {
		t.Errorf("summary.json has %d records, Summary %d", len(doc.Metrics), len(testCollector().Summary()))
	}
	for _, rec := range doc.Metrics {
		if len(rec) != len(summaryFields()) {
			t.Errorf("record has %d fields, want %d: %v", len(rec), len(summaryFields()), rec)
		}
		for _, f := range summaryFields() {
			if v, ok := rec[f.name]; !ok || v == nil {
				t.Errorf("record lacks %s: %v", f.name, rec)
			}
		}
	}
}

func TestSummaryEmptyCollector(t *testing.T) {
	c := NewCollector(testMeta())
	b, err := c.summaryJSON()
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	if m, ok := doc["metrics"].([]any); !ok || len(m) != 0 {
		t.Errorf("metrics of an empty collector = %#v, want []", doc["metrics"])
	}
}

// Weekly series come from the first WeeklyRuns runs only, whatever the
// ensemble's size, while scalar metrics use every run.
func TestWeeklySeriesBoundedStore(t *testing.T) {
	c := NewCollector(Meta{Scenario: "bounded", Runs: WeeklyRuns + 50})
	for r := 0; r < WeeklyRuns+50; r++ {
		var res sim.RunResult
		res.Run = r
		for a := range res.Weekly {
			for s := range res.Weekly[a] {
				res.Weekly[a][s] = []float64{float64(r)}
			}
			for m := range res.Values[a] {
				for g := range res.Values[a][m] {
					res.Values[a][m][g] = float64(r)
				}
			}
		}
		c.Add(&res)
	}
	kept := 0
	for _, d := range c.runs {
		if d.weekly[0][0] != nil {
			kept++
		}
	}
	if kept != WeeklyRuns {
		t.Fatalf("weekly series kept for %d runs, want %d", kept, WeeklyRuns)
	}
	if rec, ok := c.Find("referrals", "scenario", "all"); !ok || rec.NRuns != WeeklyRuns+50 {
		t.Fatalf("scalar metrics use %d runs, want %d", rec.NRuns, WeeklyRuns+50)
	}
	b, err := c.timeseriesCSV()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), ",scenario,referrals,200,") {
		t.Fatalf("timeseries.csv does not report n_runs 200:\n%s", b[:min(len(b), 400)])
	}
}
