package report

import (
	"fmt"
	"image/color"
	"math"
	"strconv"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"spsim/output"
)

// groupedTicks are gonum's default ticks labelled as the tables are, with
// thousands separators; values under 0.001 keep gonum's short exponent
// form (4e-05) rather than the tables' four figures (4.00e-05).
type groupedTicks struct{}

func (groupedTicks) Ticks(lo, hi float64) []plot.Tick {
	t := plot.DefaultTicks{}.Ticks(lo, hi)
	for i := range t {
		if v := t[i].Value; t[i].Label != "" && (v == 0 || math.Abs(v) >= 1e-3) {
			t[i].Label = output.Human(v)
		} else if t[i].Label != "" {
			t[i].Label = strconv.FormatFloat(v, 'g', 3, 64)
		}
	}
	return t
}

// dateTicks label an axis of dates (seconds since 1970, UTC) by calendar
// year, or by quarter when the span is under two years; minor ticks mark
// quarters or months.
type dateTicks struct{}

func (dateTicks) Ticks(lo, hi float64) []plot.Tick {
	from, to := unixDate(lo), unixDate(hi)
	long := to.Sub(from) >= 2*365*24*time.Hour
	var out []plot.Tick
	for m := time.Date(from.Year(), from.Month(), 1, 0, 0, 0, 0, time.UTC); !m.After(to); m = m.AddDate(0, 1, 0) {
		if m.Before(from) {
			continue
		}
		quarter := (m.Month()-1)%3 == 0
		t := plot.Tick{Value: float64(m.Unix())}
		switch {
		case long && m.Month() == time.January:
			t.Label = fmt.Sprint(m.Year())
		case long && !quarter:
			continue
		case !long && quarter:
			t.Label = m.Format("Jan 2006")
		}
		out = append(out, t)
	}
	return out
}

func unixDate(s float64) time.Time { return time.Unix(int64(s), 0).UTC() }

// gridLines are faint lines at the labelled ticks.
func gridLines() *plotter.Grid {
	g := plotter.NewGrid()
	g.Vertical.Color = color.Gray{Y: 228}
	g.Horizontal.Color = color.Gray{Y: 228}
	return g
}

// rect is a rectangle in data coordinates.
type rect struct{ x0, x1, y0, y1 float64 }

// bars draws rectangles given in data coordinates. Widths in data units
// keep the bars of a group from overlapping however wide the panel is
// (gonum's BarChart offsets bars by fixed lengths).
type bars struct {
	rects []rect
	fill  color.Color
	edge  draw.LineStyle
}

func newBars(fill color.Color) *bars {
	return &bars{fill: fill, edge: draw.LineStyle{Color: color.Gray{Y: 60}, Width: vg.Points(0.5)}}
}

func (b *bars) Plot(c draw.Canvas, p *plot.Plot) {
	tx, ty := p.Transforms(&c)
	for _, r := range b.rects {
		pts := []vg.Point{{X: tx(r.x0), Y: ty(r.y0)}, {X: tx(r.x1), Y: ty(r.y0)}, {X: tx(r.x1), Y: ty(r.y1)}, {X: tx(r.x0), Y: ty(r.y1)}}
		c.FillPolygon(b.fill, c.ClipPolygonXY(pts))
		c.StrokeLines(b.edge, c.ClipLinesXY(append(pts, pts[0]))...)
	}
}

func (b *bars) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, ymin, xmax, ymax = math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, r := range b.rects {
		xmin, xmax = math.Min(xmin, math.Min(r.x0, r.x1)), math.Max(xmax, math.Max(r.x0, r.x1))
		ymin, ymax = math.Min(ymin, math.Min(r.y0, r.y1)), math.Max(ymax, math.Max(r.y0, r.y1))
	}
	return
}

func (b *bars) Thumbnail(c *draw.Canvas) {
	pts := []vg.Point{{X: c.Min.X, Y: c.Min.Y}, {X: c.Max.X, Y: c.Min.Y}, {X: c.Max.X, Y: c.Max.Y}, {X: c.Min.X, Y: c.Max.Y}}
	c.FillPolygon(b.fill, pts)
	c.StrokeLines(b.edge, append(pts, pts[0]))
}

// refLine is a reference line across a panel: horizontal at y = at, or
// vertical at x = at. It widens the axis to include at.
type refLine struct {
	at       float64
	vertical bool
	style    draw.LineStyle
}

func hline(y float64, dashed bool) *refLine {
	return &refLine{at: y, style: refStyle(dashed)}
}

func vline(x float64, dashed bool) *refLine {
	return &refLine{at: x, vertical: true, style: refStyle(dashed)}
}

func refStyle(dashed bool) draw.LineStyle {
	s := draw.LineStyle{Color: reference(), Width: vg.Points(1)}
	if dashed {
		s.Dashes = []vg.Length{vg.Points(4), vg.Points(3)}
	}
	return s
}

func (l *refLine) Plot(c draw.Canvas, p *plot.Plot) {
	tx, ty := p.Transforms(&c)
	if l.vertical {
		c.StrokeLine2(l.style, tx(l.at), c.Min.Y, tx(l.at), c.Max.Y)
		return
	}
	c.StrokeLine2(l.style, c.Min.X, ty(l.at), c.Max.X, ty(l.at))
}

func (l *refLine) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, xmax, ymin, ymax = math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
	if l.vertical {
		xmin, xmax = l.at, l.at
	} else {
		ymin, ymax = l.at, l.at
	}
	return
}

func (l *refLine) Thumbnail(c *draw.Canvas) {
	y := (c.Min.Y + c.Max.Y) / 2
	c.StrokeLine2(l.style, c.Min.X, y, c.Max.X, y)
}

// line is a polyline of xys in colour, dashed by dashes (nil for solid).
func line(xys plotter.XYs, colour color.Color, dashes []vg.Length, width float64) (*plotter.Line, error) {
	l, err := plotter.NewLine(xys)
	if err != nil {
		return nil, err
	}
	l.Color, l.Dashes, l.Width = colour, dashes, vg.Points(width)
	return l, nil
}

// band is the area between lo and hi over xs, filled with fill.
func band(xs, lo, hi []float64, fill color.Color) (*plotter.Polygon, error) {
	pts := make(plotter.XYs, 0, 2*len(xs))
	for i := range xs {
		pts = append(pts, plotter.XY{X: xs[i], Y: hi[i]})
	}
	for i := len(xs) - 1; i >= 0; i-- {
		pts = append(pts, plotter.XY{X: xs[i], Y: lo[i]})
	}
	pg, err := plotter.NewPolygon(pts)
	if err != nil {
		return nil, err
	}
	pg.Color = fill
	pg.LineStyle.Width = 0
	return pg, nil
}

// points are markers at xys.
func points(xys plotter.XYs, colour color.Color, shape draw.GlyphDrawer, radius float64) (*plotter.Scatter, error) {
	s, err := plotter.NewScatter(xys)
	if err != nil {
		return nil, err
	}
	s.GlyphStyle = draw.GlyphStyle{Color: colour, Shape: shape, Radius: vg.Points(radius)}
	return s, nil
}

// intervals are vertical error bars from lo to hi at each of xys.
func intervals(xys plotter.XYs, lo, hi []float64, colour color.Color) (*plotter.YErrorBars, error) {
	errs := make(plotter.YErrors, len(xys))
	for i, p := range xys {
		errs[i].Low, errs[i].High = p.Y-lo[i], hi[i]-p.Y
	}
	e, err := plotter.NewYErrorBars(struct {
		plotter.XYs
		plotter.YErrors
	}{xys, errs})
	if err != nil {
		return nil, err
	}
	e.LineStyle.Color = colour
	e.LineStyle.Width = vg.Points(1)
	e.CapWidth = vg.Points(5)
	return e, nil
}

// finite reports whether every value is a finite number.
func finite(vs ...float64) bool {
	for _, v := range vs {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return true
}

// headroom moves the ends of p's y axis a little beyond its data, away
// from zero, so the longest bar or interval does not touch the frame.
func headroom(p *plot.Plot) {
	d := 0.04 * (p.Y.Max - p.Y.Min)
	if p.Y.Max > 0 {
		p.Y.Max += d
	}
	if p.Y.Min < 0 {
		p.Y.Min -= d
	}
}

// margins widens both axes of p by 5% of their range on each side, so
// markers at the extremes are drawn whole.
func margins(p *plot.Plot) {
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		if d := a.Max - a.Min; d > 0 {
			a.Min, a.Max = a.Min-0.05*d, a.Max+0.05*d
		}
	}
}
