package output

import (
	"slices"
	"strconv"

	"spsim/sim"
)

// pcnMetrics are the metrics reported per PCN in by_pcn.csv.
func pcnMetrics() []sim.Metric {
	return []sim.Metric{sim.MReferralsRate, sim.MFirstContact, sim.MWaitMean, sim.MAnyIntervention,
		sim.MWellbeingChange, sim.MWellbeingChangeReferred, sim.MQALYs, sim.MCostTotal, sim.MFTEInPost}
}

func byPCNColumns() []column {
	return []column{
		{"pcn", "PCN index in the scenario's PCN list, from 0"},
		{"name", "PCN name"},
		{"registered", "registered patients, all ages"},
		{"imd_q1", "share of the registered list in IMD quintile 1 (most deprived)"},
		{"imd_q2", "share in IMD quintile 2"},
		{"imd_q3", "share in IMD quintile 3"},
		{"imd_q4", "share in IMD quintile 4"},
		{"imd_q5", "share in IMD quintile 5 (least deprived)"},
		{"n_runs", "runs in which this PCN was simulated (PCNs may be sampled per run)"},
		{"metric", "metric name, group all within the PCN"},
		{"scenario", "mean across the runs defining the value in the scenario arm; empty if none does"},
		{"counterfactual", "the same for the counterfactual arm"},
		{"difference", "mean of the per-run differences scenario − counterfactual, over runs defining both; empty if none does"},
	}
}

// byPCNCSV encodes by_pcn.csv: for each PCN simulated in at least one run
// (in PCN index order) and each of pcnMetrics, the across-run means per arm.
func (c *Collector) byPCNCSV() ([]byte, error) {
	// runsOf[p] lists PCN p's values in the runs that simulated it, in run order.
	var runsOf [][]*sim.PCNRun
	for _, d := range c.runs {
		for i := range d.pcns {
			pr := &d.pcns[i]
			if pr.PCN < 0 {
				continue
			}
			for len(runsOf) <= pr.PCN {
				runsOf = append(runsOf, nil)
			}
			runsOf[pr.PCN] = append(runsOf[pr.PCN], pr)
		}
	}

	t := newTable(byPCNColumns())
	for p, prs := range runsOf {
		if len(prs) == 0 {
			continue
		}
		desc := c.pcnFields(p)
		n := strconv.Itoa(len(prs))
		for _, m := range pcnMetrics() {
			row := append(slices.Clone(desc), n, m.String())
			for a := range numArms {
				x := make([]float64, len(prs))
				for i, pr := range prs {
					x[i] = pickMetric(m, a, pr.Values[sim.ScenarioArm][m], pr.Values[sim.CounterfactualArm][m])
				}
				row = append(row, optNum(meanOf(x)))
			}
			t.row(row...)
		}
	}
	return t.bytes()
}

// pcnFields returns the descriptive columns of PCN p (pcn to imd_q5); they are
// empty, apart from the index, for a PCN the collector's Meta does not list.
func (c *Collector) pcnFields(p int) []string {
	f := make([]string, 8)
	f[0] = strconv.Itoa(p)
	if p < len(c.meta.PCNs) {
		spec := c.meta.PCNs[p]
		f[1] = spec.Name
		f[2] = num(spec.Registered())
		for q, s := range spec.IMDShares() {
			f[3+q] = num(s)
		}
	}
	return f
}
