package scenarios

import "testing"

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
