package output

import (
	"bytes"
	"strings"
	"testing"

	"spsim/sim"
)

func TestTable(t *testing.T) {
	var b bytes.Buffer
	testCollector().Table(&b)
	lines := strings.Split(strings.TrimRight(b.String(), "\n"), "\n")
	if len(lines) != 2+len(tableMetrics()) {
		t.Fatalf("table has %d lines:\n%s", len(lines), b.String())
	}
	var referrals string
	for _, l := range lines {
		if strings.HasPrefix(l, "referrals ") {
			referrals = l
		}
	}
	// Scenario mean 20, counterfactual 16.5; differences 2 and 5 (runs 0, 2):
	// mean 3.5, 2.5% and 97.5% quantiles 2 and 4.85.
	for _, want := range []string{"20", "16.5", "3.5", "2 to 4.85"} {
		if !strings.Contains(referrals, want) {
			t.Errorf("referrals line %q lacks %q", referrals, want)
		}
	}
	for _, l := range lines {
		if strings.HasPrefix(l, "qalys ") && len(strings.Fields(l)) != 2+4 {
			t.Errorf("undefined qalys not shown as four dashes: %q", l)
		}
	}
	// Aligned: numbers are right-aligned, so every line ends at the same column.
	for _, l := range lines[2:] {
		if len([]rune(l)) != len([]rune(lines[1])) {
			t.Errorf("misaligned lines:\n%s\n%s", lines[1], l)
		}
	}
}

func calibratedCollector(mutate func(*sim.RunResult)) *Collector {
	c := NewCollector(testMeta())
	for run := range 2 {
		r := blankResult(run, 1)
		for _, tg := range CalibrationTargets() {
			m, _ := metricByName(tg.Metric)
			r.Values[sim.ScenarioArm][m][sim.GroupAll] = tg.Point
		}
		mutate(r)
		c.Add(r)
	}
	return c
}

func TestCalibration(t *testing.T) {
	for _, tg := range CalibrationTargets() {
		if _, ok := metricByName(tg.Metric); !ok || !(tg.Lo <= tg.Point && tg.Point <= tg.Hi) {
			t.Errorf("bad target %+v", tg)
		}
	}
	c := calibratedCollector(func(*sim.RunResult) {})
	if !c.CalibrationOK() {
		t.Error("CalibrationOK false with every target at its point")
	}
	var b bytes.Buffer
	c.CalibrationTable(&b)
	if strings.Contains(b.String(), " no") {
		t.Errorf("a target at its point reported out of range:\n%s", b.String())
	}

	off := calibratedCollector(func(r *sim.RunResult) {
		r.Values[sim.ScenarioArm][sim.MCalFemale][sim.GroupAll] = 0.7
	})
	if off.CalibrationOK() {
		t.Error("CalibrationOK true with cal_female_share at 0.7")
	}
	b.Reset()
	off.CalibrationTable(&b)
	for _, l := range strings.Split(b.String(), "\n") {
		if strings.Contains(l, "cal_female_share") && !strings.HasSuffix(l, "no") {
			t.Errorf("out-of-range target not marked no: %q", l)
		}
	}

	missing := calibratedCollector(func(r *sim.RunResult) {
		r.Values[sim.ScenarioArm][sim.MCalFTE][sim.GroupAll] = nan
	})
	if missing.CalibrationOK() {
		t.Error("CalibrationOK true with cal_arrs_fte undefined")
	}
}
