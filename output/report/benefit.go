package report

import (
	"fmt"

	"gonum.org/v1/plot/plotter"
)

// benefitFigures add the incremental wellbeing and QALYs by IMD quintile
// with their 95% intervals across runs: who social prescribing helps.
func benefitFigures(s summary, d *document, sec *section) {
	for _, b := range []struct{ id, metric, title, y, what string }{
		{"benefit-wellbeing-imd", "wellbeing_mean", "Incremental wellbeing by IMD quintile", "difference in mean wellbeing (WEMWBS points)",
			"the difference social prescribing makes to the mean wellbeing of the quintile's adults over the horizon"},
		{"benefit-qalys-imd", "qalys", "Incremental QALYs by IMD quintile", "incremental QALYs (discounted)",
			"the discounted QALYs social prescribing adds among the quintile's adults over the horizon"},
	} {
		f, err := quintileBenefit(s, b.id, b.metric, b.title, b.y, b.what)
		if err != nil {
			d.omit(b.title, err)
			continue
		}
		sec.figures = append(sec.figures, f)
	}
}

// quintileBenefit draws the difference arm of metric by IMD quintile: the
// mean across runs as a bar, the 2.5% to 97.5% quantiles as an interval.
func quintileBenefit(s summary, id, metric, title, yLabel, what string) (*figure, error) {
	f := newFigure(id, title, fmt.Sprintf("By IMD quintile, %s: mean across runs (bar) and the 95%% interval across runs (line).", what))
	p := newPanel("IMD quintile of residence", yLabel)
	var xys plotter.XYs
	var lo, hi []float64
	var labels []string
	f.table = table{head: []string{"group", "mean", "95% interval", "runs"}, text: 1,
		note: "Scenario minus counterfactual, run by run (summary.json, arm difference)."}
	for q, g := range append(quintileGroups(), "all") {
		r, ok := s.get(metric, "difference", g)
		label := "all adults"
		if g != "all" {
			label = quintileLabel(q + 1)
		}
		if !ok {
			f.table.add(label, "–", "–", "0")
			continue
		}
		f.table.add(label, num(r.Mean), span(r.P2_5, r.P97_5), fmt.Sprint(r.NRuns))
		if g == "all" {
			continue
		}
		b := newBars(quintileColour(q + 1))
		b.rects = append(b.rects, rect{float64(q) - 0.35, float64(q) + 0.35, 0, r.Mean})
		p.Add(b)
		xys = append(xys, plotter.XY{X: float64(q), Y: r.Mean})
		lo, hi = append(lo, r.P2_5), append(hi, r.P97_5)
	}
	if len(xys) == 0 {
		return nil, fmt.Errorf("summary.json has no difference of %s by IMD quintile", metric)
	}
	for q := range quintileGroups() {
		labels = append(labels, fmt.Sprintf("IMD %d", q+1))
	}
	labels[0], labels[4] = "IMD 1 (most deprived)", "IMD 5 (least)"
	e, err := intervals(xys, lo, hi, blackish())
	if err != nil {
		return nil, err
	}
	p.Add(e, hline(0, false))
	p.NominalX(labels...)
	headroom(p)
	f.one(p)
	return f, nil
}
