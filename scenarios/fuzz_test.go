package scenarios

import (
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"spsim/sim"
)

// The loaders are fuzzed with arbitrary files, seeded with the embedded
// files, this package's testdata and the bad-input corpus (testdata/bad at
// the top of the repository). A loader must never panic, and must either
// return what checks out or an *Error that names the file at fault. CI runs
// FuzzLoad for a minute (.ci/run); the seeds run with every go test.
//
// A fuzzed file pretends to sit in its corpus directory, so that a relative
// pcns.csv or base scenario finds the corpus's files; one that names a file
// outside it (an absolute path, or one with "..") is skipped, so that the
// fuzzer cannot make the test read a device or wait on a pipe.

// FuzzLoad fuzzes the scenario loader. A scenario it accepts has PCNs of
// positive size, arms for a run, a memory estimate, and a resolved TOML that
// loads to the same scenario.
func FuzzLoad(f *testing.F) {
	load := func(o origin, src []byte) (*Scenario, error) { return parse(o, src, nil) }
	fuzzLoader(f, scenarioShelf, "scenario", "testdata/*.toml", []string{"pcns", "csv"}, load, func(t *testing.T, s *Scenario) {
		pcns := s.PCNs()
		if len(pcns) == 0 {
			t.Fatal("accepted with no PCNs")
		}
		for _, p := range pcns {
			if n := p.Registered(); !(n > 0) || math.IsInf(n, 0) {
				t.Fatalf("accepted a PCN of %g registered", n)
			}
		}
		if _, _, _, err := s.Arms(0, 1); err != nil && !strings.Contains(err.Error(), "draws") {
			t.Fatalf("arms: %v", err)
		}
		base := s.Base()
		if m := (sim.Ensemble{PCNs: pcns, Runs: base.Simulation.Runs, Workers: 2}).Memory(base).Total(); !(m > 0) || math.IsInf(m, 0) {
			t.Fatalf("memory estimate %g", m)
		}
		again, err := parse(origin{source: "resolved.toml", name: "resolved"}, s.ResolvedTOML(), nil)
		if err != nil {
			t.Fatalf("the resolved scenario does not load: %v\n%s", err, s.ResolvedTOML())
		}
		if again.Hash() != s.Hash() {
			t.Fatalf("the resolved scenario loads to another:\n%s\nthen\n%s", s.ResolvedTOML(), again.ResolvedTOML())
		}
	})
}

// FuzzLoadStudy fuzzes the study loader. A study it accepts has a plan that
// validates and a finite memory estimate.
func FuzzLoadStudy(f *testing.F) {
	load := func(o origin, src []byte) (*Study, error) { return parseStudy(o, src, nil) }
	fuzzLoader(f, studyShelf, "study", "", []string{"study", "scenario"}, load, func(t *testing.T, st *Study) {
		if err := st.Plan.Validate(); err != nil {
			t.Fatalf("accepted a plan that does not validate: %v", err)
		}
		if m := st.Plan.Memory(2); !(m >= 0) || math.IsInf(m, 0) {
			t.Fatalf("memory estimate %g", m)
		}
		if st.Mode == "abm" && st.World == nil {
			t.Fatal("abm mode without a world")
		}
	})
}

// FuzzLoadComparison fuzzes the comparison loader. A comparison it accepts
// has at least two options, a comparator among them, and thresholds.
func FuzzLoadComparison(f *testing.F) {
	load := func(o origin, src []byte) (*Comparison, error) { return parseComparison(o, src, nil) }
	fuzzLoader(f, comparisonShelf, "comparison", "", []string{"scenario"}, load, func(t *testing.T, c *Comparison) {
		if len(c.Options) < 2 || c.Comparator < 0 || c.Comparator >= len(c.Options) || len(c.Thresholds) == 0 {
			t.Fatalf("accepted %d options, comparator %d, thresholds %v", len(c.Options), c.Comparator, c.Thresholds)
		}
	})
}

// fuzzLoader fuzzes load with files of kind, seeded by addSeeds: it skips
// a file that names, at the key path outside, a file outside its directory,
// checks an error with checkError, and what is accepted with accepted.
func fuzzLoader[T any](f *testing.F, sh *shelf, kind, glob string, outside []string, load func(origin, []byte) (T, error), accepted func(*testing.T, T)) {
	o := addSeeds(f, sh, kind, glob)
	f.Fuzz(func(t *testing.T, src []byte) {
		if leavesDir(src, outside...) {
			t.Skip()
		}
		v, err := load(o, src)
		if err != nil {
			checkError(t, err, o)
			return
		}
		accepted(t, v)
	})
}

// addSeeds adds as seeds the embedded files of shelf, the bad-input
// corpus's files of kind (scenario, study or comparison) and this package's
// files matching glob, and returns the origin of a fuzzed file: fuzz.toml
// in the corpus directory of kind.
func addSeeds(f *testing.F, shelf *shelf, kind, glob string) origin {
	dir, err := filepath.Abs(filepath.Join("..", "testdata", "bad", kind))
	if err != nil {
		f.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join(dir, "*.toml"))
	if err != nil || len(files) == 0 {
		f.Fatalf("no seeds in %s (%v)", dir, err)
	}
	if glob != "" {
		more, err := filepath.Glob(glob)
		if err != nil {
			f.Fatal(err)
		}
		files = append(files, more...)
	}
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	for _, name := range shelf.names() {
		src, err := shelf.source(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	return origin{source: "fuzz.toml", dir: dir, name: "fuzz"}
}

// leavesDir reports whether the TOML src names, at the dotted key path, a
// file outside the directory it is read from.
func leavesDir(src []byte, path ...string) bool {
	var m map[string]any
	if _, err := toml.Decode(string(src), &m); err != nil {
		return false
	}
	s, ok := valueAt(m, path).(string)
	return ok && (filepath.IsAbs(s) || strings.Contains(s, ".."))
}

// checkError checks that a loader's error is an *Error with a message that
// names the fuzzed file o, a file in its directory (a CSV or a scenario it
// reads) or an embedded one.
func checkError(t *testing.T, err error, o origin) {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("error %T is not an *Error: %v", err, err)
	}
	if e.File != o.source && !strings.HasPrefix(e.File, o.dir+string(filepath.Separator)) && !strings.HasPrefix(e.File, "embedded:") {
		t.Fatalf("the error names %q, not the file: %v", e.File, err)
	}
	if e.Msg == "" || e.Line < 0 {
		t.Fatalf("error without a message or with line %d: %v", e.Line, err)
	}
}
