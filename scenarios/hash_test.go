package scenarios

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// A comparison's and a study's hash are the same for the same input and
// change with anything that changes results.
func TestComparisonAndStudyHashes(t *testing.T) {
	hashes := map[string]string{}
	for _, c := range []struct {
		name string
		hash func() (string, error)
	}{
		{"comparison", func() (string, error) { c, err := LoadComparison("funding-options", nil); return hashOf(c, err) }},
		{"comparison again", func() (string, error) { c, err := LoadComparison("funding-options", nil); return hashOf(c, err) }},
		{"comparison with a set", func() (string, error) {
			c, err := LoadComparison("funding-options", []string{"effects.wellbeing=2"})
			return hashOf(c, err)
		}},
		{"study", func() (string, error) { s, err := LoadStudy("study-rct", nil); return hashOf(s, err) }},
		{"study again", func() (string, error) { s, err := LoadStudy("study-rct", nil); return hashOf(s, err) }},
		{"study with a set", func() (string, error) {
			s, err := LoadStudy("study-rct", []string{"study.world.sd=8"})
			return hashOf(s, err)
		}},
		{"abm study", func() (string, error) { s, err := LoadStudy("study-before-after-abm", nil); return hashOf(s, err) }},
		{"abm study, more world runs", func() (string, error) {
			s, err := LoadStudy("study-before-after-abm", []string{"study.world_runs=3"})
			return hashOf(s, err)
		}},
	} {
		h, err := c.hash()
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		hashes[c.name] = h
	}
	for _, same := range [][2]string{{"comparison", "comparison again"}, {"study", "study again"}} {
		if hashes[same[0]] != hashes[same[1]] {
			t.Errorf("%s and %s: hashes differ", same[0], same[1])
		}
	}
	for _, diff := range [][2]string{{"comparison", "comparison with a set"}, {"study", "study with a set"}, {"abm study", "abm study, more world runs"}} {
		if hashes[diff[0]] == hashes[diff[1]] {
			t.Errorf("%s and %s: same hash", diff[0], diff[1])
		}
	}
}

func hashOf(x interface{ Hash() string }, err error) (string, error) {
	if err != nil {
		return "", err
	}
	return x.Hash(), nil
}

// A scenario's hash follows the contents of its pcns.csv, which its
// resolved TOML only names: shards or a resumed run made before and after
// the file changed must not be merged.
func TestHashFollowsPCNsCSV(t *testing.T) {
	dir := t.TempDir()
	toml, _ := os.ReadFile("testdata/csv-relative.toml")
	csv, _ := os.ReadFile("testdata/pcns.csv")
	os.WriteFile(filepath.Join(dir, "s.toml"), toml, 0o644)
	os.WriteFile(filepath.Join(dir, "pcns.csv"), csv, 0o644)
	hash := func() string {
		s, err := Load(filepath.Join(dir, "s.toml"), nil)
		if err != nil {
			t.Fatal(err)
		}
		return s.Hash()
	}
	before := hash()
	if again := hash(); again != before {
		t.Fatal("the same files give another hash")
	}
	os.WriteFile(filepath.Join(dir, "pcns.csv"), bytes.Replace(csv, []byte("A,A1,10000"), []byte("A,A1,10001"), 1), 0o644)
	if hash() == before {
		t.Error("changing a list size in pcns.csv left the hash unchanged")
	}
}
