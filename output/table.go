package output

import (
	"fmt"
	"io"

	"spsim/sim"
)

// tableMetrics are the headline metrics of the stdout table.
func tableMetrics() []sim.Metric {
	return []sim.Metric{sim.MReferrals, sim.MDeclined, sim.MFirstContact, sim.MThreePlus,
		sim.MAnyIntervention, sim.MWaitMean, sim.MWellbeingChange, sim.MWellbeingChangeReferred,
		sim.MGP, sim.MAE, sim.MQALYs, sim.MCostTotal, sim.MSIIWellbeing, sim.MSIIWellbeingBenefit}
}

// Table prints the headline results for group "all" as an aligned text
// table: each arm's mean across runs, and the mean difference with its 95%
// interval (2.5% and 97.5% quantiles of the per-run differences). Values no
// run defines print as "-".
func (c *Collector) Table(w io.Writer) {
	fmt.Fprintf(w, "%s: %d runs, group all; means across runs; 95%% interval of the difference: 2.5%% to 97.5%% quantiles of the per-run differences\n", c.meta.Scenario, len(c.runs))
	header := []string{"metric", "unit", "scenario", "counterfactual", "difference", "95% interval"}
	var rows [][]string
	for _, m := range tableMetrics() {
		row := []string{m.String(), m.Def().Unit}
		for a := range numArms {
			cell := "-"
			if r, ok := c.record(m, a, sim.GroupAll); ok {
				cell = human(r.Mean)
			}
			row = append(row, cell)
		}
		interval := "-"
		if r, ok := c.record(m, armDifference, sim.GroupAll); ok {
			interval = human(r.P2_5) + " to " + human(r.P97_5)
		}
		rows = append(rows, append(row, interval))
	}
	writeAligned(w, header, rows, 2)
}
