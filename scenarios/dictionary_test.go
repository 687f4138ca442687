package scenarios

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"spsim/sim"
)

// settable lists the dictionary keys that are set on their own (not the
// fields of list elements).
func settable() []Param {
	var out []Param
	for _, p := range Dictionary() {
		if !strings.Contains(p.Key, "[]") {
			out = append(out, p)
		}
	}
	return out
}

func TestDictionaryCoversLoader(t *testing.T) {
	dict := map[string]bool{}
	for _, p := range Dictionary() {
		if dict[p.Key] {
			t.Errorf("%s appears twice", p.Key)
		}
		dict[p.Key] = true
		if p.Kind != kindTableList && !strings.Contains(p.Key, "[]") && p.Default == "" {
			t.Errorf("%s has no default", p.Key)
		}
	}
	for _, n := range theSchema().nodes {
		if !dict[n.Key] {
			t.Errorf("the loader accepts %s, which is not in the dictionary", n.Key)
		}
		for _, c := range n.children {
			if !dict[c.Key] {
				t.Errorf("the loader accepts %s, which is not in the dictionary", c.Key)
			}
		}
	}
	for _, k := range []string{"link_workers.turnover_annual", "needs.low_mood.imd_rr", "rollout.phases[].share", "sample_pcns", "services.grants[].end"} {
		if !dict[k] {
			t.Errorf("dictionary lacks %s", k)
		}
	}
}

// TestDictionaryFullFile writes every key with its default, as the
// dictionary prints it, and checks the file loads to the defaults.
func TestDictionaryFullFile(t *testing.T) {
	var b strings.Builder
	b.WriteString("name = \"full\"\n")
	for _, p := range settable() {
		fmt.Fprintf(&b, "%s = %s\n", p.Key, p.Default)
	}
	path := filepath.Join(t.TempDir(), "full.toml")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := Load(path, nil)
	if err != nil {
		t.Fatalf("%v\n%s", err, b.String())
	}
	if !equalParams(s.Base(), sim.DefaultParams()) {
		t.Error("a file of every default does not load to sim.DefaultParams()")
	}
}

// TestSetEveryKey sets each key to its default with --set, in random order.
func TestSetEveryKey(t *testing.T) {
	var sets []string
	for _, p := range settable() {
		sets = append(sets, p.Key+"="+p.Default)
	}
	r := rand.New(rand.NewPCG(1, 2))
	r.Shuffle(len(sets), func(i, j int) { sets[i], sets[j] = sets[j], sets[i] })
	s, err := Load("pcn-typical", sets)
	if err != nil {
		t.Fatal(err)
	}
	if !equalParams(s.Base(), sim.DefaultParams()) {
		t.Error("--set of every default does not give sim.DefaultParams()")
	}
	typical, _ := Load("pcn-typical", nil)
	if s.Hash() != typical.Hash() {
		t.Error("hash changed")
	}
	for _, set := range sets {
		if _, err := Load("pcn-typical", []string{set}); err != nil {
			t.Errorf("--set %s: %v", set, err)
		}
		// Keys that take numbers also take a distribution (unless fixed).
	}
	for _, p := range settable() {
		if p.Kind != kindFloat && p.Kind != kindInt || p.NoDist {
			continue
		}
		set := fmt.Sprintf(`%s={dist="triangular", min=%s, mode=%s, max=%s}`, p.Key, p.Default, p.Default, formatFloat(*p.Hi))
		if p.Default == formatFloat(*p.Hi) {
			set = fmt.Sprintf(`%s={dist="uniform", min=%s, max=%s}`, p.Key, formatFloat(*p.Lo), p.Default)
		}
		s, err := Load("pcn-typical", []string{set})
		if err != nil {
			t.Errorf("--set %s: %v", set, err)
			continue
		}
		if _, _, d, err := s.Arms(0, 3); err != nil || len(d) != 1 || d[0].Key != p.Key {
			t.Errorf("--set %s: draws %v, %v", set, d, err)
		}
	}
}

func TestDictionaryMarkdown(t *testing.T) {
	md := DictionaryMarkdown()
	for _, p := range Dictionary() {
		if !strings.Contains(md, "| `"+p.Key+"` |") {
			t.Errorf("markdown lacks %s", p.Key)
		}
	}
	for _, s := range []string{"## `link_workers`", "## Top level", "redrawn", "--set", "[comparator]", "| key | type | unit | default | allowed range | source | meaning |"} {
		if !strings.Contains(md, s) {
			t.Errorf("markdown lacks %q", s)
		}
	}
}
