package output

import (
	"fmt"
	"io"

	"spsim/sim"
)

// Target is one calibration target of the model brief (section 9, England,
// calendar 2023): the simulated metric's mean across runs should lie in
// [Lo, Hi].
type Target struct {
	Metric string // the cal_* metric it is compared with
	Label  string
	Point  float64
	Lo, Hi float64
}

// CalibrationTargets returns the model brief's calibration targets. The
// ARRS FTE target is a national total, comparable only for the england
// scenario.
func CalibrationTargets() []Target {
	return []Target{
		{sim.MCalReferredPer1000.String(), "people referred per 1,000 registered (all ages) per year", 20, 15, 25},
		{sim.MCalDeclined.String(), "referred people who decline", 0.11, 0.08, 0.15},
		{sim.MCalFirstContact.String(), "referred people with a first link-worker contact", 0.90, 0.80, 0.95},
		{sim.MCalThreePlus.String(), "referred people with 3+ link-worker contacts", 0.45, 0.35, 0.55},
		{sim.MCalAnyIntervention.String(), "referred people who receive any intervention", 0.38, 0.30, 0.46},
		{sim.MCalFemale.String(), "referred people who are female", 0.60, 0.55, 0.65},
		{sim.MCalMinority.String(), "referred people from an ethnic minority", 0.22, 0.18, 0.26},
		{sim.MCalIMD12.String(), "referred people living in IMD quintiles 1-2", 0.42, 0.35, 0.50},
		{sim.MCalFTE.String(), "ARRS link-worker FTE, national (england scenario only)", 2800, 2600, 3000},
	}
}

// calibrated returns the scenario-arm, group-all summary of target t's
// metric and whether its mean lies in the accepted range.
func (c *Collector) calibrated(t Target) (r Record, found, inRange bool) {
	r, found = c.Find(t.Metric, armScenario.String(), sim.GroupAll.String())
	return r, found, found && r.Mean >= t.Lo && r.Mean <= t.Hi
}

// CalibrationOK reports whether every target's simulated mean (scenario arm,
// group all) lies in its accepted range. A target whose metric no run
// defines (for example with no report year) is not met.
func (c *Collector) CalibrationOK() bool {
	for _, t := range CalibrationTargets() {
		if _, _, ok := c.calibrated(t); !ok {
			return false
		}
	}
	return true
}

// CalibrationTable prints each calibration target beside the simulated
// value (scenario arm, group all: mean and 95% interval across runs) and
// whether the mean is in the accepted range.
func (c *Collector) CalibrationTable(w io.Writer) {
	fmt.Fprintf(w, "calibration (model brief section 9, England 2023): %s, %d runs, scenario arm\n", c.meta.Scenario, len(c.runs))
	header := []string{"target", "metric", "simulated", "95% interval", "target", "accepted range", "in range"}
	var rows [][]string
	for _, t := range CalibrationTargets() {
		r, found, ok := c.calibrated(t)
		simulated, interval := "-", "-"
		if found {
			simulated, interval = human(r.Mean), human(r.P2_5)+" to "+human(r.P97_5)
		}
		rows = append(rows, []string{t.Label, t.Metric, simulated, interval,
			human(t.Point), human(t.Lo) + " to " + human(t.Hi), yesNo(ok)})
	}
	writeAligned(w, header, rows, 2)
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
