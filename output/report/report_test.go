package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// writeFiles makes an output directory holding the given files.
func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// summaryJSON is a summary.json with the funnel's rates and the benefit's
// differences for every IMD quintile and all adults.
func summaryJSON(t *testing.T) string {
	t.Helper()
	var recs []summaryRecord
	groups := append(quintileGroups(), "all")
	add := func(metric, arm string, v float64) {
		for i, g := range groups {
			x := v * float64(6-min(i+1, 5))
			recs = append(recs, summaryRecord{Metric: metric, Arm: arm, Group: g, NRuns: 3, Mean: x, P2_5: x - 1, P97_5: x + 1})
		}
	}
	for _, m := range []string{"referrals_per_1000py", "lw_first_contact_per_1000py", "lw_three_plus_contacts_per_1000py", "any_intervention_per_1000py"} {
		add(m, "scenario", 10)
	}
	add("declined_per_1000py", "scenario", 1)
	add("needs_resolved_per_1000py", "difference", 0.5)
	add("wellbeing_mean", "difference", 0.02)
	add("qalys", "difference", 0.4)
	b, err := json.Marshal(map[string]any{"schema_version": 1, "scenario": "fixture", "metrics": recs})
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

const manifestJSON = `{"schema_version": 1, "version": "0.1.0", "scenario": "fixture", "seed": 7, "runs": 3, "started": "2026-01-02T03:04:05Z", "command": "spsim run fixture"}`

// A run directory with only summary.json and manifest.json gives the
// figures summary.json makes and says which files the others lack.
func TestMissingFilesAreNotedNotFatal(t *testing.T) {
	dir := writeFiles(t, map[string]string{"summary.json": summaryJSON(t), "manifest.json": manifestJSON})
	rep, err := Write(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, f := range rep.Figures {
		ids = append(ids, f.ID)
	}
	if want := []string{"funnel-imd", "benefit-wellbeing-imd", "benefit-qalys-imd"}; rep.Kind != "run" || !slices.Equal(ids, want) {
		t.Errorf("%s report with figures %v, want a run report with %v", rep.Kind, ids, want)
	}
	notes := strings.Join(rep.Omitted, "\n")
	for _, want := range []string{"timeseries.csv is missing", "runs.csv is missing"} {
		if !strings.Contains(notes, want) {
			t.Errorf("the notes do not say %q:\n%s", want, notes)
		}
	}
	page, err := os.ReadFile(filepath.Join(dir, FileName))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Figures not drawn", "timeseries.csv is missing", "scenario.toml is missing", "<svg", "Referral funnel by IMD quintile"} {
		if !bytes.Contains(page, []byte(want)) {
			t.Errorf("report.html does not contain %q", want)
		}
	}
	// Self-contained: no scripts, no stylesheets or images to fetch, and the
	// SVGs inlined without their XML prolog (the xmlns names are not fetched).
	for _, banned := range []string{"<script", "<link", "<img", `src="`, "url(", "@import", "<?xml"} {
		if bytes.Contains(page, []byte(banned)) {
			t.Errorf("report.html contains %q", banned)
		}
	}
}

// A timeseries.csv without the quartiles (an older spsim's) leaves out the
// fan charts and says which column it lacks.
func TestOldTimeseriesWithoutQuartiles(t *testing.T) {
	ts := "week,date,arm,series,n_runs,mean,p2_5,p10,p50,p90,p97_5\n0,2020-01-06,scenario,referrals,3,5,4,4,5,6,6\n"
	dir := writeFiles(t, map[string]string{"summary.json": summaryJSON(t), "timeseries.csv": ts})
	rep, err := Write(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if notes := strings.Join(rep.Omitted, "\n"); !strings.Contains(notes, "timeseries.csv has no column p25") {
		t.Errorf("notes:\n%s", notes)
	}
}

// The fan charts draw each week, break where a week has no value, and
// tabulate every 13th week and the last, scenario first.
func TestFanChart(t *testing.T) {
	var b strings.Builder
	b.WriteString("week,date,arm,series,n_runs,mean,p2_5,p10,p25,p50,p75,p90,p97_5\n")
	for w := 0; w < 30; w++ {
		date := fmt.Sprintf("2020-%02d-%02d", 1+w/4, 1+7*(w%4))
		for _, arm := range []string{"scenario", "counterfactual", "difference"} {
			if w == 20 && arm == "scenario" {
				continue // a week with no value
			}
			fmt.Fprintf(&b, "%d,%s,%s,mean_wait,3,%d,1,2,3,4,5,6,7\n", w, date, arm, w)
		}
	}
	dir := writeFiles(t, map[string]string{"timeseries.csv": b.String(), "summary.json": summaryJSON(t)})
	fans, err := readFans(source{dir})
	if err != nil {
		t.Fatal(err)
	}
	if got := len(contiguous(fans["mean_wait"]["scenario"])); got != 2 {
		t.Errorf("scenario's mean wait in %d pieces, want 2 (broken at week 20)", got)
	}
	tbl := fanTable(fans["mean_wait"], []armStyle{scenarioStyle(), counterfactualStyle()})
	var weeks []string
	for _, r := range tbl.rows {
		weeks = append(weeks, r[0])
	}
	if want := []string{"2020-01-01", "2020-04-08", "2020-07-15", "2020-08-08"}; !slices.Equal(weeks, want) || tbl.head[1] != "scenario median" {
		t.Errorf("table weeks %v (head %v), want %v with the scenario first", weeks, tbl.head, want)
	}
	if r := tbl.rows[0]; r[1] != "4" || r[2] != "3 to 5" || r[3] != "1 to 7" {
		t.Errorf("first row %v, want median 4, 50%% 3 to 5, 95%% 1 to 7", r)
	}
}

// The same files give the same report.html byte for byte, and --png writes
// every figure (and removes figures an earlier report had that this one
// has not).
func TestDeterministicAndPNG(t *testing.T) {
	dir := writeFiles(t, map[string]string{"summary.json": summaryJSON(t), "manifest.json": manifestJSON})
	stale := filepath.Join(dir, FiguresDir, "fan-referrals.png")
	if err := os.MkdirAll(filepath.Dir(stale), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(stale, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	rep, err := Write(dir, Options{PNG: true})
	if err != nil {
		t.Fatal(err)
	}
	first, _ := os.ReadFile(rep.Path)
	if _, err := Write(dir, Options{}); err != nil {
		t.Fatal(err)
	}
	second, _ := os.ReadFile(rep.Path)
	if !bytes.Equal(first, second) {
		t.Error("report.html differs between two builds from the same files")
	}
	for _, f := range rep.Figures {
		for _, ext := range []string{".png", ".svg"} {
			if fi, err := os.Stat(filepath.Join(dir, FiguresDir, f.ID+ext)); err != nil || fi.Size() == 0 {
				t.Errorf("figure %s%s: %v", f.ID, ext, err)
			}
		}
	}
	if _, err := os.Stat(stale); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a figure of an earlier report was left in figures/: %v", err)
	}
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("temporary file %s left behind", e.Name())
		}
	}
}

func TestNotAnOutputDirectory(t *testing.T) {
	dir := writeFiles(t, map[string]string{"notes.txt": "hello"})
	if _, err := Write(dir, Options{}); !errors.Is(err, ErrNotOutputDir) {
		t.Errorf("Write of a directory without results: %v, want ErrNotOutputDir", err)
	}
	if _, err := os.Stat(filepath.Join(dir, FileName)); !errors.Is(err, os.ErrNotExist) {
		t.Error("report.html written into a directory that is not an output directory")
	}
	if _, err := Write(filepath.Join(dir, "missing"), Options{}); err == nil || errors.Is(err, ErrNotOutputDir) {
		t.Errorf("Write of a missing directory: %v, want a plain error", err)
	}
}

// The parameters table lists what differs from the dictionary's defaults
// and the comparator's keys, and nothing else.
func TestChangedParameters(t *testing.T) {
	toml := `# spsim scenario, fully resolved: every parameter with its value.
name = "fixture"
description = "A = B, with an equals sign"
sample_pcns = 0

[link_workers]
fte_multiplier = 0.5

[simulation]
years = 5

[comparator]
rollout.enabled = false
`
	dir := writeFiles(t, map[string]string{"scenario.toml": toml})
	tbl, err := changedParameters(source{dir})
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"link_workers.fte_multiplier", "0.5", "1"}, {"comparator: rollout.enabled", "false", "(the scenario's value)"}}
	if !slices.EqualFunc(tbl.rows, want, slices.Equal) {
		t.Errorf("rows %v, want %v", tbl.rows, want)
	}
	if got := scenarioDescription(source{dir}); got != "A = B, with an equals sign" {
		t.Errorf("description %q", got)
	}
}
