package sim

import "math"

// Residuals of the transient's sums. Between two evaluations of a person's
// transient deviation, the sum over the weeks in between is its bridge mean
// (linear in the two endpoint values) plus a normal residual independent of
// everything else given the endpoints (ar1.go). Only sums over many people
// are reported, so instead of one residual draw per gap the engine pools the
// variances of the residuals by reporting cell and discount year and draws
// each pool's total once: the same distribution for every reported sum, for
// half the normal draws of the engine's commonest step.

// addResiduals draws arm s's pooled residuals, the variances pooled in its
// own series and the pair's shared one (empty for an arm run alone), and
// adds them to its own series: to the cell sums and, spread evenly over the year's weeks, to the
// weekly wellbeing series. Each pool's draw is keyed by cell and year only, so
// both arms of a pair draw the same numbers (common random numbers) and an
// arm's pools give the same sums however its history was split.
func (s *pcnSim) addResiduals(own, shared *evSeries) {
	for y := 0; y*52 < s.weeks; y++ {
		lo, hi := y*52, min((y+1)*52, s.weeks)
		for c := 0; c < numCells; c++ {
			j := y*numCells + c
			v := own.resVar[j] + shared.resVar[j]
			if v == 0 {
				continue
			}
			r := math.Sqrt(v) * s.rp.at(s.pcnKey, procResidual, j).NormFloat64()
			cs := &own.cells[c]
			cs.wb += r
			cs.wbDF += s.discount[lo] * r
			own.week[lo].level += r / float64(hi-lo)
			own.week[hi].level -= r / float64(hi-lo)
		}
	}
}
