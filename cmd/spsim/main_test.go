package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"spsim/output"
	"spsim/scenarios"
	"spsim/sim"
)

// TestMain lets the test binary act as spsim when SPSIM_TEST_MAIN=1, so a test
// can run the real program in a child process (to send it a signal).
func TestMain(m *testing.M) {
	if os.Getenv("SPSIM_TEST_MAIN") == "1" {
		os.Exit(cli(os.Args[1:], os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// result is what one in-process invocation of spsim gave.
type result struct {
	code           int
	stdout, stderr string
}

func spsim(t *testing.T, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	code := cli(args, &out, &errb)
	return result{code, out.String(), errb.String()}
}

// want checks the exit code and that stdout/stderr contain the given strings.
func (r result) want(t *testing.T, code int, stdoutHas, stderrHas []string) {
	t.Helper()
	if r.code != code {
		t.Errorf("exit code %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, code, r.stdout, r.stderr)
	}
	for _, s := range stdoutHas {
		if !strings.Contains(r.stdout, s) {
			t.Errorf("stdout lacks %q:\n%s", s, r.stdout)
		}
	}
	for _, s := range stderrHas {
		if !strings.Contains(r.stderr, s) {
			t.Errorf("stderr lacks %q:\n%s", s, r.stderr)
		}
	}
}

// small makes a run quick: one small PCN, half a year, short burn-in.
var small = []string{
	"--set", "simulation.years=0.5",
	"--set", "simulation.burn_in_weeks=4",
	"--set", "pcns.registered=5000",
	"--set", "pcns.registered_min=1000",
}

func runArgs(extra ...string) []string {
	return append(append([]string{"run"}, extra...), small...)
}

func TestUsageErrors(t *testing.T) {
	tmp := t.TempDir()
	cases := []struct {
		name      string
		args      []string
		stderrHas []string
	}{
		{"no command", nil, []string{"Commands:"}},
		{"unknown command", []string{"frobnicate"}, []string{`unknown command "frobnicate"`}},
		{"misspelt command", []string{"rnu"}, []string{`did you mean "run"`}},
		{"unknown flag", []string{"run", "--bogus"}, []string{"-bogus", "Usage: spsim run"}},
		{"unknown flag after scenario", []string{"run", "pcn-typical", "--bogus"}, []string{"-bogus"}},
		{"bad flag value", []string{"run", "--runs", "many"}, []string{"-runs"}},
		{"zero runs", []string{"run", "--runs", "0"}, []string{"--runs must be at least 1"}},
		{"zero workers", []string{"run", "--workers", "0"}, []string{"--workers must be at least 1"}},
		{"two scenarios", []string{"run", "pcn-typical", "pcn-rural"}, []string{"one SCENARIO"}},
		{"set out of range", []string{"run", "--set", "link_workers.turnover_annual=1.5", "--out", filepath.Join(tmp, "a")},
			[]string{"link_workers.turnover_annual"}},
		{"set unknown key", []string{"run", "--set", "link_workers.turnover=0.1", "--out", filepath.Join(tmp, "b")},
			[]string{"link_workers.turnover"}},
		{"set without =", []string{"run", "--set", "link_workers.fte_multiplier", "--out", filepath.Join(tmp, "c")},
			[]string{"link_workers.fte_multiplier"}},
		{"set bad distribution", []string{"run", "--set", `effects.wellbeing={dist="normal",mean=0.5}`, "--out", filepath.Join(tmp, "d")},
			[]string{"effects.wellbeing"}},
		{"missing scenario file", []string{"run", filepath.Join(tmp, "nope.toml"), "--out", filepath.Join(tmp, "e")},
			[]string{"nope.toml"}},
		{"unknown embedded scenario", []string{"run", "pcn-typcal", "--out", filepath.Join(tmp, "f")},
			[]string{"pcn-typcal"}},
		{"validate nothing", []string{"validate"}, []string{"no SCENARIO"}},
		{"validate missing file", []string{"validate", filepath.Join(tmp, "nope.toml")}, []string{"nope.toml"}},
		{"show unknown", []string{"show", "nope"}, []string{`"nope"`, "pcn-typical"}},
		{"show nothing", []string{"show"}, []string{"expected one NAME"}},
		{"params argument", []string{"params", "extra"}, []string{"no arguments"}},
		{"help unknown", []string{"help", "nope"}, []string{`unknown command "nope"`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			spsim(t, c.args...).want(t, exitUsage, nil, c.stderrHas)
		})
	}
	// None of the failed runs wrote anything.
	if ents, _ := os.ReadDir(tmp); len(ents) != 0 {
		t.Errorf("failed runs left %d entries in %s", len(ents), tmp)
	}
}

func TestHelp(t *testing.T) {
	spsim(t, "help").want(t, exitOK, []string{"Commands:", "run", "validate", "scenarios", "show", "params", "version"}, nil)
	spsim(t, "--help").want(t, exitOK, []string{"Commands:"}, nil)
	spsim(t, "-h").want(t, exitOK, []string{"Commands:"}, nil)
	for _, c := range commands {
		spsim(t, "help", c.name).want(t, exitOK, []string{"Usage: spsim " + c.name}, nil)
		for _, h := range []string{"-h", "--help"} {
			r := spsim(t, c.name, h)
			r.want(t, exitOK, []string{"Usage: spsim " + c.name}, nil)
			if r.stderr != "" {
				t.Errorf("%s %s wrote to stderr: %s", c.name, h, r.stderr)
			}
		}
	}
	spsim(t, "help", "run").want(t, exitOK, []string{"--runs N", "--seed S", "20190701", "--workers N", "--set key=value", "--out DIR", "--force", "--quiet", "Examples:"}, nil)
	// -h after a positional argument still asks for help.
	spsim(t, "run", "pcn-typical", "-h").want(t, exitOK, []string{"Usage: spsim run"}, nil)
}

func TestScenarios(t *testing.T) {
	r := spsim(t, "scenarios")
	r.want(t, exitOK, []string{"pcn-typical", "pcn-deprived-urban", "pcn-rural", "england"}, nil)
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	// Scenarios, then a blank line and a heading before comparisons and
	// before studies.
	if want := len(scenarios.Embedded()) + 2 + len(scenarios.EmbeddedComparisons()) + 2 + len(scenarios.EmbeddedStudies()); len(lines) != want {
		t.Errorf("%d lines, want %d", len(lines), want)
	}
	for _, s := range append(append(scenarios.Embedded(), scenarios.EmbeddedComparisons()...), scenarios.EmbeddedStudies()...) {
		if !strings.Contains(r.stdout, s.Description) {
			t.Errorf("no description for %s", s.Name)
		}
	}
}

func TestShowThenValidate(t *testing.T) {
	r := spsim(t, "show", "pcn-typical")
	r.want(t, exitOK, []string{"[link_workers]"}, nil)
	src, _ := scenarios.Source("pcn-typical")
	if r.stdout != string(src) {
		t.Errorf("show pcn-typical differs from the embedded source")
	}
	dir := t.TempDir()
	f := filepath.Join(dir, "mine.toml")
	if err := os.WriteFile(f, []byte(r.stdout), 0o644); err != nil {
		t.Fatal(err)
	}
	v := spsim(t, "validate", f, "england")
	v.want(t, exitOK, []string{"OK  pcn-typical (" + f + "): 1 PCN, ", "OK  england (embedded:england): 1250 PCNs"}, nil)

	// A broken copy fails, naming the file; the good one still passes.
	bad := filepath.Join(dir, "bad.toml")
	os.WriteFile(bad, []byte(r.stdout+"\n[nonsense]\nx = 1\n"), 0o644)
	spsim(t, "validate", f, bad).want(t, exitUsage, []string{"OK  pcn-typical", "FAIL " + bad}, []string{"bad.toml"})

	// --resolved prints every key, after --set, and that file validates too.
	res := spsim(t, "show", "--resolved", "pcn-typical", "--set", "link_workers.fte_multiplier=0.5")
	res.want(t, exitOK, []string{"fte_multiplier = 0.5", "turnover_annual"}, nil)
	os.WriteFile(f, []byte(res.stdout), 0o644)
	spsim(t, "validate", f).want(t, exitOK, []string{"OK  pcn-typical"}, nil)
}

func TestParams(t *testing.T) {
	p := spsim(t, "params")
	p.want(t, exitOK, []string{"link_workers.turnover_annual"}, nil)
	o := spsim(t, "params", "--outputs")
	o.want(t, exitOK, []string{"wellbeing_change_referred", "summary.json"}, nil)
	f := filepath.Join(t.TempDir(), "p.md")
	spsim(t, "params", "-o", f).want(t, exitOK, nil, nil)
	if b, _ := os.ReadFile(f); string(b) != p.stdout {
		t.Errorf("params -o wrote something else than params")
	}
}

// TestDocsUpToDate checks the committed dictionaries against the code. If it
// fails, run: go generate ./cmd/spsim
func TestDocsUpToDate(t *testing.T) {
	for file, want := range map[string]string{
		"../../docs/parameters.md": scenarios.DictionaryMarkdown(),
		"../../docs/outputs.md":    output.OutputsMarkdown(),
	} {
		got, err := os.ReadFile(file)
		if err != nil {
			t.Errorf("%v (run: go generate ./cmd/spsim)", err)
			continue
		}
		if string(got) != want {
			t.Errorf("%s is out of date; run: go generate ./cmd/spsim", file)
		}
	}
}

func TestVersion(t *testing.T) {
	spsim(t, "version").want(t, exitOK, []string{sim.Version}, nil)
}

func TestParseArgs(t *testing.T) {
	var o runOptions
	e := &env{stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{}}
	pos, _, done := parseArgs(e, runCmd, runFlags(&o), []string{"--runs", "3", "a.toml", "--seed=9", "--set", "x=1", "--", "--weird"})
	if done || strings.Join(pos, "|") != "a.toml|--weird" || o.runs != 3 || o.seed != 9 || len(o.sets) != 1 {
		t.Errorf("got pos %q, options %+v", pos, o)
	}
}

func TestDirName(t *testing.T) {
	for in, want := range map[string]string{"pcn-typical": "pcn-typical", "../x y": "_x_y", "..": "scenario", "a/b": "a_b"} {
		if got := dirName(in); got != want {
			t.Errorf("dirName(%q) = %q, want %q", in, got, want)
		}
	}
}

// outputFiles are the files every run writes.
var outputFiles = []string{"summary.json", "runs.csv", "timeseries.csv", "by_pcn.csv", "scenario.toml", "draws.csv", "manifest.json"}

func TestRun(t *testing.T) {
	tmp := t.TempDir()
	one, two := filepath.Join(tmp, "one"), filepath.Join(tmp, "nested", "two")

	// Flags after the positional SCENARIO; a parent directory that does not exist yet.
	r2 := spsim(t, append(runArgs("pcn-typical", "--runs", "2", "--workers", "2", "--out", two, "--quiet", "--calibration"),
		"--set", "outcomes.report_year=2019")...)
	r2.want(t, exitOK, []string{"scenario  pcn-typical", "2, seed 20190701", two, "referrals", "difference", "calibration"}, nil)
	if r2.stderr != "" {
		t.Errorf("--quiet run wrote to stderr: %s", r2.stderr)
	}
	r1 := spsim(t, append(runArgs("--runs", "2", "--workers", "1", "--out", one), "--set", "outcomes.report_year=2019")...)
	r1.want(t, exitOK, []string{"referrals"}, []string{"running 2 runs of pcn-typical"})

	for _, f := range outputFiles {
		a, err := os.ReadFile(filepath.Join(one, f))
		if err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(two, f))
		if err != nil {
			t.Fatal(err)
		}
		if f == "manifest.json" {
			a, b = stripTiming(t, a), stripTiming(t, b)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between --workers 1 and --workers 2", f)
		}
	}
	var m map[string]any
	b, _ := os.ReadFile(filepath.Join(two, "manifest.json"))
	json.Unmarshal(b, &m)
	if m["workers"] != 2.0 || m["runs"] != 2.0 || m["seed"] != 20190701.0 || !strings.Contains(m["command"].(string), "--workers 2") {
		t.Errorf("manifest: %v", m)
	}

	// An existing output directory is kept, untouched, without --force...
	before := dirListing(t, one)
	spsim(t, runArgs("--runs", "1", "--out", one, "--seed", "5")...).want(t, exitUsage, nil, []string{one, "--force"})
	if after := dirListing(t, one); after != before {
		t.Errorf("output directory changed without --force")
	}
	// ...and replaced with it.
	spsim(t, runArgs("--runs", "1", "--out", one, "--seed", "5", "--force", "--quiet")...).want(t, exitOK, nil, nil)
	if after := dirListing(t, one); after == before {
		t.Errorf("--force did not replace the output directory")
	}

	// scenario.toml reproduces the run.
	three := filepath.Join(tmp, "three")
	spsim(t, "run", filepath.Join(two, "scenario.toml"), "--runs", "2", "--out", three, "--quiet").want(t, exitOK, nil, nil)
	for _, f := range []string{"summary.json", "runs.csv", "scenario.toml"} {
		a, _ := os.ReadFile(filepath.Join(two, f))
		b, _ := os.ReadFile(filepath.Join(three, f))
		if !bytes.Equal(a, b) {
			t.Errorf("%s of the run of scenario.toml differs from the original run", f)
		}
	}
}

// stripTiming checks that the manifest has the fields that may differ
// between equivalent runs (timing, workers, and the command line, which
// names --workers and --out) and removes them, as withoutTiming does.
func stripTiming(t *testing.T, b []byte) []byte {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"started", "wall_seconds", "cpu_seconds", "workers", "command", "run_timings"} {
		if _, ok := m[k]; !ok {
			t.Errorf("manifest.json has no %q", k)
		}
	}
	return withoutTiming(t, b)
}

// dirListing is the names, sizes and modification times in dir.
func dirListing(t *testing.T, dir string) string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, e := range ents {
		fi, _ := e.Info()
		b.WriteString(e.Name() + " " + fi.ModTime().String() + "\n")
	}
	return b.String()
}

// syncBuffer is a bytes.Buffer safe to read while a child process writes it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
