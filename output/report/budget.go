package report

import (
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
)

// payerLabel names budget.csv's payers.
func payerLabel(p string) string {
	switch p {
	case "nhs_social_prescribing":
		return "NHS social prescribing"
	case "vcse":
		return "VCSE grants and places"
	case "nhs_use":
		return "NHS use (GP, A&E)"
	}
	return p
}

// budgetFigure draws each option's budget impact against the comparator
// by NHS financial year: a bar for each payer and the total with its 95%
// interval across runs, one panel per option on a shared scale.
func budgetFigure(src source, d *document, c *comparison) (*figure, error) {
	t, err := src.readCSV("budget.csv", []string{"option", "financial_year", "weeks", "payer", "inc_cost", "inc_cost_p2_5", "inc_cost_p97_5"}, nil)
	if err != nil {
		return nil, err
	}
	d.read("budget.csv")
	type cell struct{ mean, lo, hi float64 }
	impact := map[[3]string]cell{} // option, year, payer
	var years, payers []string
	weeks := map[string]string{}
	maxAbs := 0.0
	t.each(func(r row) {
		m, okM := r.num("inc_cost")
		lo, _ := r.num("inc_cost_p2_5")
		hi, _ := r.num("inc_cost_p97_5")
		if !okM {
			return
		}
		y, p := r.str("financial_year"), r.str("payer")
		impact[[3]string{r.str("option"), y, p}] = cell{m, lo, hi}
		weeks[y] = r.str("weeks")
		if !slices.Contains(years, y) {
			years = append(years, y)
		}
		if p != "total" && !slices.Contains(payers, p) {
			payers = append(payers, p)
		}
		maxAbs = math.Max(maxAbs, math.Max(math.Abs(m), math.Max(math.Abs(lo), math.Abs(hi))))
	})
	if len(years) == 0 {
		return nil, fmt.Errorf("budget.csv has no rows")
	}
	scale, yLabel := money(maxAbs, "budget impact")
	f := newFigure("budget-impact", "Budget impact by financial year and payer",
		fmt.Sprintf("Each option's undiscounted cost minus %s's by NHS financial year (GBP at %s prices): bars by payer (means across runs), the black marker the total with its 95%% interval across runs.", c.Comparator, c.PriceYear))
	f.legend = newLegend()
	f.table = table{head: []string{"option", "year", "weeks"}, text: 2}
	for _, p := range payers {
		f.table.head = append(f.table.head, payerLabel(p))
	}
	f.table.head = append(f.table.head, "total", "95% interval")
	var panels []*plot.Plot
	lo, hi := math.Inf(1), math.Inf(-1)
	w := 0.8 / float64(len(payers)+1) // a slot per payer, and the total's
	for _, name := range c.others() {
		p := newPanel("NHS financial year", yLabel)
		p.Title.Text = name
		var totals plotter.XYs
		var tlo, thi []float64
		for yi, y := range years {
			cells := []string{name, y, weeks[y]}
			for pi, payer := range payers {
				v, ok := impact[[3]string{name, y, payer}]
				if !ok {
					cells = append(cells, "–")
					continue
				}
				cells = append(cells, num(v.mean))
				b := newBars(okabeIto([]int{0, 2, 3, 4, 5}[pi%5]))
				x0 := float64(yi) - 0.4 + w*float64(pi)
				b.rects = append(b.rects, rect{x0, x0 + w, 0, v.mean / scale})
				p.Add(b)
				if len(panels) == 0 && yi == 0 {
					f.legend.Add(payerLabel(payer), b)
				}
			}
			if v, ok := impact[[3]string{name, y, "total"}]; ok {
				totals = append(totals, plotter.XY{X: float64(yi) - 0.4 + w*(float64(len(payers))+0.5), Y: v.mean / scale})
				tlo, thi = append(tlo, v.lo/scale), append(thi, v.hi/scale)
				cells = append(cells, num(v.mean), span(v.lo, v.hi))
			} else {
				cells = append(cells, "–", "–")
			}
			f.table.add(cells...)
		}
		if len(totals) > 0 {
			e, err := intervals(totals, tlo, thi, blackish())
			if err != nil {
				return nil, err
			}
			dm, err := points(totals, blackish(), seriesGlyph(0), 3)
			if err != nil {
				return nil, err
			}
			p.Add(e, dm)
			if len(panels) == 0 {
				f.legend.Add("total (95% interval)", dm)
			}
		}
		p.Add(hline(0, false))
		p.NominalX(years...)
		lo, hi = math.Min(lo, p.Y.Min), math.Max(hi, p.Y.Max)
		panels = append(panels, p)
	}
	if len(panels) == 0 {
		return nil, fmt.Errorf("the comparison has no option besides %s", c.Comparator)
	}
	for _, p := range panels { // one scale, so the panels compare at a glance
		p.Y.Min, p.Y.Max = lo, hi
		p.X.Min, p.X.Max = -0.5, float64(len(years))-0.5
		headroom(p)
	}
	f.table.note = "GBP, undiscounted, against " + c.Comparator + "; the first and last years may be part years (weeks)."
	f.grid(panels, 2)
	return f, nil
}
