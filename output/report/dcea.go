package report

import (
	"errors"
	"fmt"
	"math"
	"strconv"

	"spsim/output"
)

// impactPlane places each option on the equity-efficiency impact plane
// from compare.json, drawn as spsim compare draws impact-plane.svg.
func impactPlane(c *comparison) (*figure, error) {
	if math.IsNaN(float64(c.OppCost)) {
		return nil, errors.New("compare.json has no opportunity_cost_threshold (written by an older spsim? run spsim compare again)")
	}
	f := newFigure("impact-plane", "Equity-efficiency impact plane against "+c.Comparator,
		"Each option's health gain net of the health its costs displace elsewhere in the NHS (x) against the fall in the gap in quality-adjusted life expectancy between the most and least deprived (y); north-east gains on both.")
	f.table = table{head: []string{"option", "net health benefit (QALYs)", "reduction in the QALE gap (QALYs)", "quadrant"}, text: 1}
	var pts []output.ImpactPoint
	for _, name := range c.others() {
		o := c.option(name)
		if o.DCEA == nil {
			f.table.add(name, "–", "–", "–")
			continue
		}
		pl := o.DCEA.Plane
		pts = append(pts, output.ImpactPoint{Option: name, NetHealthBenefit: float64(pl.NHB), GapReduction: float64(pl.Gap)})
		f.table.add(name, num(float64(pl.NHB)), num(float64(pl.Gap)), pl.Quadrant)
	}
	if len(pts) == 0 {
		return nil, errors.New("compare.json has no option with a distributional analysis")
	}
	p, err := output.ImpactPlane("", float64(c.OppCost), pts)
	if err != nil {
		return nil, err
	}
	p.X.Tick.Marker, p.Y.Tick.Marker = groupedTicks{}, groupedTicks{}
	f.one(p)
	return f, nil
}

// dceaFigure draws each option's net health benefit by IMD quintile: the
// QALYs it adds in the quintile less the quintile's share of the QALYs its
// costs displace.
func dceaFigure(src source, d *document, c *comparison) (*figure, error) {
	t, err := src.readCSV("dcea.csv", []string{"option", "imd_quintile", "inc_qalys", "opp_cost_qalys", "nhb"}, nil)
	if err != nil {
		return nil, err
	}
	d.read("dcea.csv")
	f := newFigure("dcea-imd", "Net health benefit by IMD quintile",
		fmt.Sprintf("For each option against %s, the QALYs it adds in each IMD quintile less the quintile's share of the QALYs its costs displace elsewhere in the NHS (means across runs).", c.Comparator))
	f.legend = newLegend()
	f.table = table{head: []string{"option", "IMD quintile", "incremental QALYs", "QALYs displaced", "net health benefit"}, text: 2}
	p := newPanel("IMD quintile of residence", "net health benefit (QALYs)")
	others := c.others()
	w := 0.8 / float64(max(1, len(others)))
	legend := map[string]bool{}
	t.each(func(r row) {
		o := r.str("option")
		k := -1
		for i, n := range others {
			if n == o {
				k = i
			}
		}
		q, errQ := strconv.Atoi(r.str("imd_quintile"))
		nhb, ok := r.num("nhb")
		inc, _ := r.num("inc_qalys")
		opp, _ := r.num("opp_cost_qalys")
		if k < 0 || errQ != nil || q < 1 || q > 5 || !ok || math.IsInf(nhb, 0) {
			return
		}
		f.table.add(o, strconv.Itoa(q), num(inc), num(opp), num(nhb))
		b := newBars(c.style(o).colour)
		x0 := float64(q-1) - 0.4 + w*float64(k)
		b.rects = append(b.rects, rect{x0, x0 + w, 0, nhb})
		p.Add(b)
		if !legend[o] {
			legend[o] = true
			f.legend.Add(o, b)
		}
	})
	if len(f.table.rows) == 0 {
		return nil, errors.New("dcea.csv has no rows of the options")
	}
	p.Add(hline(0, false))
	p.NominalX("IMD 1 (most deprived)", "IMD 2", "IMD 3", "IMD 4", "IMD 5 (least)")
	headroom(p)
	f.one(p)
	return f, nil
}
