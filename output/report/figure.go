package report

import (
	"bytes"
	"fmt"
	"html"
	"image/color"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// figure is one chart of the report: its title, a one-line caption, the
// panels drawn with gonum/plot, an optional legend and the table of the
// numbers it shows.
type figure struct {
	id      string // names the PNG and SVG files and the HTML anchor
	title   string
	caption string
	panels  [][]*plot.Plot // rows of panels; most figures have one panel
	legend  *plot.Legend   // drawn to the right of the panels; nil for none
	width   vg.Length
	height  vg.Length
	table   table
}

// newFigure starts a figure of the usual size, 7.5 by 4.2 inches: wide
// enough for a slide, short enough that a table fits beside it on a page.
func newFigure(id, title, caption string) *figure {
	return &figure{id: id, title: title, caption: caption, width: 7.5 * vg.Inch, height: 4.2 * vg.Inch}
}

// one makes p the figure's only panel.
func (f *figure) one(p *plot.Plot) { f.panels = [][]*plot.Plot{{p}} }

// grid lays panels out in rows of cols, filling the last row with empty
// panels, and makes the figure tall enough for the rows.
func (f *figure) grid(panels []*plot.Plot, cols int) {
	f.panels = nil
	for i := 0; i < len(panels); i += cols {
		r := panels[i:min(i+cols, len(panels))]
		for len(r) < cols {
			blank := plot.New()
			blank.HideAxes()
			r = append(r, blank)
		}
		f.panels = append(f.panels, r)
	}
	f.height = max(4.2*vg.Inch, vg.Length(len(f.panels))*3*vg.Inch+0.6*vg.Inch)
}

// newPanel is a plot with the report's axis labels: x and y name the
// quantity and its unit.
func newPanel(x, y string) *plot.Plot {
	p := plot.New()
	p.X.Label.Text, p.Y.Label.Text = x, y
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font.Size = vg.Points(11)
		a.Tick.Label.Font.Size = vg.Points(9.5)
		a.Tick.Marker = groupedTicks{}
	}
	p.Title.TextStyle.Font.Size = vg.Points(11)
	p.Add(gridLines())
	return p
}

// newLegend is a legend for the strip to the right of the panels.
func newLegend() *plot.Legend {
	l := plot.NewLegend()
	l.Top, l.Left = true, true
	l.TextStyle.Font.Size = vg.Points(10)
	l.ThumbnailWidth = vg.Points(22)
	l.Padding = vg.Points(3)
	return &l
}

// legendEntry is a legend line to be added later.
type legendEntry struct {
	name  string
	thumb plot.Thumbnailer
}

// draw draws the figure on c: a white ground, the title centred at the top,
// the legend at the right and the panels aligned in the rest. gonum/plot
// panics on some degenerate input; that becomes an error, so one bad figure
// is left out of the report rather than stopping it.
func (f *figure) draw(c vg.CanvasSizer) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("drawing %s: %v", f.id, r)
		}
	}()
	dc := draw.New(c)
	dc.SetColor(color.White)
	dc.Fill(dc.Rectangle.Path())

	title := text.Style{
		Color: color.Black, Font: font.From(plot.DefaultFont, 13),
		XAlign: draw.XCenter, YAlign: draw.YTop, Handler: plot.DefaultTextHandler,
	}
	pad := vg.Points(6)
	dc.FillText(title, vg.Point{X: (dc.Min.X + dc.Max.X) / 2, Y: dc.Max.Y - pad}, f.title)
	area := draw.Crop(dc, 0, 0, 0, -(title.Height(f.title) + 2*pad))

	if f.legend != nil {
		r := f.legend.Rectangle(area)
		w := r.Max.X - r.Min.X + 2*pad
		f.legend.Draw(draw.Crop(area, area.Max.X-area.Min.X-w+pad, 0, 0, -pad))
		area = draw.Crop(area, 0, -w, 0, 0)
	}
	tiles := draw.Tiles{
		Rows: len(f.panels), Cols: len(f.panels[0]),
		PadX: vg.Points(16), PadY: vg.Points(12), PadLeft: pad, PadRight: pad, PadBottom: pad / 2,
	}
	canvases := plot.Align(f.panels, tiles, area)
	for i, r := range f.panels {
		for j, p := range r {
			p.Draw(canvases[i][j])
		}
	}
	return nil
}

// svg renders the figure as a standalone SVG document.
func (f *figure) svg() ([]byte, error) {
	c := vgsvg.New(f.width, f.height)
	if err := f.draw(c); err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if _, err := c.WriteTo(&b); err != nil {
		return nil, fmt.Errorf("rendering %s as SVG: %w", f.id, err)
	}
	return b.Bytes(), nil
}

// pngDPI makes a 7.5-inch figure 1,500 pixels wide: sharp on a slide.
const pngDPI = 200

// png renders the figure as a PNG image for slides.
func (f *figure) png() ([]byte, error) {
	c := vgimg.NewWith(vgimg.UseWH(f.width, f.height), vgimg.UseDPI(pngDPI))
	if err := f.draw(c); err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: c}).WriteTo(&b); err != nil {
		return nil, fmt.Errorf("rendering %s as PNG: %w", f.id, err)
	}
	return b.Bytes(), nil
}

// inlineSVG makes a standalone SVG document fit for an HTML page: without
// the XML prolog and comment, and labelled with the figure's title for
// screen readers.
func inlineSVG(doc []byte, title string) string {
	s := string(doc)
	if i := strings.Index(s, "<svg"); i >= 0 {
		s = s[i:]
	}
	return strings.Replace(s, "<svg", `<svg role="img" aria-label="`+html.EscapeString(title)+`"`, 1)
}
