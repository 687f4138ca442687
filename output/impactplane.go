package output

import (
	"bytes"
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// The equity-efficiency impact plane (Asaria, Griffin & Cookson 2016; methods
// §4.4) places each option by the health it adds net of the health its costs
// displace elsewhere (x) and by how much it narrows the gap in
// quality-adjusted life expectancy between the most and least deprived (y).
// North-east is the win-win quadrant; south-west loses on both.

// impactPlaneSVG draws the options of the comparison (all but the
// comparator, which sits at the origin) on the impact plane.
func (c *Comparison) impactPlaneSVG(a *analysis) ([]byte, error) {
	var pts []ImpactPoint
	for k, or := range a.options {
		if k == c.meta.Comparator || or.DCEA == nil {
			continue
		}
		pts = append(pts, ImpactPoint{Option: or.Name, NetHealthBenefit: or.DCEA.TotalNHB, GapReduction: or.DCEA.SIIBefore - or.DCEA.SIIAfter})
	}
	p, err := ImpactPlane(fmt.Sprintf("%s: equity-efficiency impact plane (against %s)", c.meta.Name, c.meta.Options[c.meta.Comparator].Name),
		c.meta.OppCostThreshold, pts)
	if err != nil {
		return nil, err
	}
	wt, err := p.WriterTo(7*vg.Inch, 5*vg.Inch, "svg")
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if _, err := wt.WriteTo(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// ImpactPoint is one option's place on the impact plane.
type ImpactPoint struct {
	Option           string
	NetHealthBenefit float64 // x: QALYs added net of the QALYs the costs displace
	GapReduction     float64 // y: fall in the SII of quality-adjusted life expectancy, QALYs
}

// ImpactPlane draws options on the equity-efficiency impact plane, the
// comparator at the origin, with the quadrants named; oppCostThreshold (GBP
// per QALY forgone) is stated on the x axis. Points that are not finite are
// left out. The HTML report draws the same figure from compare.json.
func ImpactPlane(title string, oppCostThreshold float64, points []ImpactPoint) (*plot.Plot, error) {
	p := plot.New()
	p.Title.Text = title
	p.X.Label.Text = fmt.Sprintf("net health benefit (QALYs, after opportunity costs at GBP %s per QALY)", human(oppCostThreshold))
	p.Y.Label.Text = "reduction in the QALE gap (SII, QALYs)"

	var pts plotter.XYs
	var names []string
	for _, pt := range points {
		x, y := pt.NetHealthBenefit, pt.GapReduction
		if math.IsNaN(x) || math.IsNaN(y) || math.IsInf(x, 0) || math.IsInf(y, 0) {
			continue
		}
		pts = append(pts, plotter.XY{X: x, Y: y})
		names = append(names, pt.Option)
	}
	// The origin (the comparator) is always on the plane, so the quadrant
	// lines are always drawn.
	all := append(plotter.XYs{{}}, pts...)
	xmin, xmax, ymin, ymax := plotter.XYRange(all)
	padX, padY := pad(xmin, xmax), pad(ymin, ymax)
	p.X.Min, p.X.Max = xmin-padX, xmax+padX
	p.Y.Min, p.Y.Max = ymin-padY, ymax+padY

	grey := color.Gray{Y: 160}
	for _, axis := range []plotter.XYs{{{X: p.X.Min, Y: 0}, {X: p.X.Max, Y: 0}}, {{X: 0, Y: p.Y.Min}, {X: 0, Y: p.Y.Max}}} {
		l, err := plotter.NewLine(axis)
		if err != nil {
			return nil, err
		}
		l.Color = grey
		l.Dashes = []vg.Length{vg.Points(4), vg.Points(3)}
		p.Add(l)
	}
	if len(pts) > 0 {
		s, err := plotter.NewScatter(pts)
		if err != nil {
			return nil, err
		}
		s.GlyphStyle.Shape = draw.CircleGlyph{}
		s.GlyphStyle.Radius = vg.Points(3.5)
		s.GlyphStyle.Color = color.RGBA{R: 0, G: 114, B: 178, A: 255} // Okabe-Ito blue, as in the report
		p.Add(s)
		labels, err := plotter.NewLabels(plotter.XYLabels{XYs: pts, Labels: names})
		if err != nil {
			return nil, err
		}
		for i := range labels.TextStyle {
			labels.TextStyle[i].XAlign = draw.XLeft
		}
		labels.Offset = vg.Point{X: vg.Points(5), Y: vg.Points(2)}
		p.Add(labels)
	}
	// Name the quadrants in their outer corners.
	corners, err := plotter.NewLabels(plotter.XYLabels{
		XYs:    plotter.XYs{{X: p.X.Max, Y: p.Y.Max}, {X: p.X.Min, Y: p.Y.Max}, {X: p.X.Min, Y: p.Y.Min}, {X: p.X.Max, Y: p.Y.Min}},
		Labels: []string{"more health, narrower gap", "less health, narrower gap", "less health, wider gap", "more health, wider gap"},
	})
	if err != nil {
		return nil, err
	}
	for i := range corners.TextStyle {
		corners.TextStyle[i].Color = color.Gray{Y: 110}
		corners.TextStyle[i].XAlign = [...]draw.XAlignment{draw.XRight, draw.XLeft, draw.XLeft, draw.XRight}[i]
		corners.TextStyle[i].YAlign = [...]draw.YAlignment{draw.YTop, draw.YTop, draw.YBottom, draw.YBottom}[i]
	}
	p.Add(corners)
	p.Add(plotter.NewGrid())
	return p, nil
}

// pad is the margin added on each side of a data range so that points and
// their labels stay inside the axes; a zero range gets a unit margin.
func pad(lo, hi float64) float64 {
	if d := hi - lo; d > 0 {
		return 0.15 * d
	}
	return 1
}
