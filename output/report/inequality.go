package report

import (
	"errors"
	"fmt"
	"slices"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

// inequalityIndex is an index of inequality across the IMD quintiles in
// runs.csv (group all), as a panel shows it.
type inequalityIndex struct{ metric, title, unit string }

// readIndexRuns reads runs.csv's values of the metrics, by metric and arm,
// in run order.
func readIndexRuns(src source, metrics []string) (map[string]map[string][]float64, error) {
	t, err := src.readCSV("runs.csv", []string{"run", "arm", "group", "metric", "value"}, func(r row) bool {
		return r.str("group") == "all" && slices.Contains(metrics, r.str("metric"))
	})
	if err != nil {
		return nil, err
	}
	out := map[string]map[string][]float64{}
	t.each(func(r row) {
		v, ok := r.num("value")
		if !ok {
			return
		}
		m := r.str("metric")
		if out[m] == nil {
			out[m] = map[string][]float64{}
		}
		out[m][r.str("arm")] = append(out[m][r.str("arm")], v)
	})
	return out, nil
}

// inequalityFigures add the distributions across runs of the SII and RII
// of wellbeing and of QALYs per person-year in each arm, and of the SII of
// the benefit.
func inequalityFigures(src source, d *document, sec *section) {
	levels := []inequalityIndex{
		{"sii_wellbeing", "SII of mean wellbeing", "WEMWBS points, least minus most deprived"},
		{"rii_wellbeing", "RII of mean wellbeing", "ratio, least to most deprived"},
		{"sii_qalys", "SII of QALYs per person-year", "QALYs per person-year"},
		{"rii_qalys", "RII of QALYs per person-year", "ratio, least to most deprived"},
	}
	benefit := []inequalityIndex{
		{"sii_wellbeing_benefit", "SII of the wellbeing benefit", "WEMWBS points"},
		{"sii_qalys_benefit", "SII of the QALY benefit", "QALYs per person-year"},
	}
	var metrics []string
	for _, ix := range append(slices.Clone(levels), benefit...) {
		metrics = append(metrics, ix.metric)
	}
	const levelsTitle, benefitTitle = "Inequality by deprivation in each arm, across runs", "Slope index of the benefit across runs"
	vals, err := readIndexRuns(src, metrics)
	if err != nil {
		d.omit(levelsTitle, err)
		d.omit(benefitTitle, err)
		return
	}
	d.read("runs.csv")
	for _, fig := range []struct {
		id, title, caption string
		indices            []inequalityIndex
		arms               []armStyle
	}{
		{"inequality-runs", levelsTitle,
			"The slope (SII) and relative (RII) indices of inequality across the IMD quintiles in each run (points) and their spread (box: quartiles; whiskers: 1.5 IQR), scenario and counterfactual.",
			levels, []armStyle{counterfactualStyle(), scenarioStyle()}},
		{"benefit-sii-runs", benefitTitle,
			"The slope index of the incremental benefit across the IMD quintiles in each run: above zero, social prescribing benefits less deprived areas more and widens the gap.",
			benefit, []armStyle{{"difference", okabeIto(2), nil}}},
	} {
		f := newFigure(fig.id, fig.title, fig.caption)
		if err := indexPanels(f, fig.indices, fig.arms, vals); err != nil {
			d.omit(fig.title, err)
			continue
		}
		sec.figures = append(sec.figures, f)
	}
}

// indexPanels draws one panel per index, a box and the runs' points per
// arm, two panels to a row, and tabulates each index's median and 95%
// interval across runs.
func indexPanels(f *figure, indices []inequalityIndex, arms []armStyle, vals map[string]map[string][]float64) error {
	f.table = table{head: []string{"index", "arm", "median", "95% of runs", "runs"}, text: 2}
	var panels []*plot.Plot
	for _, ix := range indices {
		p := newPanel(ix.unit, "")
		p.Title.Text = ix.title
		var names []string
		for k, st := range arms {
			names = append(names, st.name)
			v := vals[ix.metric][st.name]
			if len(v) == 0 {
				f.table.add(ix.title, st.name, "–", "–", "0")
				continue
			}
			if err := addRunBox(p, float64(k), v, st); err != nil {
				return err
			}
			sorted := slices.Clone(v)
			slices.Sort(sorted)
			q := func(p float64) float64 { return stat.Quantile(p, stat.LinInterp, sorted, nil) }
			f.table.add(ix.title, st.name, num(q(0.5)), span(q(0.025), q(0.975)), fmt.Sprint(len(v)))
		}
		if len(arms) == 1 {
			p.Add(vline(0, true))
		}
		p.NominalY(names...)
		p.Y.Min, p.Y.Max = -0.6, float64(len(arms))-0.4
		panels = append(panels, p)
	}
	if len(f.table.rows) == 0 || !slices.ContainsFunc(f.table.rows, func(r []string) bool { return r[4] != "0" }) {
		return errors.New("runs.csv has no values of these indices")
	}
	f.grid(panels, 2)
	if len(panels) <= 2 {
		f.height = 3.2 * vg.Inch
	}
	return nil
}

// addRunBox adds at y = loc a horizontal box plot of the values and each
// run's value as a point, spread a little up and down so equal values stay
// visible.
func addRunBox(p *plot.Plot, loc float64, v []float64, st armStyle) error {
	b, err := plotter.NewBoxPlot(vg.Points(16), loc, plotter.Values(v))
	if err != nil {
		return err
	}
	b.Horizontal = true
	b.FillColor = withAlpha(st.colour, 0.25)
	b.BoxStyle.Dashes, b.WhiskerStyle.Dashes = st.dashes, st.dashes
	b.GlyphStyle.Radius = 0 // every run is drawn as a point below
	pts := make(plotter.XYs, len(v))
	for i, x := range v {
		pts[i] = plotter.XY{X: x, Y: loc + 0.3*float64((i*7)%11-5)/5}
	}
	s, err := points(pts, withAlpha(st.colour, 0.8), seriesGlyph(0), 1.6)
	if err != nil {
		return err
	}
	p.Add(b, s)
	return nil
}
