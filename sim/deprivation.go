package sim

import "spsim/sim/inequality"

// Inequality by deprivation, in every run: indices of each arm's outcome
// levels across the IMD quintiles, and the slope index of the incremental
// benefit. The formulas are package inequality's (methods reference §3).

// Inequality aversion levels of the Atkinson indices reported: 1, and the
// English general public's elicited value (Robson et al. 2017).
const (
	atkinsonLow  = 1
	atkinsonHigh = 10.95
)

// quintiles returns metric m of groups imd_q1..imd_q5 (most deprived first)
// and their adult person-years, or ok = false if any is undefined.
func quintiles(v *[NumMetrics][NumGroups]float64, m Metric) (values, weights []float64, ok bool) {
	values, weights = make([]float64, 5), make([]float64, 5)
	for q := 0; q < 5; q++ {
		g := GroupIMD1 + Group(q)
		values[q], weights[q] = v[m][g], v[MPersonYears][g]
		if !Defined(values[q]) || !Defined(weights[q]) {
			return nil, nil, false
		}
	}
	return values, weights, true
}

// addInequality sets an arm's inequality indices of outcome levels, in
// values fresh from tally.values (every index undefined). An index a run
// cannot define (a quintile with nobody in it, a zero intercept) stays so.
func addInequality(v *[NumMetrics][NumGroups]float64) {
	for _, o := range []struct {
		level                      Metric
		sii, rii, ci, atkLo, atkHi Metric
	}{
		{MWellbeingMean, MSIIWellbeing, MRIIWellbeing, MCIWellbeing, MAtkinsonWellbeing1, MAtkinsonWellbeing1095},
		{MQALYsPerPerson, MSIIQALYs, MRIIQALYs, MCIQALYs, MAtkinsonQALYs1, MAtkinsonQALYs1095},
	} {
		h, w, ok := quintiles(v, o.level)
		if !ok {
			continue
		}
		set := func(m Metric, x float64, err error) {
			if err == nil {
				v[m][GroupAll] = x
			}
		}
		sii, _, err := inequality.SII(h, w)
		set(o.sii, sii, err)
		rii, err := inequality.RII(h, w)
		set(o.rii, rii, err)
		ci, err := inequality.ConcentrationIndex(h, w)
		set(o.ci, ci, err)
		a, _, err := inequality.Atkinson(h, w, atkinsonLow)
		set(o.atkLo, a, err)
		a, _, err = inequality.Atkinson(h, w, atkinsonHigh)
		set(o.atkHi, a, err)
	}
}

// addBenefitInequality sets the slope indices of the incremental benefit,
// which need both arms: the benefit by quintile is scenario minus
// counterfactual, weighted by the scenario arm's person-years (the arms share
// their population). It is held in the scenario slot (DiffOnly); v is fresh
// from tally.values, so an index a run cannot define stays undefined.
func addBenefitInequality(v *[NumArms][NumMetrics][NumGroups]float64) {
	for _, o := range []struct{ level, sii Metric }{
		{MWellbeingMean, MSIIWellbeingBenefit},
		{MQALYsPerPerson, MSIIQALYsBenefit},
	} {
		hs, w, okS := quintiles(&v[ScenarioArm], o.level)
		hc, _, okC := quintiles(&v[CounterfactualArm], o.level)
		if !okS || !okC {
			continue
		}
		for q := range hs {
			hs[q] -= hc[q]
		}
		if sii, _, err := inequality.SII(hs, w); err == nil {
			v[ScenarioArm][o.sii][GroupAll] = sii
		}
	}
}
