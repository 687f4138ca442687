package main

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"testing"
)

func TestPower(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	r := spsim(t, "power", "study-rct", "--studies", "200", "--out", out, "--quiet", "--workers", "2")
	r.want(t, exitOK, []string{"study-rct", "ttest", "ancova", "closed form", "type I error", "for 80% power by simulation;"}, nil)
	first := map[string][]byte{}
	for _, f := range []string{"power.json", "power.csv", "manifest.json"} {
		b, err := os.ReadFile(filepath.Join(out, f))
		if err != nil {
			t.Fatalf("missing %s: %v", f, err)
		}
		first[f] = b
	}
	// Results do not depend on the number of workers.
	r = spsim(t, "power", "study-rct", "--studies", "200", "--out", out, "--quiet", "--force", "--workers", "1")
	r.want(t, exitOK, nil, nil)
	for _, f := range []string{"power.json", "power.csv"} {
		b, err := os.ReadFile(filepath.Join(out, f))
		if err != nil {
			t.Fatal(err)
		}
		if string(b) != string(first[f]) {
			t.Errorf("%s differs between 2 workers and 1", f)
		}
	}
}

func TestPowerErrors(t *testing.T) {
	r := spsim(t, "power", "study-rtc")
	r.want(t, exitUsage, nil, []string{`no study "study-rtc"`, `did you mean "study-rct"?`})
	r = spsim(t, "power", "study-rct", "--set", "study.world.icc=2")
	r.want(t, exitUsage, nil, []string{"study.world.icc = 2 is out of range"})
}

// In abm mode the uncontrolled before-after design, recruiting the people
// the simulated world referred at a low point, reports the regression to
// the mean as an effect: a spurious gain of points where the true effect is
// a fraction of one, and a type I error far above 5%. (The size of the gain
// against Galton's prediction is checked in sim's TestRegressionToTheMean.)
func TestPowerABMBeforeAfter(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	r := spsim(t, "power", "study-before-after-abm", "--studies", "400", "--out", out, "--quiet")
	r.want(t, exitOK, []string{"before_after", "with no effect"}, nil)
	b, err := os.ReadFile(filepath.Join(out, "power.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Mode       string  `json:"mode"`
		TrueEffect float64 `json:"true_effect"`
		Points     []struct {
			Size         float64 `json:"size"`
			TypeI        float64 `json:"type1_error"`
			Bias         float64 `json:"bias"`
			NullEstimate float64 `json:"null_estimate"`
		} `json:"points"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Mode != "abm" || math.Abs(doc.TrueEffect) > 0.5 {
		t.Fatalf("mode %q, true effect %v: want abm and an effect under half a point (sceptical defaults)", doc.Mode, doc.TrueEffect)
	}
	last := doc.Points[len(doc.Points)-1]
	// With 400 studies the MC SE of a rejection rate is at most 0.025.
	if last.TypeI < 0.5 || last.NullEstimate < 1 || last.Bias < 1 {
		t.Errorf("at %v people: type I error %v, gain with no effect %v, bias %v; want > 0.5, > 1 and > 1 point",
			last.Size, last.TypeI, last.NullEstimate, last.Bias)
	}
}
