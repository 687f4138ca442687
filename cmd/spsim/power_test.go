package main

import (
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
