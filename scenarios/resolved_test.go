package scenarios

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"spsim/sim"
)

// roundTrip writes s.ResolvedTOML to a file in another directory, loads it
// and checks that it resolves to the same bytes and the same arms.
func roundTrip(t *testing.T, s *Scenario) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "resolved.toml")
	if err := os.WriteFile(path, s.ResolvedTOML(), 0o644); err != nil {
		t.Fatal(err)
	}
	r, err := Load(path, nil)
	if err != nil {
		t.Fatalf("%s: reloading the resolved TOML: %v\n%s", s.Name, err, s.ResolvedTOML())
	}
	if !bytes.Equal(r.ResolvedTOML(), s.ResolvedTOML()) || r.Hash() != s.Hash() {
		t.Errorf("%s: ResolvedTOML differs after a round trip:\n%s\n----\n%s", s.Name, s.ResolvedTOML(), r.ResolvedTOML())
	}
	if r.Name != s.Name || r.Description != s.Description {
		t.Errorf("%s: name/description differ: %q %q", s.Name, r.Name, r.Description)
	}
	for run := range 10 {
		seed := sim.RunSeed(12345, run)
		a1, c1, d1, err1 := s.Arms(run, seed)
		a2, c2, d2, err2 := r.Arms(run, seed)
		if err1 != nil || err2 != nil {
			t.Fatalf("%s run %d: %v / %v", s.Name, run, err1, err2)
		}
		if !equalParams(a1, a2) || !equalParams(c1, c2) || len(d1) != len(d2) {
			t.Errorf("%s run %d: arms differ after a round trip", s.Name, run)
		}
		for i := range d1 {
			if d1[i] != d2[i] {
				t.Errorf("%s run %d: draw %v vs %v", s.Name, run, d1[i], d2[i])
			}
		}
	}
}

func TestResolvedRoundTrip(t *testing.T) {
	for _, in := range Embedded() {
		s, err := Load(in.Name, nil)
		if err != nil {
			t.Fatal(err)
		}
		roundTrip(t, s)
	}
	for _, f := range []string{"testdata/good.toml", "testdata/csv-relative.toml"} {
		s, err := Load(f, nil)
		if err != nil {
			t.Fatal(err)
		}
		roundTrip(t, s)
	}
	s, err := Load("england", []string{
		`effects.wellbeing={dist="normal",mean=0.5,sd=0.2}`,
		`needs.money.imd_rr=[2,{dist="uniform",min=1,max=2},1,0.7,0.5]`,
		`services.grants=[{start=2020-01-01, end=2021-01-01, new_per_10k={dist="lognormal",meanlog=-1,sdlog=0.3}, annual_per_service=1e4}]`,
		`comparator.effects.wellbeing={dist="triangular",min=0,mode=0.1,max=0.2}`,
		"comparator.rollout.enabled=true",
		`description="quotes \" and\nnew lines"`,
		"identification.false_positive=0.00001",
	})
	if err != nil {
		t.Fatal(err)
	}
	roundTrip(t, s)
}

func TestHashChanges(t *testing.T) {
	a, _ := Load("pcn-typical", nil)
	b, _ := Load("pcn-typical", []string{"effects.wellbeing=0.2"})
	c, _ := Load("pcn-typical", nil)
	if a.Hash() == b.Hash() || a.Hash() != c.Hash() || len(a.Hash()) != 64 {
		t.Errorf("hashes %s %s %s", a.Hash(), b.Hash(), c.Hash())
	}
}
