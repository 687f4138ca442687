package output

import (
	"strconv"

	"spsim/sim"
)

func timeseriesColumns() []column {
	q := quantileColumns()
	return []column{
		{"week", "week of the horizon, from 0 (burn-in excluded)"},
		{"date", "first day of the week, YYYY-MM-DD"},
		{"arm", "scenario, counterfactual or difference (per run, scenario − counterfactual, where both are defined)"},
		{"series", "weekly series name (see Weekly series)"},
		{"n_runs", "runs defining the series in this week and arm, among runs 0-199: weekly series are kept for the first 200 runs only (a bounded store)"},
		{"mean", "mean across those runs"},
		{q[0], "2.5% quantile across runs"},
		{q[1], "10% quantile across runs"},
		{"p25", "25% quantile across runs (with p75, the 50% band of the report's fan charts)"},
		{q[2], "median across runs"},
		{"p75", "75% quantile across runs"},
		{q[3], "90% quantile across runs"},
		{q[4], "97.5% quantile across runs"},
	}
}

// numWeeks is the number of weeks reported: the horizon's weeks when known,
// else the longest series any run recorded.
func (c *Collector) numWeeks() int {
	if n := len(c.meta.WeekDates); n > 0 {
		return n
	}
	n := 0
	for _, d := range c.runs {
		for a := range d.weekly {
			for _, x := range d.weekly[a] {
				n = max(n, len(x))
			}
		}
	}
	return n
}

// timeseriesCSV encodes timeseries.csv: across-run statistics for every week,
// arm and series that at least one run defines, ordered by week, arm, series.
func (c *Collector) timeseriesCSV() ([]byte, error) {
	t := newTable(timeseriesColumns())
	x := make([]float64, len(c.runs))
	for w := range c.numWeeks() {
		date := ""
		if w < len(c.meta.WeekDates) {
			date = c.meta.WeekDates[w].String()
		}
		for a := range numArms {
			for s := range sim.NumSeries {
				for i, d := range c.runs {
					x[i] = d.weeklyValue(a, s, w)
				}
				st, ok := describe(x)
				if !ok {
					continue
				}
				q := st.quantile
				t.row(strconv.Itoa(w), date, a.String(), s.String(), strconv.Itoa(st.n),
					num(st.mean), num(q[0]), num(q[1]), num(st.quartile[0]), num(q[2]), num(st.quartile[1]), num(q[3]), num(q[4]))
			}
		}
	}
	return t.bytes()
}
