package output

import (
	"math"

	"spsim/sim"
)

// arm indexes the arms of the outputs: the two simulated arms and their
// run-by-run difference.
type arm int

const (
	armScenario       = arm(sim.ScenarioArm)
	armCounterfactual = arm(sim.CounterfactualArm)
	armDifference     = arm(sim.NumArms)
	numArms           = armDifference + 1
)

func (a arm) String() string {
	if a == armDifference {
		return "difference"
	}
	return sim.Arm(a).String()
}

// armByName maps an output arm name back to its index.
func armByName(name string) (arm, bool) {
	for a := range numArms {
		if a.String() == name {
			return a, true
		}
	}
	return 0, false
}

// pick returns arm a's value given the scenario and counterfactual values of
// one run: the difference is defined only where both arms are.
func pick(a arm, scenario, counterfactual float64) float64 {
	switch a {
	case armScenario:
		return scenario
	case armCounterfactual:
		return counterfactual
	}
	if !sim.Defined(scenario) || !sim.Defined(counterfactual) {
		return math.NaN()
	}
	return scenario - counterfactual
}

// value is run d's value of metric m for group g in arm a (NaN if undefined).
// Metrics reported for group "all" only are undefined in every other group,
// whatever the run holds there.
func (d *runData) value(a arm, m sim.Metric, g sim.Group) float64 {
	if m.Def().AllOnly && g != sim.GroupAll {
		return math.NaN()
	}
	return pickMetric(m, a, d.values[sim.ScenarioArm][m][g], d.values[sim.CounterfactualArm][m][g])
}

// pickMetric is pick for metric m: a metric defined only for the difference
// (sim.MetricDef.DiffOnly) is held in the scenario slot and undefined in the
// arms.
func pickMetric(m sim.Metric, a arm, scenario, counterfactual float64) float64 {
	if m.Def().DiffOnly {
		if a == armDifference {
			return scenario
		}
		return math.NaN()
	}
	return pick(a, scenario, counterfactual)
}

// weeklyValue is run d's value of series s in week w and arm a (NaN if
// undefined or beyond the run's series).
func (d *runData) weeklyValue(a arm, s sim.Series, w int) float64 {
	at := func(x []float64) float64 {
		if w < len(x) {
			return x[w]
		}
		return math.NaN()
	}
	return pick(a, at(d.weekly[sim.ScenarioArm][s]), at(d.weekly[sim.CounterfactualArm][s]))
}

// metricByName and groupByName map output names back to catalogue indices.
func metricByName(name string) (sim.Metric, bool) {
	for m := range sim.NumMetrics {
		if m.String() == name {
			return m, true
		}
	}
	return 0, false
}

func groupByName(name string) (sim.Group, bool) {
	for g := range sim.NumGroups {
		if g.String() == name {
			return g, true
		}
	}
	return 0, false
}
