package report

import (
	"image/color"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Okabe & Ito (2008) colours: distinct under protanopia, deuteranopia and
// tritanopia. Black and yellow come last: black is kept for reference marks
// and yellow is faint on white.
func okabeIto(i int) color.RGBA {
	p := [...]color.RGBA{
		{0, 114, 178, 255},   // blue
		{230, 159, 0, 255},   // orange
		{0, 158, 115, 255},   // bluish green
		{213, 94, 0, 255},    // vermillion
		{204, 121, 167, 255}, // reddish purple
		{86, 180, 233, 255},  // sky blue
		{240, 228, 66, 255},  // yellow
		{0, 0, 0, 255},       // black
	}
	return p[i%len(p)]
}

// withAlpha is c at opacity a (0-1), premultiplied as image/color expects.
func withAlpha(c color.RGBA, a float64) color.RGBA {
	f := func(v uint8) uint8 { return uint8(float64(v)*a + 0.5) }
	return color.RGBA{f(c.R), f(c.G), f(c.B), uint8(255*a + 0.5)}
}

// armStyle is how a simulated arm is drawn. The scenario is dark blue and
// solid, the counterfactual light orange and dashed: their lightness differs
// (luma about 87 against 162), so they stay apart in greyscale too.
type armStyle struct {
	name   string
	colour color.RGBA
	dashes []vg.Length
}

func scenarioStyle() armStyle { return armStyle{"scenario", okabeIto(0), nil} }
func counterfactualStyle() armStyle {
	return armStyle{"counterfactual", okabeIto(1), []vg.Length{vg.Points(6), vg.Points(3)}}
}

// seriesDashes varies the line pattern of the i-th of several categorical
// series (options, analyses), so lines differ without colour.
func seriesDashes(i int) []vg.Length {
	p := [][]vg.Length{
		nil,
		{vg.Points(6), vg.Points(3)},
		{vg.Points(2), vg.Points(2)},
		{vg.Points(8), vg.Points(3), vg.Points(2), vg.Points(3)},
		{vg.Points(12), vg.Points(4)},
	}
	return p[i%len(p)]
}

// seriesGlyph varies the marker shape of the i-th categorical series:
// solid shapes first, then strokes.
func seriesGlyph(i int) draw.GlyphDrawer {
	g := []draw.GlyphDrawer{draw.CircleGlyph{}, draw.PyramidGlyph{}, draw.BoxGlyph{}, draw.CrossGlyph{}, draw.PlusGlyph{}, draw.RingGlyph{}, draw.TriangleGlyph{}, draw.SquareGlyph{}}
	return g[i%len(g)]
}

// quintileColour colours IMD quintile q (1 most deprived to 5): five steps
// of viridis, dark to light, ordered like the quintiles and readable by
// lightness alone.
func quintileColour(q int) color.RGBA {
	v := [...]color.RGBA{
		{68, 1, 84, 255},
		{59, 82, 139, 255},
		{33, 145, 140, 255},
		{94, 201, 98, 255},
		{190, 215, 40, 255},
	}
	return v[(q-1)%len(v)]
}

// reference is the grey of reference lines (zero, thresholds, targets).
func reference() color.Gray { return color.Gray{Y: 110} }

// blackish marks intervals and means over coloured bars.
func blackish() color.Gray { return color.Gray{Y: 25} }
