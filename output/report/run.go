package report

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"strings"

	"spsim/scenarios"
)

// buildRun lays out the report of `spsim run`: what was run, the weekly
// fan charts, the referral funnel and the benefit by deprivation, and
// inequality across runs.
func buildRun(src source) *document {
	d := &document{kind: "run"}
	m, _ := manifestFacts(src, d)
	name := m.Scenario
	if name == "" {
		name = src.dir
	}
	d.title = "spsim run: " + name
	d.lead = "The scenario against its counterfactual (the comparator arm) on the same simulated people with common random numbers, " +
		"so the differences between them are the effect of the scenario. Intervals and bands are across runs: parameter " +
		"uncertainty drawn run by run and the play of chance."
	d.facts = append(d.facts, [2]string{"scenario", name})
	if desc := scenarioDescription(src); desc != "" {
		d.facts = append(d.facts, [2]string{"description", desc})
	}
	d.facts = append(d.facts,
		[2]string{"runs", fmt.Sprint(m.Runs)},
		[2]string{"seed", fmt.Sprint(m.Seed)},
		[2]string{"scenario SHA-256", m.Hash})
	d.facts = append(d.facts, versionFacts(m)...)
	if t, err := changedParameters(src); err != nil {
		d.facts = append(d.facts, [2]string{"parameters", err.Error()})
	} else {
		d.read("scenario.toml")
		d.tables = append(d.tables, titledTable{"Parameters that differ from the defaults", t})
	}

	fans := d.section("over-time", "Over time", "Weekly series across runs (timeseries.csv): the line is the median run, "+
		"the darker band the middle 50% of runs and the lighter band 95% of them.")
	fanCharts(src, d, fans)
	reach := d.section("reach", "Who is reached, and who benefits", "By IMD quintile, 1 the most deprived fifth of neighbourhoods in England (summary.json).")
	if sum, err := readSummary(src); err != nil {
		d.omit("Referral funnel and benefit by IMD quintile", err)
	} else {
		d.read("summary.json")
		funnelFigure(sum, d, reach)
		benefitFigures(sum, d, reach)
	}
	ineq := d.section("inequality", "Inequality by deprivation across runs",
		"The slope (SII) and relative (RII) indices of inequality across the IMD quintiles, run by run (runs.csv).")
	inequalityFigures(src, d, ineq)
	return d
}

// scenarioDescription is the description of scenario.toml, or "".
func scenarioDescription(src source) string {
	b, err := os.ReadFile(src.path("scenario.toml"))
	if err != nil {
		return ""
	}
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, "description = "); ok {
			return strings.Trim(v, `"`)
		}
	}
	return ""
}

// changedParameters lists the keys of scenario.toml whose value is not the
// dictionary's default, and the comparator's keys: what makes this run
// different from the default world. scenario.toml is resolved (every key,
// one per line, values in the dictionary's own format), so the values are
// compared as text.
func changedParameters(src source) (table, error) {
	t := table{head: []string{"parameter", "value", "default"}, text: 3}
	b, err := os.ReadFile(src.path("scenario.toml"))
	if err != nil {
		return t, missing("scenario.toml", err)
	}
	defaults := map[string]string{}
	for _, p := range scenarios.Dictionary() {
		defaults[p.Key] = p.Default
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(nil, 1<<20)
	tbl := ""
	for sc.Scan() {
		l := strings.TrimSpace(sc.Text())
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		if strings.HasPrefix(l, "[") && strings.HasSuffix(l, "]") {
			tbl = strings.Trim(l, "[]")
			continue
		}
		k, v, ok := strings.Cut(l, " = ")
		if !ok || tbl == "" && (k == "name" || k == "description") {
			continue
		}
		switch {
		case tbl == "comparator":
			t.add("comparator: "+k, v, "(the scenario's value)")
		default:
			key := k
			if tbl != "" {
				key = tbl + "." + k
			}
			if def, known := defaults[key]; !known || def != v {
				t.add(key, v, defaults[key])
			}
		}
	}
	if err := sc.Err(); err != nil {
		return t, fmt.Errorf("%s: %w", src.path("scenario.toml"), err)
	}
	if len(t.rows) == 0 {
		t.note = "None: every parameter has its default value."
	}
	return t, nil
}
