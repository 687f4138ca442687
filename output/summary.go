package output

import (
	"encoding/json"
	"fmt"

	"spsim/sim"
)

// Record is the across-run summary of one metric in one arm and group: one
// entry of summary.json. Statistics use only the runs that define the value;
// NRuns says how many did.
type Record struct {
	Metric string  `json:"metric"`
	Arm    string  `json:"arm"`
	Group  string  `json:"group"`
	NRuns  int     `json:"n_runs"`
	Mean   float64 `json:"mean"`
	SD     float64 `json:"sd"`   // sample SD (n-1); 0 when NRuns = 1
	MCSE   float64 `json:"mcse"` // SD/√NRuns
	P2_5   float64 `json:"p2_5"`
	P10    float64 `json:"p10"`
	P50    float64 `json:"p50"`
	P90    float64 `json:"p90"`
	P97_5  float64 `json:"p97_5"`
}

// Summary returns the summary.json records in metric-catalogue order, then
// arm (scenario, counterfactual, difference), then group. A combination no
// run defines has no record; metrics reported for group "all" only have no
// records for other groups.
func (c *Collector) Summary() []Record {
	var out []Record
	for m := range sim.NumMetrics {
		for a := range numArms {
			for g := range sim.NumGroups {
				if r, ok := c.record(m, a, g); ok {
					out = append(out, r)
				}
			}
		}
	}
	return out
}

// Find returns the summary record of a metric, arm and group given by their
// output names; ok is false for an unknown name or a value no run defines.
func (c *Collector) Find(metric, arm, group string) (r Record, ok bool) {
	m, okM := metricByName(metric)
	a, okA := armByName(arm)
	g, okG := groupByName(group)
	if !okM || !okA || !okG {
		return Record{}, false
	}
	return c.record(m, a, g)
}

// record summarises metric m in arm a and group g across the runs.
func (c *Collector) record(m sim.Metric, a arm, g sim.Group) (Record, bool) {
	x := make([]float64, len(c.runs))
	for i, d := range c.runs {
		x[i] = d.value(a, m, g)
	}
	s, ok := describe(x)
	if !ok {
		return Record{}, false
	}
	return Record{
		Metric: m.String(), Arm: a.String(), Group: g.String(),
		NRuns: s.n, Mean: s.mean, SD: s.sd, MCSE: s.mcse,
		P2_5: s.quantile[0], P10: s.quantile[1], P50: s.quantile[2], P90: s.quantile[3], P97_5: s.quantile[4],
	}, true
}

// summaryJSON encodes summary.json.
func (c *Collector) summaryJSON() ([]byte, error) {
	doc := struct {
		SchemaVersion int      `json:"schema_version"`
		Scenario      string   `json:"scenario"`
		Metrics       []Record `json:"metrics"`
	}{sim.SchemaVersion, c.meta.Scenario, c.Summary()}
	if doc.Metrics == nil {
		doc.Metrics = []Record{} // an empty list, not null
	}
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("encoding summary.json: %w", err)
	}
	return append(b, '\n'), nil
}
