package output

import (
	"strconv"

	"spsim/sim"
)

func runsColumns() []column {
	return []column{
		{"run", "run index within the ensemble, from 0"},
		{"seed", "the run's derived seed (sim.RunSeed of the ensemble seed and run index)"},
		{"arm", "scenario, counterfactual or difference (scenario − counterfactual in the same run)"},
		{"group", "population subgroup (see Groups)"},
		{"metric", "metric name (see Metrics)"},
		{"value", "the run's value; rows exist only for defined values"},
	}
}

// runsCSV encodes runs.csv: one row per run, arm, group and metric with a
// defined value, ordered by run, arm, group and metric catalogue.
func (c *Collector) runsCSV() ([]byte, error) {
	t := newTable(runsColumns())
	for _, d := range c.runs {
		run, seed := strconv.Itoa(d.run), strconv.FormatUint(d.seed, 10)
		for a := range numArms {
			for g := range sim.NumGroups {
				for m := range sim.NumMetrics {
					if v := d.value(a, m, g); sim.Defined(v) {
						t.row(run, seed, a.String(), g.String(), m.String(), num(v))
					}
				}
			}
		}
	}
	return t.bytes()
}
