package report

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"gonum.org/v1/plot/plotter"

	"spsim/output"
)

// fanSeries are the weekly series drawn as fan charts, with their titles,
// y axes and what their captions say they count.
func fanSeries() []struct{ series, title, y, what string } {
	return []struct{ series, title, y, what string }{
		{"referrals", "Referrals each week", "people referred per week", "people referred to social prescribing each week (accepted or declined)"},
		{"waiting_list", "Waiting list for a first link-worker contact", "people waiting at the end of the week", "people waiting for a first link-worker contact at the end of each week"},
		{"mean_wait", "Wait for a first link-worker contact", "mean wait (weeks)", "the mean wait of the people first contacted each week (no line in weeks with none)"},
		{"active_caseload", "Active link-worker caseload", "people in full support at the end of the week", "people in full link-worker support at the end of each week"},
		{"in_services", "People in community services", "referred people taking part at the end of the week", "referred people taking part in a community (VCSE) service at the end of each week"},
		{"wellbeing_mean", "Mean wellbeing of registered adults", "mean wellbeing (WEMWBS points)", "the mean wellbeing (WEMWBS, 14-70) of all registered adults each week"},
	}
}

// fanWeek is one week of a series in one arm: its date and the quantiles
// across runs p2_5, p25, p50, p75 and p97_5.
type fanWeek struct {
	week int
	date string
	x    float64 // the date in seconds since 1970, UTC: the x axis
	q    [5]float64
}

// fanQuantiles are the columns of fanWeek.q in timeseries.csv.
func fanQuantiles() [5]string { return [...]string{"p2_5", "p25", "p50", "p75", "p97_5"} }

// readFans reads timeseries.csv into series -> arm -> weeks in week order.
func readFans(src source) (map[string]map[string][]fanWeek, error) {
	q := fanQuantiles()
	t, err := src.readCSV("timeseries.csv", append([]string{"week", "date", "arm", "series"}, q[:]...), nil)
	if err != nil {
		return nil, err
	}
	out := map[string]map[string][]fanWeek{}
	var bad error
	t.each(func(r row) {
		w := fanWeek{date: r.str("date")}
		var err error
		if w.week, err = strconv.Atoi(r.str("week")); err != nil {
			bad = fmt.Errorf("timeseries.csv: week %q is not a number", r.str("week"))
			return
		}
		day, err := time.Parse(time.DateOnly, w.date)
		if err != nil {
			bad = fmt.Errorf("timeseries.csv: date %q is not YYYY-MM-DD", w.date)
			return
		}
		w.x = float64(day.Unix())
		for i, c := range q {
			v, ok := r.num(c)
			if !ok {
				return // a statistic no run defines is not written; skip the week
			}
			w.q[i] = v
		}
		s, a := r.str("series"), r.str("arm")
		if out[s] == nil {
			out[s] = map[string][]fanWeek{}
		}
		out[s][a] = append(out[s][a], w)
	})
	return out, bad
}

// fanCharts adds a fan chart of each series of fanSeries, scenario against
// counterfactual, and one of the difference in mean wellbeing, which the
// two arms' fans are too close to show.
func fanCharts(src source, d *document, s *section) {
	fans, err := readFans(src)
	if err != nil {
		d.omit("Fan charts of the weekly series", err)
		return
	}
	d.read("timeseries.csv")
	for _, fs := range fanSeries() {
		arms := fans[fs.series]
		if len(arms["scenario"]) == 0 && len(arms["counterfactual"]) == 0 {
			d.omit(fs.title, fmt.Errorf("timeseries.csv has no weeks of %s", fs.series))
			continue
		}
		f := newFigure("fan-"+strings.ReplaceAll(fs.series, "_", "-"), fs.title,
			fmt.Sprintf("Across runs, %s: scenario in solid blue, counterfactual in dashed orange; median line, 50%% and 95%% bands.", fs.what))
		styles := []armStyle{counterfactualStyle(), scenarioStyle()} // the scenario drawn last, on top
		if err := drawFan(f, fs.y, fs.series != "wellbeing_mean", arms, styles); err != nil {
			d.omit(fs.title, err)
			continue
		}
		s.figures = append(s.figures, f)
	}
	const title = "Difference in mean wellbeing, scenario minus counterfactual"
	diff := fans["wellbeing_mean"]["difference"]
	if len(diff) == 0 {
		d.omit(title, fmt.Errorf("timeseries.csv has no difference arm of wellbeing_mean"))
		return
	}
	f := newFigure("fan-wellbeing-difference", title,
		"Across runs, the difference in the mean wellbeing of all registered adults that social prescribing makes, run by run (same people, common random numbers); median line, 50% and 95% bands.")
	style := armStyle{"difference", okabeIto(2), nil}
	if err := drawFan(f, "difference in mean wellbeing (WEMWBS points)", false, map[string][]fanWeek{"difference": diff}, []armStyle{style}); err != nil {
		d.omit(title, err)
		return
	}
	f.panels[0][0].Add(hline(0, true)) // no effect
	s.figures = append(s.figures, f)
}

// drawFan draws the arms' fans (median line, 50% and 95% bands) over time
// on one panel, with the y axis from zero for counts, and tabulates every
// 13th week.
func drawFan(f *figure, yLabel string, fromZero bool, arms map[string][]fanWeek, styles []armStyle) error {
	p := newPanel("week starting", yLabel)
	p.X.Tick.Marker = dateTicks{}
	f.legend = newLegend()
	var drawn []armStyle
	var entries []legendEntry
	for _, st := range styles {
		weeks := arms[st.name]
		if len(weeks) == 0 {
			continue
		}
		drawn = append(drawn, st)
		wide, mid := withAlpha(st.colour, 0.16), withAlpha(st.colour, 0.34)
		var median *plotter.Line
		var wideBand, midBand *plotter.Polygon
		// Weeks with no value (a mean wait in a week nobody was first
		// contacted) break the fan into pieces rather than bridging them.
		for _, run := range contiguous(weeks) {
			xs, q := make([]float64, len(run)), [5][]float64{}
			for i, w := range run {
				xs[i] = w.x
				for k := range q {
					q[k] = append(q[k], w.q[k])
				}
			}
			var err error
			if wideBand, err = band(xs, q[0], q[4], wide); err != nil {
				return err
			}
			if midBand, err = band(xs, q[1], q[3], mid); err != nil {
				return err
			}
			xys := make(plotter.XYs, len(xs))
			for i := range xs {
				xys[i] = plotter.XY{X: xs[i], Y: q[2][i]}
			}
			if median, err = line(xys, st.colour, st.dashes, 1.8); err != nil {
				return err
			}
			p.Add(wideBand, midBand, median)
		}
		entries = append([]legendEntry{{st.name + " median", median}, {st.name + ", 50% of runs", midBand}, {st.name + ", 95% of runs", wideBand}}, entries...)
	}
	for _, e := range entries { // the arm drawn last, on top, is listed first
		f.legend.Add(e.name, e.thumb)
	}
	if fromZero {
		p.Y.Min = math.Min(p.Y.Min, 0)
	}
	headroom(p)
	f.one(p)
	slices.Reverse(drawn) // the table lists the arm drawn on top first, as the legend does
	f.table = fanTable(arms, drawn)
	return nil
}

// contiguous splits weeks into runs of consecutive week numbers.
func contiguous(weeks []fanWeek) [][]fanWeek {
	var out [][]fanWeek
	start := 0
	for i := 1; i <= len(weeks); i++ {
		if i == len(weeks) || weeks[i].week != weeks[i-1].week+1 {
			out = append(out, weeks[start:i])
			start = i
		}
	}
	return out
}

// fanTable tabulates the arms' median and bands every 13th week (a
// quarter) and in the last week.
func fanTable(arms map[string][]fanWeek, styles []armStyle) table {
	t := table{head: []string{"week starting"}, text: 1,
		note: "Every 13th week and the last; timeseries.csv has every week."}
	for _, st := range styles {
		t.head = append(t.head, st.name+" median", "50% of runs", "95%")
	}
	last := 0
	for _, st := range styles {
		for _, w := range arms[st.name] {
			last = max(last, w.week)
		}
	}
	for wk := 0; wk <= last; wk++ {
		if wk%13 != 0 && wk != last {
			continue
		}
		cells := []string{""}
		found := false
		for _, st := range styles {
			w, ok := weekOf(arms[st.name], wk)
			if !ok {
				cells = append(cells, "–", "–", "–")
				continue
			}
			found = true
			cells[0] = w.date
			cells = append(cells, output.Human(w.q[2]), span(w.q[1], w.q[3]), span(w.q[0], w.q[4]))
		}
		if found {
			t.add(cells...)
		}
	}
	return t
}

func weekOf(weeks []fanWeek, wk int) (fanWeek, bool) {
	for _, w := range weeks {
		if w.week == wk {
			return w, true
		}
	}
	return fanWeek{}, false
}
