package report

import (
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/plot/plotter"
)

// nmbFigure draws each option's incremental net monetary benefit against
// the comparator (threshold x incremental QALYs - incremental cost) as the
// willingness to pay rises: the mean across runs and the band holding 95%
// of runs, from option_runs.csv. Above zero, the option is worth its cost
// at that threshold.
func nmbFigure(src source, d *document, c *comparison) (*figure, error) {
	runs, err := readOptionRuns(src, d)
	if err != nil {
		return nil, err
	}
	const maxLambda, step = 100000.0, 2000.0
	type curve struct{ l, mean, lo, hi []float64 }
	curves := map[string]*curve{}
	maxAbs := 0.0
	for _, name := range c.others() {
		rs := runs[name]
		if len(rs) == 0 {
			continue
		}
		cv := &curve{}
		inb := make([]float64, len(rs))
		for l := 0.0; l <= maxLambda; l += step {
			for i, r := range rs {
				inb[i] = l*r.qalys - r.cost
			}
			slices.Sort(inb)
			m := mean(inb)
			lo, hi := stat.Quantile(0.025, stat.LinInterp, inb, nil), stat.Quantile(0.975, stat.LinInterp, inb, nil)
			cv.l, cv.mean, cv.lo, cv.hi = append(cv.l, l), append(cv.mean, m), append(cv.lo, lo), append(cv.hi, hi)
			maxAbs = math.Max(maxAbs, math.Max(math.Abs(lo), math.Abs(hi)))
		}
		curves[name] = cv
	}
	if len(curves) == 0 {
		return nil, fmt.Errorf("option_runs.csv has no runs of the options other than %s", c.Comparator)
	}
	scale, yLabel := money(maxAbs, "incremental net monetary benefit")
	p := newPanel("willingness to pay (GBP per QALY)", yLabel)
	f := newFigure("nmb-threshold", "Incremental net monetary benefit by threshold",
		fmt.Sprintf("Each option's net monetary benefit against %s (GBP at %s prices, discounted) as the willingness to pay per QALY rises: mean across runs (line) and 95%% of runs (band); above zero the option is worth its cost.", c.Comparator, c.PriceYear))
	f.legend = newLegend()
	for _, name := range c.others() {
		cv := curves[name]
		if cv == nil {
			continue
		}
		st := c.style(name)
		div := func(x []float64) []float64 {
			out := make([]float64, len(x))
			for i, v := range x {
				out[i] = v / scale
			}
			return out
		}
		b, err := band(cv.l, div(cv.lo), div(cv.hi), withAlpha(st.colour, 0.14))
		if err != nil {
			return nil, err
		}
		xys := make(plotter.XYs, len(cv.l))
		for i := range cv.l {
			xys[i] = plotter.XY{X: cv.l[i], Y: cv.mean[i] / scale}
		}
		l, err := line(xys, st.colour, st.dashes, 1.8)
		if err != nil {
			return nil, err
		}
		p.Add(b, l)
		f.legend.Add(name, l)
	}
	p.Add(hline(0, false))
	for _, l := range c.thresholds() {
		p.Add(vline(l, true))
	}
	f.one(p)

	f.table = table{head: []string{"option", "GBP per QALY", "NMB (GBP)", "incremental NMB (GBP)", "P(cost-effective)"}, text: 1,
		note: "At the comparison's thresholds (compare.json): means across runs; P is the share of runs with a positive incremental NMB."}
	for _, o := range c.Options {
		for _, t := range o.Thresholds {
			inb, pce := "–", "–"
			if !o.Comparator {
				inb, pce = num(float64(t.INB)), fmt.Sprintf("%.2f", float64(t.ProbCE))
			}
			f.table.add(o.Name, num(float64(t.Threshold)), num(float64(t.NMB)), inb, pce)
		}
	}
	return f, nil
}

// mean is the arithmetic mean of x summed in order. (gonum's unweighted
// stat.Mean sums with SIMD code whose grouping depends on the slice's
// alignment in memory, which could change the last bit from one build of
// the page to the next.)
func mean(x []float64) float64 {
	s := 0.0
	for _, v := range x {
		s += v
	}
	return s / float64(len(x))
}
