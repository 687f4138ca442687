package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// spsim report rebuilds, byte for byte, the report.html a run wrote; --png
// adds each figure as PNG and SVG; a directory that no command wrote is a
// usage error.
func TestReportCommand(t *testing.T) {
	tmp := t.TempDir()
	out := filepath.Join(tmp, "run")
	r := spsim(t, runArgs("--runs", "2", "--out", out, "--quiet")...)
	r.want(t, exitOK, []string{"report    " + filepath.Join(out, "report.html")}, nil)
	written, err := os.ReadFile(filepath.Join(out, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out, "figures")); err == nil {
		t.Error("run wrote figures/ without --png")
	}

	r = spsim(t, "report", out, "--png")
	r.want(t, exitOK, []string{"run report, 12 figures", "fan-waiting-list", "Referral funnel by IMD quintile", filepath.Join(out, "figures")}, nil)
	if strings.Contains(r.stdout, "not drawn") {
		t.Errorf("a figure was not drawn:\n%s", r.stdout)
	}
	rebuilt, err := os.ReadFile(filepath.Join(out, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(written, rebuilt) {
		t.Error("spsim report rebuilt a report.html that differs from the run's")
	}
	for _, f := range []string{"fan-waiting-list.png", "fan-waiting-list.svg", "benefit-sii-runs.png"} {
		b, err := os.ReadFile(filepath.Join(out, "figures", f))
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasSuffix(f, ".png") && !bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")) {
			t.Errorf("%s is not a PNG", f)
		}
		if strings.HasSuffix(f, ".svg") && !bytes.Contains(b[:min(len(b), 300)], []byte("<svg")) {
			t.Errorf("%s is not an SVG", f)
		}
	}

	spsim(t, "report", tmp).want(t, exitUsage, nil, []string{"holds no summary.json, compare.json or power.json", "not an spsim output directory"})
	spsim(t, "report").want(t, exitUsage, nil, []string{"expected one output directory DIR"})
	spsim(t, "report", filepath.Join(tmp, "nope")).want(t, exitFailure, nil, []string{"nope"})
}
