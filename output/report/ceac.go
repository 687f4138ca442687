package report

import (
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/plot/plotter"
)

// ceacFigure draws the cost-effectiveness acceptability curves (each
// option's share of runs with the highest net monetary benefit, by
// willingness to pay) under the acceptability frontier (the option with
// the highest mean net benefit).
func ceacFigure(src source, d *document, c *comparison) (*figure, error) {
	t, err := src.readCSV("ceac.csv", []string{"threshold", "option", "prob_best", "on_ceaf"}, nil)
	if err != nil {
		return nil, err
	}
	d.read("ceac.csv")
	curves := map[string]plotter.XYs{}
	var frontier plotter.XYs
	best := map[float64]string{}
	var lambdas []float64
	t.each(func(r row) {
		l, okL := r.num("threshold")
		pb, okP := r.num("prob_best")
		if !okL || !okP {
			return
		}
		o := r.str("option")
		curves[o] = append(curves[o], plotter.XY{X: l, Y: pb})
		if r.str("on_ceaf") == "true" {
			frontier = append(frontier, plotter.XY{X: l, Y: pb})
			best[l] = o
		}
		if len(lambdas) == 0 || lambdas[len(lambdas)-1] != l {
			lambdas = append(lambdas, l)
		}
	})
	if len(curves) == 0 {
		return nil, fmt.Errorf("ceac.csv has no curves")
	}
	p := newPanel("willingness to pay (GBP per QALY)", "probability cost-effective (share of runs)")
	f := newFigure("ceac", "Cost-effectiveness acceptability curves",
		"At each willingness to pay, the share of runs in which each option has the highest net monetary benefit; the grey band follows the option with the highest mean net benefit (the frontier).")
	f.legend = newLegend()
	if len(frontier) > 0 {
		fl, err := line(frontier, withAlpha(okabeIto(7), 0.18), nil, 9)
		if err != nil {
			return nil, err
		}
		p.Add(fl)
		f.legend.Add("acceptability frontier", fl)
	}
	for _, o := range c.Options {
		xys := curves[o.Name]
		if len(xys) == 0 {
			continue
		}
		st := c.style(o.Name)
		l, err := line(xys, st.colour, st.dashes, 1.8)
		if err != nil {
			return nil, err
		}
		p.Add(l)
		f.legend.Add(o.Name, l)
	}
	for _, l := range c.thresholds() {
		p.Add(vline(l, true))
	}
	p.Y.Min, p.Y.Max = 0, 1
	f.one(p)

	f.table = table{head: []string{"GBP per QALY"}, text: 0, note: "Every GBP 5,000; ceac.csv has every GBP 1,000."}
	for _, o := range c.Options {
		f.table.head = append(f.table.head, o.Name)
	}
	f.table.head = append(f.table.head, "highest mean NMB")
	for _, l := range lambdas {
		if math.Mod(l, 5000) != 0 && !slices.Contains(c.thresholds(), l) {
			continue
		}
		cells := []string{num(l)}
		for _, o := range c.Options {
			cells = append(cells, probAt(curves[o.Name], l))
		}
		f.table.add(append(cells, best[l])...)
	}
	return f, nil
}

// probAt is the curve's value at threshold l, formatted.
func probAt(xys plotter.XYs, l float64) string {
	for _, p := range xys {
		if p.X == l {
			return fmt.Sprintf("%.2f", p.Y)
		}
	}
	return "–"
}
