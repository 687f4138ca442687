package output

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"

	"spsim/sim"
)

// Timing is how long the ensemble took, for the manifest.
type Timing struct {
	WallSeconds float64
	CPUSeconds  float64 // user + system time of the process (see ProcessCPUSeconds)
}

// armTotals is a quantity per simulated arm.
type armTotals struct {
	Scenario       float64 `json:"scenario"`
	Counterfactual float64 `json:"counterfactual"`
}

// manifest is manifest.json. Field order is the file's key order.
type manifest struct {
	SchemaVersion     int         `json:"schema_version"`
	Version           string      `json:"version"`
	Scenario          string      `json:"scenario"`
	ScenarioSHA256    string      `json:"scenario_sha256"`
	Seed              uint64      `json:"seed"`
	Runs              int         `json:"runs"`
	RunsRequested     int         `json:"runs_requested"`
	Workers           int         `json:"workers"`
	AdultsSimulated   armTotals   `json:"adults_simulated"`
	PersonYears       armTotals   `json:"person_years"`
	PairedPersonYears float64     `json:"paired_person_years"`
	Started           string      `json:"started"`
	WallSeconds       float64     `json:"wall_seconds"`
	CPUSeconds        float64     `json:"cpu_seconds"`
	Command           string      `json:"command"`
	RunTimings        []runTiming `json:"run_timings"`
}

// runTiming is one run's entry of manifest.json's run_timings.
type runTiming struct {
	Run               int     `json:"run"`
	PairedPersonYears float64 `json:"paired_person_years"`
	WallSeconds       float64 `json:"wall_seconds"`
	CPUSeconds        float64 `json:"cpu_seconds"`
}

func manifestFields() []column {
	return []column{
		{"schema_version", "version of the output formats"},
		{"version", "spsim version"},
		{"scenario", "scenario name"},
		{"scenario_sha256", "SHA-256 of the scenario, hex"},
		{"seed", "ensemble seed"},
		{"runs", "runs completed and included in the outputs (fewer than runs_requested if the ensemble was stopped early)"},
		{"runs_requested", "runs requested"},
		{"workers", "concurrent workers (timing only: results do not depend on it)"},
		{"adults_simulated", "distinct adults simulated, summed over runs, per arm ({scenario, counterfactual}; before any PCN-sampling scale-up)"},
		{"person_years", "adult person-years simulated in the horizon (burn-in excluded), summed over runs, per arm"},
		{"paired_person_years", "paired person-years: adult person-years simulated in the scenario arm with the counterfactual also produced (summed over runs, before any PCN-sampling scale-up)"},
		{"started", "start time, RFC 3339 (timing)"},
		{"wall_seconds", "elapsed seconds (timing)"},
		{"cpu_seconds", "user + system CPU seconds of the process (timing)"},
		{"command", "the command line that produced the outputs"},
		{"run_timings", "one record per run: run, paired_person_years, wall_seconds and cpu_seconds (seconds of the run's PCN units on their worker threads; timing)"},
	}
}

// manifestJSON encodes manifest.json.
func (c *Collector) manifestJSON(timing Timing) ([]byte, error) {
	m := manifest{
		SchemaVersion:  sim.SchemaVersion,
		Version:        sim.Version,
		Scenario:       c.meta.Scenario,
		ScenarioSHA256: c.meta.ScenarioHash,
		Seed:           c.meta.Seed,
		Runs:           len(c.runs),
		RunsRequested:  c.meta.Runs,
		Workers:        c.meta.Workers,
		Started:        c.meta.Started.Format(time.RFC3339),
		WallSeconds:    timing.WallSeconds,
		CPUSeconds:     timing.CPUSeconds,
		Command:        c.meta.Command,
	}
	if m.ScenarioSHA256 == "" {
		sum := sha256.Sum256(c.meta.ResolvedTOML)
		m.ScenarioSHA256 = hex.EncodeToString(sum[:])
	}
	for _, d := range c.runs { // in run order, so the sums are reproducible
		m.AdultsSimulated.Scenario += d.adults[sim.ScenarioArm]
		m.AdultsSimulated.Counterfactual += d.adults[sim.CounterfactualArm]
		m.PersonYears.Scenario += d.personYears[sim.ScenarioArm]
		m.PersonYears.Counterfactual += d.personYears[sim.CounterfactualArm]
	}
	m.PairedPersonYears = m.PersonYears.Scenario
	m.RunTimings = []runTiming{}
	for _, d := range c.runs {
		m.RunTimings = append(m.RunTimings, runTiming{d.run, d.personYears[sim.ScenarioArm], d.wall, d.cpu})
	}
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("encoding manifest.json: %w", err)
	}
	return append(b, '\n'), nil
}
