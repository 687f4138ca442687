package report

import (
	"fmt"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// optionRuns is option_runs.csv: each option's incremental cost and QALYs
// against the comparator, run by run.
type optionRuns map[string][]struct{ cost, qalys float64 }

func readOptionRuns(src source, d *document) (optionRuns, error) {
	t, err := src.readCSV("option_runs.csv", []string{"option", "run", "inc_cost", "inc_qalys"}, nil)
	if err != nil {
		return nil, err
	}
	d.read("option_runs.csv")
	out := optionRuns{}
	t.each(func(r row) {
		c, okC := r.num("inc_cost")
		q, okQ := r.num("inc_qalys")
		if okC && okQ {
			out[r.str("option")] = append(out[r.str("option")], struct{ cost, qalys float64 }{c, q})
		}
	})
	return out, nil
}

// cePlane draws each option's incremental cost against its incremental
// QALYs in every run, with the mean, and the willingness-to-pay lines of
// the comparison's thresholds: below a line, an option is cost-effective
// at that threshold.
func cePlane(src source, d *document, c *comparison) (*figure, error) {
	runs, err := readOptionRuns(src, d)
	if err != nil {
		return nil, err
	}
	maxCost := 0.0
	for _, name := range c.others() {
		for _, r := range runs[name] {
			maxCost = math.Max(maxCost, math.Abs(r.cost))
		}
	}
	scale, yLabel := money(maxCost, "incremental cost")
	p := newPanel("incremental QALYs (discounted)", yLabel)
	f := newFigure("ce-plane", "Cost-effectiveness plane against "+c.Comparator,
		fmt.Sprintf("Each option's incremental cost (GBP at %s prices, discounted) and QALYs against %s in each of %d runs (small markers) and their mean (large); below a threshold's line the option is cost-effective at it.", c.PriceYear, c.Comparator, c.Runs))
	f.legend = newLegend()
	f.table = table{head: []string{"option", "incremental QALYs", "95% interval", "incremental cost (GBP)", "95% interval", "ICER (GBP/QALY)", "runs"}, text: 1}
	drawn := 0
	for _, name := range c.others() {
		rs := runs[name]
		st := c.style(name)
		if len(rs) == 0 {
			continue
		}
		xys := make(plotter.XYs, len(rs))
		for i, r := range rs {
			xys[i] = plotter.XY{X: r.qalys, Y: r.cost / scale}
		}
		cloud, err := points(xys, withAlpha(st.colour, 0.5), st.glyph, 2.4)
		if err != nil {
			return nil, err
		}
		mx, my := meanXY(xys)
		mean, err := points(plotter.XYs{{X: mx, Y: my}}, st.colour, st.glyph, 6)
		if err != nil {
			return nil, err
		}
		p.Add(cloud, mean)
		f.legend.Add(name, mean)
		drawn++
		o := c.option(name)
		f.table.add(name, num(float64(o.IncQALYs.Mean)), span(float64(o.IncQALYs.Lo), float64(o.IncQALYs.Hi)),
			num(float64(o.IncCost.Mean)), span(float64(o.IncCost.Lo), float64(o.IncCost.Hi)), num(float64(o.ICER)), fmt.Sprint(len(rs)))
	}
	if drawn == 0 {
		return nil, fmt.Errorf("option_runs.csv has no runs of the options other than %s", c.Comparator)
	}
	p.Add(hline(0, false), vline(0, false))
	margins(p)
	for i, l := range c.thresholds() {
		w := &wtpLine{slope: l / scale, style: draw.LineStyle{Color: reference(), Width: vg.Points(1), Dashes: seriesDashes(i + 1)}}
		p.Add(w)
		f.legend.Add(fmt.Sprintf("GBP %s per QALY", num(l)), w)
	}
	f.one(p)
	return f, nil
}

func meanXY(xys plotter.XYs) (x, y float64) {
	for _, p := range xys {
		x += p.X
		y += p.Y
	}
	n := float64(len(xys))
	return x / n, y / n
}

// wtpLine is the line cost = slope x QALYs through the origin across the
// panel, whatever its range: the willingness-to-pay threshold on a
// cost-effectiveness plane. It does not widen the axes.
type wtpLine struct {
	slope float64
	style draw.LineStyle
}

func (w *wtpLine) Plot(c draw.Canvas, p *plot.Plot) {
	tx, ty := p.Transforms(&c)
	x0, x1 := p.X.Min, p.X.Max
	c.StrokeLines(w.style, c.ClipLinesXY([]vg.Point{{X: tx(x0), Y: ty(w.slope * x0)}, {X: tx(x1), Y: ty(w.slope * x1)}})...)
}

func (w *wtpLine) Thumbnail(c *draw.Canvas) {
	y := (c.Min.Y + c.Max.Y) / 2
	c.StrokeLine2(w.style, c.Min.X, y, c.Max.X, y)
}
