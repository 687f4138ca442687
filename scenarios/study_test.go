package scenarios

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestEmbeddedStudiesLoad(t *testing.T) {
	want := []string{"study-before-after", "study-before-after-abm", "study-cluster-rct", "study-rct", "study-stepped-wedge"}
	got := names(EmbeddedStudies())
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("embedded studies %v, want %v", got, want)
	}
	for _, name := range got {
		s, err := LoadStudy(name, nil)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if s.Name != name || s.Source != "embedded:"+name || len(s.Plan.Sizes) < 4 {
			t.Errorf("%s: name %q source %q sizes %v", name, s.Name, s.Source, s.Plan.Sizes)
		}
	}
	// --set reaches nested keys; defaults fill what the file leaves out.
	s, err := LoadStudy("study-cluster-rct", []string{"study.world.icc=0.02", "study.studies=10"})
	if err != nil {
		t.Fatal(err)
	}
	if s.Plan.World.ICC != 0.02 || s.Plan.Studies != 10 || s.Plan.Alpha != 0.05 || s.Plan.World.CAC != 1 {
		t.Errorf("icc %v studies %d alpha %v cac %v", s.Plan.World.ICC, s.Plan.Studies, s.Plan.Alpha, s.Plan.World.CAC)
	}
}

// Problems name the file, line and key, with the allowed range.
func TestStudyErrors(t *testing.T) {
	dir := t.TempDir()
	cases := map[string]struct{ src, want string }{
		"unknown key": {`[study]
design = "rct"
sizes = [10, 20]
[study.world]
efect = 3
`, `s.toml:5: study.world.efect: unknown key "study.world.efect"; did you mean "study.world.effect"?`},
		"out of range": {`[study]
design = "rct"
sizes = [10, 20]
[study.world]
icc = 1.5
`, "s.toml:5: study.world.icc = 1.5 is out of range: allowed [0, 1)"},
		"unknown design": {`[study]
design = "rtc"
sizes = [10, 20]
`, `s.toml:2: study.design = "rtc" is not one of rct, cluster_rct, stepped_wedge, before_after, controlled_before_after; did you mean "rct"?`},
		"analysis for another design": {`[study]
design = "rct"
analyses = ["mixed"]
sizes = [10, 20]
`, `s.toml:3: study.analyses: "mixed" does not apply to a rct design (use ancova, change, ttest)`},
		"abm without a world": {`[study]
mode = "abm"
design = "rct"
sizes = [10, 20]
`, "study.scenario: missing: abm mode needs the world"},
		"set in parametric mode": {`[study]
design = "rct"
sizes = [10, 20]
[set]
pcns.count = 3
`, "s.toml:4: set: a [set] table changes the world of abm mode"},
		"sizes not increasing": {`[study]
design = "rct"
sizes = [20, 10]
`, "s.toml:3: study.sizes: must increase (10 after 20)"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			p := filepath.Join(dir, "s.toml")
			if err := os.WriteFile(p, []byte(c.src), 0o666); err != nil {
				t.Fatal(err)
			}
			_, err := LoadStudy(p, nil)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("got %v\nwant %s", err, c.want)
			}
		})
	}
	if _, err := LoadStudy("study-rct", []string{"study.wrld.icc=0.1"}); err == nil || !strings.Contains(err.Error(), `unknown study key "study.wrld.icc"`) {
		t.Errorf("--set with an unknown key: %v", err)
	}
}
