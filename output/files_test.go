package output

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"spsim/sim"
)

// outputNames are the files every output directory holds.
var outputNames = []string{"summary.json", "runs.csv", "timeseries.csv", "by_pcn.csv", "draws.csv", "scenario.toml", "manifest.json"}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	rows, err := csv.NewReader(strings.NewReader(readFile(t, path))).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return rows
}

// findRow returns the rows whose leading fields equal key.
func findRows(rows [][]string, key ...string) [][]string {
	var out [][]string
	for _, r := range rows {
		if len(r) >= len(key) && slices.Equal(r[:len(key)], key) {
			out = append(out, r)
		}
	}
	return out
}

func TestDirHoldsEveryFile(t *testing.T) {
	dir := writeTestDir(t, testCollector())
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if want := slices.Sorted(slices.Values(outputNames)); !slices.Equal(names, want) {
		t.Errorf("files %v, want %v", names, want)
	}
	if got := readFile(t, filepath.Join(dir, "scenario.toml")); got != string(testMeta().ResolvedTOML) {
		t.Errorf("scenario.toml = %q", got)
	}
}

func TestNoUndefinedValueInAnyFile(t *testing.T) {
	dir := writeTestDir(t, testCollector())
	for _, name := range outputNames {
		b := []byte(readFile(t, filepath.Join(dir, name)))
		for _, bad := range []string{"NaN", "nan", "null", "Inf"} {
			if bytes.Contains(b, []byte(bad)) {
				t.Errorf("%s contains %q", name, bad)
			}
		}
	}
}

func TestRunsCSV(t *testing.T) {
	rows := readCSV(t, filepath.Join(writeTestDir(t, testCollector()), "runs.csv"))
	if !slices.Equal(rows[0], []string{"run", "seed", "arm", "group", "metric", "value"}) {
		t.Errorf("header %v", rows[0])
	}
	for _, tc := range []struct {
		key  []string
		want string // "" for no row
	}{
		{[]string{"0", "1000", "scenario", "all", "referrals"}, "10"},
		{[]string{"0", "1000", "difference", "all", "referrals"}, "2"},
		{[]string{"1", "1001", "counterfactual", "all", "referrals"}, ""},
		{[]string{"1", "1001", "difference", "all", "referrals"}, ""},
		{[]string{"2", "1002", "difference", "imd_q1", "referrals"}, "2"},
		{[]string{"1", "1001", "scenario", "all", "wait_weeks_mean"}, ""},
		{[]string{"0", "1000", "scenario", "imd_q1", "cost_total"}, ""},
		{[]string{"2", "1002", "difference", "all", "cost_total"}, "250"},
	} {
		got := findRows(rows, tc.key...)
		switch {
		case tc.want == "" && len(got) != 0:
			t.Errorf("%v: rows %v, want none", tc.key, got)
		case tc.want != "" && (len(got) != 1 || got[0][5] != tc.want):
			t.Errorf("%v: rows %v, want value %s", tc.key, got, tc.want)
		}
	}
	// Rows are ordered by run, arm, group, metric.
	rank := func(r []string) []int {
		a, _ := armByName(r[2])
		g, _ := groupByName(r[3])
		m, _ := metricByName(r[4])
		return []int{len(r[0]), int(r[0][0]), int(a), int(g), int(m)}
	}
	if !slices.IsSortedFunc(rows[1:], func(x, y []string) int { return slices.Compare(rank(x), rank(y)) }) {
		t.Error("runs.csv rows out of order")
	}
}

func TestTimeseriesCSV(t *testing.T) {
	rows := readCSV(t, filepath.Join(writeTestDir(t, testCollector()), "timeseries.csv"))
	if !slices.Equal(rows[0], []string{"week", "date", "arm", "series", "n_runs", "mean", "p2_5", "p10", "p25", "p50", "p75", "p90", "p97_5"}) {
		t.Errorf("header %v", rows[0])
	}
	want := map[string][]string{
		// Week 1, scenario: runs give 1, 11, 21 (type 4: p25 at h = 0.75
		// is the smallest, p75 at h = 2.25 a quarter of the way from 11 to 21).
		"1/scenario": {"1", "2023-01-09", "scenario", "referrals", "3", "11", "1", "1", "1", "6", "13.5", "18", "20.25"},
		// Week 2: run 0's scenario value is undefined, leaving 12, 22.
		"2/scenario":   {"2", "2023-01-16", "scenario", "referrals", "2", "17", "12", "12", "12", "12", "17", "20", "21.5"},
		"2/difference": {"2", "2023-01-16", "difference", "referrals", "2", "16", "11", "11", "11", "11", "16", "19", "20.5"},
	}
	for k, w := range want {
		got := findRows(rows, w[0], w[1], w[2], w[3])
		if len(got) != 1 || !slices.Equal(got[0], w) {
			t.Errorf("%s: rows %v, want %v", k, got, w)
		}
	}
	if got := findRows(rows, "0", "2023-01-02", "scenario", "waiting_list"); len(got) != 0 {
		t.Errorf("undefined series written: %v", got)
	}
	if n := len(rows) - 1; n != 3*3 {
		t.Errorf("%d rows, want 9 (3 weeks × 3 arms × 1 defined series)", n)
	}
}

func TestByPCNCSV(t *testing.T) {
	rows := readCSV(t, filepath.Join(writeTestDir(t, testCollector()), "by_pcn.csv"))
	if !slices.Equal(rows[0], []string{"pcn", "name", "registered", "imd_q1", "imd_q2", "imd_q3", "imd_q4", "imd_q5",
		"n_runs", "metric", "scenario", "counterfactual", "difference"}) {
		t.Errorf("header %v", rows[0])
	}
	if n := len(rows) - 1; n != 2*len(pcnMetrics()) {
		t.Errorf("%d rows, want %d", n, 2*len(pcnMetrics()))
	}
	for _, w := range [][]string{
		// PCN 0 in all three runs: scenario 10, 11, 12; counterfactual 5.
		{"0", "North, PCN", "40000", "0.25", "0", "0", "0", "0.75", "3", "referrals_per_1000py", "11", "5", "6"},
		// PCN 1 only in run 1, counterfactual undefined: empty cells.
		{"1", "South", "35000", "0.2", "0.2", "0.2", "0.2", "0.2", "1", "referrals_per_1000py", "7", "", ""},
		{"0", "North, PCN", "40000", "0.25", "0", "0", "0", "0.75", "3", "qalys", "", "", ""},
	} {
		got := findRows(rows, w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7], w[8], w[9])
		if len(got) != 1 || !slices.Equal(got[0], w) {
			t.Errorf("rows %v, want %v", got, w)
		}
	}
}

func TestDrawsCSV(t *testing.T) {
	rows := readCSV(t, filepath.Join(writeTestDir(t, testCollector()), "draws.csv"))
	want := [][]string{{"run", "seed", "key", "value"},
		{"0", "1000", "effects.wellbeing", "0.1"}, {"0", "1000", "effects.gp", "0"},
		{"2", "1002", "effects.wellbeing", "0.30000000000000004"}, {"2", "1002", "effects.gp", "4"}}
	if !slices.EqualFunc(rows, want, slices.Equal) {
		t.Errorf("draws.csv = %v, want %v", rows, want)
	}
	c := NewCollector(testMeta())
	r := blankResult(0, 3)
	c.Add(r)
	b, err := c.drawsCSV()
	if err != nil || string(b) != "run,seed,key,value\n" {
		t.Errorf("draws.csv without draws = %q, %v; want the header alone", b, err)
	}
}

func TestManifest(t *testing.T) {
	dir := writeTestDir(t, testCollector())
	var m map[string]any
	if err := json.Unmarshal([]byte(readFile(t, filepath.Join(dir, "manifest.json"))), &m); err != nil {
		t.Fatalf("manifest.json is not valid JSON: %v", err)
	}
	for _, f := range manifestFields() {
		if _, ok := m[f.name]; !ok {
			t.Errorf("manifest lacks %s", f.name)
		}
	}
	if len(m) != len(manifestFields()) {
		t.Errorf("manifest has %d fields, documented %d", len(m), len(manifestFields()))
	}
	for k, want := range map[string]any{
		"schema_version": float64(sim.SchemaVersion), "version": sim.Version, "scenario": "test",
		"seed": 42.0, "runs": 3.0, "runs_requested": 3.0, "workers": 2.0,
		"adults_simulated":    map[string]any{"scenario": 3003.0, "counterfactual": 3003.0},
		"person_years":        map[string]any{"scenario": 15000.0, "counterfactual": 15001.5},
		"paired_person_years": 15000.0, // the scenario arm's person-years (issue 3's unit)
		"started":             "2025-01-02T03:04:05Z", "wall_seconds": 1.5, "cpu_seconds": 2.25,
		"command": "spsim run test.toml",
		// Meta gives no hash, so it is computed from the resolved TOML.
		"scenario_sha256": fmt.Sprintf("%x", sha256.Sum256(testMeta().ResolvedTOML)),
	} {
		gj, _ := json.Marshal(m[k])
		wj, _ := json.Marshal(want)
		if string(gj) != string(wj) {
			t.Errorf("%s = %s, want %s", k, gj, wj)
		}
	}
}

func TestProcessCPUSeconds(t *testing.T) {
	x := 0.0
	for i := range 1_000_000 {
		x += float64(i)
	}
	if s := ProcessCPUSeconds(); s < 0 || x == 0 {
		t.Errorf("ProcessCPUSeconds = %v", s)
	}
}

// The files must not depend on the order results arrive in.
func TestOutputsIndependentOfArrivalOrder(t *testing.T) {
	ref := writeTestDir(t, testCollector(0, 1, 2))
	for _, order := range [][]int{{2, 0, 1}, {1, 2, 0}, {2, 1, 0}, {0, 2, 1, 2}} {
		dir := writeTestDir(t, testCollector(order...))
		for _, name := range outputNames {
			if readFile(t, filepath.Join(ref, name)) != readFile(t, filepath.Join(dir, name)) {
				t.Errorf("order %v: %s differs", order, name)
			}
		}
	}
}

func TestDictionaryCoversEverything(t *testing.T) {
	doc := OutputsMarkdown()
	mentions := func(what, name string) {
		if !strings.Contains(doc, "`"+name+"`") {
			t.Errorf("dictionary does not mention %s `%s`", what, name)
		}
	}
	for m := range sim.NumMetrics {
		mentions("metric", m.String())
	}
	for s := range sim.NumSeries {
		mentions("series", s.String())
	}
	for g := range sim.NumGroups {
		mentions("group", g.String())
	}
	for a := range numArms {
		mentions("arm", a.String())
	}
	dir := writeTestDir(t, testCollector())
	for _, name := range outputNames {
		mentions("file", name)
		if strings.HasSuffix(name, ".csv") {
			for _, col := range readCSV(t, filepath.Join(dir, name))[0] {
				mentions(name+" column", col)
			}
		}
	}
	for _, f := range append(summaryFields(), manifestFields()...) {
		mentions("field", f.name)
	}
	for _, s := range []string{"LinInterp", "n − 1", "sd / √n", "NaN"} {
		if !strings.Contains(doc, s) {
			t.Errorf("dictionary does not mention %q", s)
		}
	}
}
