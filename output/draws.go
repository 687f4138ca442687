package output

import "strconv"

func drawsColumns() []column {
	return []column{
		{"run", "run index"},
		{"seed", "the run's derived seed"},
		{"key", "parameter key, as in the scenario file (for example effects.wellbeing_sd)"},
		{"value", "the value drawn for this run"},
	}
}

// drawsCSV encodes draws.csv: the values drawn for parameters given as
// distributions, by run and then in the engine's dictionary order. A scenario
// with no distributions gives the header alone.
func (c *Collector) drawsCSV() ([]byte, error) {
	t := newTable(drawsColumns())
	for _, d := range c.runs {
		run, seed := strconv.Itoa(d.run), strconv.FormatUint(d.seed, 10)
		for _, dr := range d.draws {
			t.row(run, seed, dr.Key, num(dr.Value))
		}
	}
	return t.bytes()
}
