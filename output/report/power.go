package report

import (
	"encoding/json"
	"errors"
	"fmt"
	"image/color"
	"math"
	"slices"
	"strings"

	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"spsim/output"
)

// powerStudy is what the report reads of power.json.
type powerStudy struct {
	Study  string `json:"study"`
	Mode   string `json:"mode"`
	Design struct {
		Kind string `json:"kind"`
	} `json:"design"`
	Analyses   []string            `json:"analyses"`
	Vary       string              `json:"vary"`
	Studies    int                 `json:"studies"`
	Alpha      float64             `json:"alpha"`
	Target     float64             `json:"target_power"`
	Seed       uint64              `json:"seed"`
	TrueEffect float64             `json:"true_effect"`
	Needed     []sizeNeeded        `json:"size_for_target_power"`
	Points     []output.PowerPoint `json:"points"`
}

// sizeNeeded is the size an analysis needs for the target power: a number,
// or power.json's words for none on the grid.
type sizeNeeded struct {
	Analysis  string          `json:"analysis"`
	Simulated json.RawMessage `json:"simulated"`
	Closed    json.RawMessage `json:"closed_form"`
}

// sizeValue reads a size needed: the number, or NaN and the words
// power.json gives instead ("below grid", "unreachable"; null is not
// reached on the grid, or no closed form).
func sizeValue(raw json.RawMessage) (float64, string) {
	var v float64
	if json.Unmarshal(raw, &v) == nil && len(raw) > 0 && string(raw) != "null" {
		return v, num(v)
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return math.NaN(), s
	}
	return math.NaN(), "–"
}

// sizeUnit is what the grid counts.
func (s *powerStudy) sizeUnit() string {
	if s.Design.Kind == "before_after" {
		return "people"
	}
	switch s.Vary {
	case "per_arm":
		return "people per arm"
	case "clusters":
		return "clusters"
	case "cluster_size":
		return "people per cluster"
	}
	return s.Vary
}

// design names the study's design in words.
func (s *powerStudy) design() string {
	switch s.Design.Kind {
	case "rct":
		return "randomised controlled trial"
	case "cluster_rct":
		return "cluster randomised trial"
	case "stepped_wedge":
		return "stepped-wedge trial"
	case "before_after":
		return "before-after study"
	case "controlled_before_after":
		return "controlled before-after study"
	}
	return strings.ReplaceAll(s.Design.Kind, "_", " ")
}

// analysisStyle is how analysis i of the study is drawn in every figure.
func analysisStyle(i int) optionStyle {
	return optionStyle{okabeIto(i), seriesDashes(i), seriesGlyph(i)}
}

// buildPower lays out the report of `spsim power`: power, type I error,
// bias, coverage and the minimum detectable effect by size for each
// analysis, and the size each needs.
func buildPower(src source) *document {
	d := &document{kind: "power"}
	m, _ := manifestFacts(src, d)
	var s powerStudy
	if !readResults(src, d, m, "power.json", m.Study, &s) {
		return d
	}
	d.title = "spsim power: " + s.Study
	d.lead = fmt.Sprintf("A %s simulated %d times at each size of its grid, with the effect and, from the same random numbers, without it; "+
		"each analysis is fitted to every simulated study's individual outcomes. The true effect is %s; alpha %s; target power %s.",
		s.design(), s.Studies, num(s.TrueEffect), num(s.Alpha), num(s.Target))
	d.facts = append(d.facts,
		[2]string{"study", s.Study},
		[2]string{"design", s.design()},
		[2]string{"mode", s.Mode},
		[2]string{"analyses", strings.Join(s.Analyses, ", ")},
		[2]string{"studies", fmt.Sprintf("%d per size", s.Studies)},
		[2]string{"seed", fmt.Sprint(s.Seed)})
	d.facts = append(d.facts, versionFacts(m)...)
	if len(s.Points) == 0 {
		d.omit("Every figure of the study", errors.New("power.json has no points"))
		return d
	}
	sec := d.section("power", "Power and size", "")
	for _, spec := range powerSpecs(&s) {
		spec := spec
		sec.add(d, spec.title, func() (*figure, error) { return sizeCurves(&s, spec) })
	}
	sec.add(d, "Size needed for the target power", func() (*figure, error) { return sizeNeededFigure(&s) })
	acc := d.section("accuracy", "Bias and coverage", "")
	for _, spec := range accuracySpecs(&s) {
		spec := spec
		acc.add(d, spec.title, func() (*figure, error) { return sizeCurves(&s, spec) })
	}
	return d
}

// curveSpec describes a figure of a statistic against size: the simulated
// value with its Monte Carlo interval, a closed form where there is one,
// a reference line, and the table's columns.
type curveSpec struct {
	id, title, caption, y string
	sim                   func(p output.PowerPoint) (v, lo, hi float64)
	closed                func(p output.PowerPoint) float64 // nil for none
	ref                   float64                           // NaN for none
	refName               string
	unitRange             bool // a proportion: the axis runs from 0 to 1
	cols                  []column
}

// column is a table column of a power figure.
type column struct {
	head string
	val  func(p output.PowerPoint) string
}

// mcInterval is v ± 1.96 Monte Carlo SEs, within [0, 1].
func mcInterval(v, se float64) (float64, float64, float64) {
	return v, math.Max(0, v-1.96*se), math.Min(1, v+1.96*se)
}

func powerSpecs(s *powerStudy) []curveSpec {
	return []curveSpec{
		{id: "power-curve", title: fmt.Sprintf("Power of the %s by %s", s.design(), s.sizeUnit()),
			caption: fmt.Sprintf("Share of simulated studies that reject no effect at alpha %s, by size: simulated (solid, with 95%% Monte Carlo intervals) and closed form (dashed); the dotted line is the target.", num(s.Alpha)),
			y:       "power (share of studies significant)",
			sim: func(p output.PowerPoint) (float64, float64, float64) {
				return mcInterval(float64(p.Power), float64(p.PowerMCSE))
			},
			closed: func(p output.PowerPoint) float64 { return float64(p.PowerClosed) },
			ref:    s.Target, refName: "target power", unitRange: true,
			cols: []column{{"power", func(p output.PowerPoint) string { return fixed3(float64(p.Power)) }},
				{"MC SE", func(p output.PowerPoint) string { return fixed3(float64(p.PowerMCSE)) }},
				{"closed form", func(p output.PowerPoint) string { return fixed3(float64(p.PowerClosed)) }}}},
		{id: "type1-error", title: "Type I error by " + s.sizeUnit(),
			caption: "Share of the same studies simulated with no effect that reject no effect, with 95% Monte Carlo intervals; the dotted line is alpha, which a valid analysis keeps to.",
			y:       "type I error (share significant with no effect)",
			sim: func(p output.PowerPoint) (float64, float64, float64) {
				return mcInterval(float64(p.TypeI), float64(p.TypeIMCSE))
			},
			ref: s.Alpha, refName: "alpha",
			cols: []column{{"type I error", func(p output.PowerPoint) string { return fixed3(float64(p.TypeI)) }},
				{"MC SE", func(p output.PowerPoint) string { return fixed3(float64(p.TypeIMCSE)) }}}},
		{id: "mde", title: "Minimum detectable effect by " + s.sizeUnit(),
			caption: "The smallest effect each analysis detects with the target power at that size: from the simulated estimates' spread (solid) and the closed form (dashed); the dotted line is the true effect.",
			y:       "minimum detectable effect (outcome units)",
			sim: func(p output.PowerPoint) (float64, float64, float64) {
				return float64(p.MDE), float64(p.MDE), float64(p.MDE)
			},
			closed: func(p output.PowerPoint) float64 { return float64(p.MDEClosed) },
			ref:    s.TrueEffect, refName: "true effect",
			cols: []column{{"MDE", func(p output.PowerPoint) string { return num(float64(p.MDE)) }},
				{"closed form", func(p output.PowerPoint) string { return num(float64(p.MDEClosed)) }}}},
	}
}

func accuracySpecs(s *powerStudy) []curveSpec {
	nominal := 1 - s.Alpha
	return []curveSpec{
		{id: "bias", title: "Bias by " + s.sizeUnit(),
			caption: fmt.Sprintf("Mean estimated effect minus the true effect (%s), by size; the dotted line is no bias. An uncontrolled design reports regression to the mean and natural change as effect.", num(s.TrueEffect)),
			y:       "bias (outcome units)",
			sim: func(p output.PowerPoint) (float64, float64, float64) {
				// The estimates' mean has SE empirical_se/sqrt(fitted).
				b, se := float64(p.Bias), float64(p.EmpiricalSE)/math.Sqrt(float64(max(1, p.Fitted)))
				return b, b - 1.96*se, b + 1.96*se
			},
			ref: 0, refName: "no bias",
			cols: []column{{"mean estimate", func(p output.PowerPoint) string { return num(float64(p.MeanEstimate)) }},
				{"bias", func(p output.PowerPoint) string { return num(float64(p.Bias)) }},
				{"with no effect", func(p output.PowerPoint) string { return num(float64(p.NullEstimate)) }},
				{"empirical SE", func(p output.PowerPoint) string { return num(float64(p.EmpiricalSE)) }},
				{"model SE", func(p output.PowerPoint) string { return num(float64(p.MeanModelSE)) }}}},
		{id: "coverage", title: "Confidence-interval coverage by " + s.sizeUnit(),
			caption: fmt.Sprintf("Share of the analyses' %s%% confidence intervals that contain the true effect, with 95%% Monte Carlo intervals; the dotted line is the nominal %s%%.", num(100*nominal), num(100*nominal)),
			y:       "coverage (share of intervals)",
			sim: func(p output.PowerPoint) (float64, float64, float64) {
				c := float64(p.Coverage)
				return mcInterval(c, math.Sqrt(c*(1-c)/float64(max(1, p.Fitted))))
			},
			ref: nominal, refName: "nominal coverage",
			cols: []column{{"coverage", func(p output.PowerPoint) string { return fixed3(float64(p.Coverage)) }},
				{"studies fitted", func(p output.PowerPoint) string { return fmt.Sprint(p.Fitted) }}}},
	}
}

func fixed3(v float64) string {
	if !finite(v) {
		return "–"
	}
	return fmt.Sprintf("%.3f", v)
}

// sizeCurves draws spec's statistic against size for every analysis.
func sizeCurves(s *powerStudy, spec curveSpec) (*figure, error) {
	f := newFigure(spec.id, spec.title, spec.caption)
	f.legend = newLegend()
	p := newPanel(s.sizeUnit(), spec.y)
	f.table = table{head: []string{"analysis", s.sizeUnit()}, text: 1}
	for _, c := range spec.cols {
		f.table.head = append(f.table.head, c.head)
	}
	drawn := 0
	for i, a := range s.Analyses {
		st := analysisStyle(i)
		var xys, closed plotter.XYs
		var lo, hi []float64
		for _, pt := range s.Points {
			if pt.Analysis != a {
				continue
			}
			cells := []string{a, num(float64(pt.Size))}
			for _, c := range spec.cols {
				cells = append(cells, c.val(pt))
			}
			f.table.add(cells...)
			v, l, h := spec.sim(pt)
			if finite(float64(pt.Size), v, l, h) {
				xys = append(xys, plotter.XY{X: float64(pt.Size), Y: v})
				lo, hi = append(lo, l), append(hi, h)
			}
			if spec.closed != nil && finite(float64(pt.Size), spec.closed(pt)) {
				closed = append(closed, plotter.XY{X: float64(pt.Size), Y: spec.closed(pt)})
			}
		}
		if len(xys) > 0 {
			l, err := line(xys, st.colour, nil, 1.8)
			if err != nil {
				return nil, err
			}
			mk, err := points(xys, st.colour, st.glyph, 3)
			if err != nil {
				return nil, err
			}
			e, err := intervals(xys, lo, hi, st.colour)
			if err != nil {
				return nil, err
			}
			p.Add(l, e, mk)
			f.legend.Add(a+": simulated", l, mk)
			drawn++
		}
		if len(closed) > 0 {
			l, err := line(closed, st.colour, []vg.Length{vg.Points(5), vg.Points(3)}, 1.2)
			if err != nil {
				return nil, err
			}
			p.Add(l)
			f.legend.Add(a+": closed form", l)
		}
	}
	if drawn == 0 {
		return nil, errors.New("power.json has no value of it at any size")
	}
	if finite(spec.ref) {
		r := hline(spec.ref, true)
		r.style.Dashes = []vg.Length{vg.Points(1.5), vg.Points(2.5)}
		p.Add(r)
		f.legend.Add(spec.refName, r)
	}
	if spec.unitRange {
		p.Y.Min, p.Y.Max = 0, 1
	}
	f.one(p)
	return f, nil
}

// sizeNeededFigure draws the size each analysis needs for the target
// power, interpolated from the simulations and from the closed form.
func sizeNeededFigure(s *powerStudy) (*figure, error) {
	f := newFigure("size-needed", fmt.Sprintf("Size needed for %s%% power", num(100*s.Target)),
		fmt.Sprintf("The %s each analysis needs to detect the true effect with %s%% power: interpolated on the simulated grid (solid) and solved from the closed form (light); an analysis the grid does not bracket has no bar.", s.sizeUnit(), num(100*s.Target)))
	f.legend = newLegend()
	f.table = table{head: []string{"analysis", "simulated", "closed form"}, text: 1,
		note: s.sizeUnit() + "; \"below grid\": the smallest size is enough; \"unreachable\": no size is enough; –: not reached on the grid, or no closed form."}
	p := newPanel(s.sizeUnit(), "")
	var names, legend, endLabels []string
	var ends plotter.XYs
	drawn := 0
	for i, n := range s.Needed {
		names = append(names, n.Analysis)
		simV, simS := sizeValue(n.Simulated)
		cfV, cfS := sizeValue(n.Closed)
		f.table.add(n.Analysis, simS, cfS)
		st := analysisStyle(i)
		y := float64(i)
		for k, v := range []float64{simV, cfV} {
			if !finite(v) {
				continue
			}
			fill := st.colour
			label := "simulated"
			if k == 1 {
				fill, label = withAlpha(st.colour, 0.35), "closed form"
			}
			// The simulated bar above the closed form's, as the legend lists them.
			y0 := y + 0.02 - 0.4*float64(k)
			b := newBars(fill)
			b.rects = append(b.rects, rect{0, v, y0, y0 + 0.36})
			p.Add(b)
			ends = append(ends, plotter.XY{X: v, Y: y0 + 0.18})
			endLabels = append(endLabels, " "+num(v))
			if !slices.Contains(legend, label) {
				legend = append(legend, label)
				// The legend's swatches are grey: each analysis has its own colour.
				f.legend.Add(label, newBars([]color.Color{color.Gray{Y: 90}, color.Gray{Y: 200}}[k]))
			}
			drawn++
		}
	}
	if drawn == 0 {
		return nil, errors.New("no analysis reaches the target power within the grid")
	}
	labels, err := plotter.NewLabels(plotter.XYLabels{XYs: ends, Labels: endLabels})
	if err != nil {
		return nil, err
	}
	for i := range labels.TextStyle {
		labels.TextStyle[i].YAlign = draw.YCenter
		labels.TextStyle[i].Font.Size = vg.Points(10)
	}
	p.Add(labels)
	p.NominalY(names...)
	p.Y.Min, p.Y.Max = -0.5, float64(len(names))-0.5
	p.X.Min = 0
	p.X.Max *= 1.12 // room for the labels at the bars' ends
	f.height = max(2.6*vg.Inch, vg.Length(len(names))*0.9*vg.Inch+1.3*vg.Inch)
	f.one(p)
	return f, nil
}
