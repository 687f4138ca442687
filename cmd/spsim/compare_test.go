package main

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// An option identical to the comparator gives exactly zero incremental cost
// and QALYs (common random numbers, same population); an option that does
// something costs more; every output file is written.
func TestCompare(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "opts.toml")
	src := `name = "test-options"
scenario = "pcn-typical"
comparator = "none"
runs = 4
thresholds = [20000, 30000]

[set]
simulation.years = 1
simulation.burn_in_weeks = 4
pcns.count = 2
pcns.registered = 8000
pcns.registered_min = 2000

[options.none]
label = "no social prescribing"
rollout.enabled = false

[options.same]
label = "the comparator again"
rollout.enabled = false

[options.lw]
label = "link workers"
link_workers.fte_multiplier = 3
`
	if err := os.WriteFile(file, []byte(src), 0o666); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	r := spsim(t, "compare", file, "--out", out, "--quiet")
	r.want(t, 0, []string{"same", "lw", "incremental analysis", "expected value of perfect information"}, nil)
	results := []string{"compare.json", "options.csv", "ceac.csv", "dcea.csv", "budget.csv", "option_runs.csv", "impact-plane.svg"}
	first := map[string][]byte{}
	for _, f := range append(results, "manifest.json") {
		b, err := os.ReadFile(filepath.Join(out, f))
		if err != nil {
			t.Errorf("missing %s: %v", f, err)
		}
		first[f] = b
	}
	if svg := string(first["impact-plane.svg"]); !strings.HasPrefix(svg, "<?xml") || !strings.Contains(svg, ">lw</text>") {
		t.Errorf("impact-plane.svg is not an SVG naming option lw:\n%.300s", svg)
	}
	b, err := os.ReadFile(filepath.Join(out, "compare.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Options []struct {
			Name     string
			IncCost  map[string]*float64 `json:"incremental_cost"`
			IncQALYs map[string]*float64 `json:"incremental_qalys"`
		}
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	for _, o := range doc.Options {
		switch o.Name {
		case "same", "none":
			for _, m := range []map[string]*float64{o.IncCost, o.IncQALYs} {
				for k, v := range m {
					if v == nil || *v != 0 {
						t.Errorf("%s: incremental %s = %v, want exactly 0", o.Name, k, v)
					}
				}
			}
		case "lw":
			if v := o.IncCost["mean"]; v == nil || !(*v > 0) {
				t.Errorf("lw: incremental cost %v, want positive", v)
			}
		}
	}
	// The budget impact of the identical option is zero in every financial
	// year and for every payer; link workers cost the NHS money each year.
	rows := readCSVFile(t, filepath.Join(out, "budget.csv"))
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	lwYears := 0
	for _, row := range rows[1:] {
		inc, _ := strconv.ParseFloat(row[col["inc_cost"]], 64)
		switch {
		case row[col["option"]] == "same" && inc != 0:
			t.Errorf("same %s %s: budget impact %v, want 0", row[col["financial_year"]], row[col["payer"]], inc)
		case row[col["option"]] == "lw" && row[col["payer"]] == "nhs_social_prescribing" && inc > 0:
			lwYears++
		}
	}
	if lwYears < 2 {
		t.Errorf("link workers cost the NHS in %d financial years, want the 2 the year spans", lwYears)
	}
	// Run by run, the identical option's increments are exactly zero; every
	// option has a row for every run.
	rows = readCSVFile(t, filepath.Join(out, "option_runs.csv"))
	col = map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	lwRuns := 0
	for _, row := range rows[1:] {
		switch row[col["option"]] {
		case "same":
			if row[col["inc_cost"]] != "0" || row[col["inc_qalys"]] != "0" {
				t.Errorf("same, run %s: increments %s, %s, want 0", row[col["run"]], row[col["inc_cost"]], row[col["inc_qalys"]])
			}
		case "lw":
			lwRuns++
		}
	}
	if lwRuns != 4 {
		t.Errorf("option_runs.csv has %d rows of lw, want 4 (one per run)", lwRuns)
	}
	// A second run with --force replaces the directory; results do not
	// depend on the number of workers.
	r = spsim(t, "compare", file, "--out", out, "--quiet", "--force", "--workers", "1")
	r.want(t, 0, nil, nil)
	for _, f := range results {
		b2, err := os.ReadFile(filepath.Join(out, f))
		if err != nil {
			t.Fatal(err)
		}
		if string(first[f]) != string(b2) {
			t.Errorf("%s differs between 2 workers and 1", f)
		}
	}
}

// readCSVFile reads a CSV file with a header and at least one row.
func readCSVFile(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil || len(rows) < 2 {
		t.Fatalf("%s: %v, %d rows", path, err, len(rows))
	}
	return rows
}

func TestCompareErrors(t *testing.T) {
	spsim(t, "compare", "no-such-comparison").want(t, 2, nil, []string{`no comparison "no-such-comparison"`, "funding-options"})
	spsim(t, "compare", "--runs", "0").want(t, 2, nil, []string{"--runs must be at least 1"})
}
