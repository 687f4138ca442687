package scenarios

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestEmbeddedFundingOptions(t *testing.T) {
	c, err := LoadComparison("funding-options", nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Options) != 5 || c.Options[c.Comparator].Name != "status_quo" || c.Runs < 50 {
		t.Fatalf("options %d, comparator %q, runs %d", len(c.Options), c.Options[c.Comparator].Name, c.Runs)
	}
	if got := len(c.Options[0].Scenario.PCNs()); got != 8 {
		t.Errorf("%d PCNs, want 8", got)
	}
	byName := map[string]*Scenario{}
	for _, o := range c.Options {
		byName[o.Name] = o.Scenario
	}
	if byName["status_quo"].Base().Rollout.Enabled || !byName["arrs_path"].Base().Rollout.Enabled {
		t.Error("status_quo should have no rollout, arrs_path one")
	}
	if d := byName["digital"].Base(); d.Support.Route != "digital" || d.LinkWorkers.FTEMultiplier != 0 {
		t.Errorf("digital: route %q, fte_multiplier %v; want digital, 0", d.Support.Route, d.LinkWorkers.FTEMultiplier)
	}
	if v := byName["proportionate"].Base().Simulation.Years; v != 3 {
		t.Errorf("[set] not applied: years %v", v)
	}
}

// Problems name the comparison file, line and key.
func TestComparisonErrors(t *testing.T) {
	dir := t.TempDir()
	cases := map[string]struct{ src, want string }{
		"unknown comparator": {`scenario = "pcn-typical"
comparator = "nope"
[options.a]
[options.b]
link_workers.fte_multiplier = 2
`, `c.toml:2: comparator = "nope" is not one of the options (a, b)`},
		"bad key in an option": {`scenario = "pcn-typical"
comparator = "a"
[options.a]
[options.b]
link_workers.fte_multiplir = 2
`, `c.toml:5: unknown key "link_workers.fte_multiplir"; did you mean "link_workers.fte_multiplier"?`},
		"out of range": {`scenario = "pcn-typical"
comparator = "a"
[options.a]
[options.b]
link_workers.fte_multiplier = 200
`, "c.toml:5: options.b.link_workers.fte_multiplier = 200 is out of range"},
		"option changes the PCNs": {`scenario = "pcn-typical"
comparator = "a"
[options.a]
[options.b]
pcns.count = 3
`, "c.toml:5: options.b.pcns: an option cannot change pcns"},
		"options in different price years": {`scenario = "pcn-typical"
comparator = "a"
[options.a]
[options.b]
costs.price_year = 2024
`, "c.toml:5: options.b.costs.price_year = 2024 differs from option a's 2022"},
		"one option": {`scenario = "pcn-typical"
comparator = "a"
[options.a]
`, "at least two"},
		"no base": {`comparator = "a"
`, "scenario: missing"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			p := filepath.Join(dir, "c.toml")
			if err := os.WriteFile(p, []byte(c.src), 0o666); err != nil {
				t.Fatal(err)
			}
			_, err := LoadComparison(p, nil)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v, want it to contain %q", err, c.want)
			}
		})
	}
}
