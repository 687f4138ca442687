package report

import (
	"fmt"
	"math"

	"spsim/output"
)

// table is the numbers of a figure, shown beside it.
type table struct {
	head []string
	rows [][]string
	text int    // leading columns holding text (left-aligned); the rest hold numbers
	note string // under the table: what was kept of a longer series, say
}

// foldRows is the length above which a table is folded under a summary
// line (a <details> element, which needs no script): longer than its
// figure is tall, it would push the next figure off the screen.
const foldRows = 14

func (t *table) add(cells ...string) { t.rows = append(t.rows, cells) }

// num formats a number for a table: four significant figures with
// thousands separators, or a dash where there is none.
func num(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	return output.Human(v)
}

// span formats an interval "lo to hi".
func span(lo, hi float64) string {
	if !finite(lo, hi) {
		return "–"
	}
	return fmt.Sprintf("%s to %s", num(lo), num(hi))
}

// share formats a proportion as a percentage.
func share(v float64) string {
	if !finite(v) {
		return "–"
	}
	return fmt.Sprintf("%.1f%%", 100*v)
}
