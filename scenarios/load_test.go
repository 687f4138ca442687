package scenarios

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"spsim/sim"
)

func TestLoadEmbedded(t *testing.T) {
	infos := Embedded()
	want := []string{"csv-example", "england", "pcn-deprived-urban", "pcn-rural", "pcn-typical"}
	if len(infos) != len(want) {
		t.Fatalf("Embedded() = %v, want %v", infos, want)
	}
	for i, in := range infos {
		if in.Name != want[i] || in.Description == "" {
			t.Errorf("Embedded()[%d] = %+v, want name %q with a description", i, in, want[i])
		}
		s, err := Load(in.Name, nil)
		if err != nil {
			t.Errorf("Load(%q): %v", in.Name, err)
			continue
		}
		if s.Name != in.Name || s.Source != "embedded:"+in.Name || s.Description != in.Description {
			t.Errorf("Load(%q) = name %q source %q", in.Name, s.Name, s.Source)
		}
		if _, err := Load("embedded:"+in.Name, nil); err != nil {
			t.Errorf("Load(embedded:%s): %v", in.Name, err)
		}
	}
}

func TestTypicalIsDefaults(t *testing.T) {
	s, err := Load(DefaultName, nil)
	if err != nil {
		t.Fatal(err)
	}
	sc, cmp, draws, err := s.Arms(0, 1)
	if err != nil {
		t.Fatal(err)
	}
	def := sim.DefaultParams()
	if !equalParams(sc, def) {
		t.Errorf("pcn-typical scenario arm differs from sim.DefaultParams()")
	}
	def.Rollout.Enabled = false
	if !equalParams(cmp, def) {
		t.Errorf("pcn-typical comparator is not the defaults with rollout.enabled = false")
	}
	if len(draws) != 0 {
		t.Errorf("draws = %v, want none", draws)
	}
}

func TestEmbeddedValues(t *testing.T) {
	eng, err := Load("england", nil)
	if err != nil {
		t.Fatal(err)
	}
	p := eng.Base()
	if p.PCNs.Count != 1250 || p.SamplePCNs != 10 || p.Simulation.Years != 10 || p.Simulation.Runs != 6 || p.PCNs.Practices != 0 {
		t.Errorf("england: count %d sample %d years %g runs %d practices %d", p.PCNs.Count, p.SamplePCNs, p.Simulation.Years, p.Simulation.Runs, p.PCNs.Practices)
	}
	if n := len(p.LinkWorkers.FTEPath); n != 5 || p.LinkWorkers.FTEPath[4].FTEPer50 != 2.8 || p.LinkWorkers.FTEPath[4].Date != sim.MakeDate(2023, 4, 1) {
		t.Errorf("england fte_path = %v", p.LinkWorkers.FTEPath)
	}
	urban, err := Load("pcn-deprived-urban", nil)
	if err != nil {
		t.Fatal(err)
	}
	if u := urban.Base(); u.PCNs.Registered != 55000 || u.Population.EthnicMinority[0] != 0.45 || u.Services.PerNeedPer10k != 0.4 {
		t.Errorf("pcn-deprived-urban: %+v", u.PCNs)
	}
	rural, err := Load("pcn-rural", nil)
	if err != nil {
		t.Fatal(err)
	}
	if r := rural.Base(); r.PCNs.Registered != 32000 || r.LinkWorkers.RecruitWeeks != 26 || r.Population.AgeShares[4] != 0.09 {
		t.Errorf("pcn-rural: %+v", r.PCNs)
	}
}

func TestLoadGood(t *testing.T) {
	s, err := Load("testdata/good.toml", nil)
	if err != nil {
		t.Fatal(err)
	}
	p := s.Base()
	if len(p.Rollout.Phases) != 2 || p.Rollout.Phases[1].GoLive != sim.MakeDate(2020, 7, 1) || p.Rollout.Order != "deprived_first" {
		t.Errorf("phases = %+v, order %q", p.Rollout.Phases, p.Rollout.Order)
	}
	if p.Effects.Wellbeing != 0.1 {
		t.Errorf("Base effects.wellbeing = %g, want the mean 0.1", p.Effects.Wellbeing)
	}
	if g := p.Services.Grants; len(g) != 1 || !g[0].FundExisting || g[0].NewPer10k != 0.2 {
		t.Errorf("grants = %+v", g)
	}
	wantDists := []string{
		"comparator.effects.wellbeing", "comparator.link_workers.fte_multiplier",
		"effects.gp_rr", "effects.wellbeing", "needs.money.imd_rr[1]",
		"services.grants[0].new_per_10k", "support.onward_at_contact",
	}
	if got := s.Dists(); fmt.Sprint(got) != fmt.Sprint(wantDists) {
		t.Errorf("Dists() = %v, want %v", got, wantDists)
	}
	sc, cmp, draws, err := s.Arms(3, 99)
	if err != nil {
		t.Fatal(err)
	}
	if len(draws) != len(wantDists) {
		t.Fatalf("draws = %v", draws)
	}
	for i, d := range draws {
		if d.Key != wantDists[i] {
			t.Errorf("draws[%d].Key = %q, want %q", i, d.Key, wantDists[i])
		}
	}
	// The comparator gives effects.wellbeing the same distribution, so the same value.
	if sc.Effects.Wellbeing != cmp.Effects.Wellbeing {
		t.Errorf("effects.wellbeing: scenario %g, comparator %g; same distribution should give the same draw", sc.Effects.Wellbeing, cmp.Effects.Wellbeing)
	}
	if sc.Support.OnwardAtContact < 1 || sc.Support.OnwardAtContact > 4 || cmp.Support.OnwardAtContact != sc.Support.OnwardAtContact {
		t.Errorf("onward_at_contact: %d / %d", sc.Support.OnwardAtContact, cmp.Support.OnwardAtContact)
	}
	if !sc.Rollout.Enabled || cmp.Rollout.Enabled {
		t.Errorf("rollout.enabled = %v / %v, want true / false", sc.Rollout.Enabled, cmp.Rollout.Enabled)
	}
	if cmp.LinkWorkers.FTEMultiplier <= 0 || cmp.LinkWorkers.FTEMultiplier >= 1 || sc.LinkWorkers.FTEMultiplier != 1 {
		t.Errorf("fte_multiplier = %g / %g", sc.LinkWorkers.FTEMultiplier, cmp.LinkWorkers.FTEMultiplier)
	}
	// Arms must not share slices with the scenario or each other.
	sc.Needs.Money.IMDRR[0] = -1
	if s.Base().Needs.Money.IMDRR[0] == -1 || cmp.Needs.Money.IMDRR[0] == -1 {
		t.Error("arms share slices")
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct{ file, want string }{
		{"bad-syntax", `testdata/bad-syntax.toml:4: TOML syntax error: expected a top-level item to end with a newline, comment, or EOF, but got '0' instead`},
		{"unknown-key", `testdata/unknown-key.toml:5: unknown key "link_workers.ftee"; did you mean "link_workers.fte_path"?`},
		{"unknown-table", `testdata/unknown-table.toml:3: unknown table "link_worker"; did you mean "link_workers"?`},
		{"out-of-range", `testdata/out-of-range.toml:4: link_workers.turnover_annual = 1.5 is out of range [0, 1] (per year)`},
		{"wrong-type", `testdata/wrong-type.toml:4: support.contacts_min: got string "six", want an integer or a distribution`},
		{"bad-enum", `testdata/bad-enum.toml:4: support.queue_order: "priorty" is not allowed (want one of "fcfs", "priority"); did you mean "priority"?`},
		{"bad-length", `testdata/bad-length.toml:4: needs.money.imd_rr: has 4 values, want 5`},
		{"shares", `testdata/shares.toml:4: population.age_shares = [0.3, 0.25, 0.25, 0.16, 0.06] sums to 1.02; the values must sum to 1 (within 1e-06)`},
		{"contacts", `testdata/contacts.toml:4: support.contacts_min = 13 is more than support.contacts_max = 12`},
		{"bad-dist", `testdata/bad-dist.toml:4: effects.wellbeing: {dist = "normal", mean = 0.1, sd = -1}: sd must be > 0`},
		{"nan", `testdata/nan.toml:4: effects.wellbeing = NaN is not a finite number`},
		{"empty", `testdata/empty.toml: empty scenario file (no keys); is this the right file? A scenario needs at least a name`},
		{"comments-only", `testdata/comments-only.toml: empty scenario file (no keys); is this the right file? A scenario needs at least a name`},
	}
	for _, tt := range tests {
		_, err := Load("testdata/"+tt.file+".toml", nil)
		if err == nil {
			t.Errorf("%s: no error, want %s", tt.file, tt.want)
			continue
		}
		if err.Error() != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.file, err, tt.want)
		}
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("%s: error is %T, want *Error", tt.file, err)
		}
	}
}

// TestInlineErrors checks problems written in small files.
func TestInlineErrors(t *testing.T) {
	tests := []struct{ src, want string }{
		{"name = 3\n", `f.toml:1: name: got integer 3, want a string`},
		{"[rollout]\ngo_live = 2019-07-01T10:00:00\n", `f.toml:2: rollout.go_live: got date-time 2019-07-01T10:00:00Z, want a date such as 2019-07-01`},
		{"[rollout]\ngo_live = \"July 2019\"\n", `f.toml:2: rollout.go_live: got string "July 2019", want a date such as 2019-07-01`},
		{"[effects]\nwellbeing = inf\n", `f.toml:2: effects.wellbeing = +Inf is not a finite number`},
		{"[effects]\nwellbeing = {dist = \"beta\", alpha = 0, beta = 2}\n", `f.toml:2: effects.wellbeing: {dist = "beta", alpha = 0, beta = 2}: alpha and beta must be > 0`},
		{"[effects]\nwellbeing = {dist = \"gamma\", shape = 2, rate = -1}\n", `f.toml:2: effects.wellbeing: {dist = "gamma", shape = 2, rate = -1}: shape and rate must be > 0`},
		{"[effects]\nwellbeing = {dist = \"uniform\", min = 1, max = 1}\n", `f.toml:2: effects.wellbeing: {dist = "uniform", min = 1, max = 1}: min must be < max`},
		{"[effects]\nwellbeing = {dist = \"triangular\", min = 0, mode = 2, max = 1}\n", `f.toml:2: effects.wellbeing: {dist = "triangular", min = 0, mode = 2, max = 1}: need min <= mode <= max with min < max`},
		{"[effects]\nwellbeing = {dist = \"lognormal\", meanlog = 0, sdlog = 0}\n", `f.toml:2: effects.wellbeing: {dist = "lognormal", meanlog = 0, sdlog = 0}: sdlog must be > 0`},
		{"[effects]\nwellbeing = {dist = \"normal\", mean = 0.1, sigma = 1}\n", `f.toml:2: effects.wellbeing: unknown field "sigma": a normal distribution needs mean and sd`},
		{"[effects]\nwellbeing = {mean = 0.1, sd = 1}\n", `f.toml:2: effects.wellbeing: a table here must be a distribution such as {dist="normal", mean=0.5, sd=0.2}; missing "dist" (one of normal, lognormal, beta, gamma, uniform, triangular)`},
		{"[effects]\nwellbeing = {dist = \"normal\", mean = nan, sd = 1}\n", `f.toml:2: effects.wellbeing: a normal distribution needs mean and sd: mean = NaN is not a finite number`},
		{"[pcns]\ncount = {dist = \"normal\", mean = 5, sd = 1}\n", `f.toml:2: pcns.count: cannot be a distribution: it fixes the structure of the simulation, so give a single value`},
		{"[population]\nage_shares = [{dist = \"uniform\", min = 0.2, max = 0.3}, 0.25, 0.25, 0.16, 0.06]\n", `f.toml:2: population.age_shares[0]: cannot be a distribution: the values of population.age_shares must sum to 1 in every run`},
		{"[needs.money]\nimd_rr = [2, 1.5, -1, 0.7, 0.5]\n", `f.toml:2: needs.money.imd_rr[2] = -1 is out of range [0, 20] (ratio)`},
		{"[pcns]\nregistered = 10000\n", `f.toml:2: pcns.registered = 10000 is outside [pcns.registered_min, pcns.registered_max] = [14605, 263827]`},
		{"[pcns]\npractice_deprivation_sd = 1.2\n", `f.toml:2: pcns.practice_deprivation_sd = 1.2 is more than pcns.deprivation_within_sd = 1, of which it is a part`},
		{"[[services.grants]]\nstart = 2021-01-01\nend = 2020-01-01\nnew_per_10k = 1\nannual_per_service = 0\n", `f.toml:1: services.grants[0].end = 2020-01-01 is not after its start 2021-01-01`},
		{"[[services.grants]]\nstart = 2021-01-01\nend = 2022-01-01\nannual_per_service = 0\n", `f.toml:1: services.grants[0].new_per_10k: missing (each element of services.grants needs start, end, new_per_10k, fund_existing, annual_per_service)`},
		{"[link_workers]\nfte_path = []\n", `f.toml:2: link_workers.fte_path: is empty, but rollout.enabled = true: give at least one {date, fte_per_50k}`},
		{"[link_workers]\nfte_path = [{date = 2020-01-01, fte_per_50k = 1}, {date = 2020-01-01, fte_per_50k = 2}]\n", `f.toml:2: link_workers.fte_path[1].date = 2020-01-01 is not after the previous date 2020-01-01; dates must be strictly ascending`},
		{"[rollout]\nphases = [{share = 0.5, go_live = 2020-01-01}]\n", `f.toml:2: rollout.phases = [0.5] sums to 0.5; the phase shares must sum to 1 (within 1e-06)`},
		{"[pcns]\ncsv = \"pcns.csv\"\ncount = 3\n", `f.toml:3: pcns.count = 3, but pcns.csv is set and the PCNs come from the CSV; remove pcns.count`},
		{"[comparator]\nsimulation.years = 3\n", `f.toml:2: comparator.simulation.years: the comparator shares the scenario's simulation keys (the arms must have the same PCNs, calendar, measures, price year and discounting); set it outside [comparator]`},
		{"[comparator]\nsupport.contacts_min = 20\n", `f.toml:2: comparator.support.contacts_min = 20 is more than support.contacts_max = 12 (in the comparator arm)`},
		{"[comparator]\nlink_workers.ftee = 1\n", `f.toml:2: unknown key "comparator.link_workers.ftee"; did you mean "comparator.link_workers.fte_path"?`},
		{"comparator = 1\n", `f.toml:1: comparator: got integer 1, want a table of keys`},
		{"effects = 1\n", `f.toml:1: effects: got integer 1, want a table of keys`},
		{"[pcns]\ncsv = \"missing.csv\"\n", `f.toml:2: pcns.csv: cannot read the practices CSV: open DIR/missing.csv: no such file or directory`},
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "pcns.csv"), []byte("pcn,practice,list_size,imd_q1,imd_q2,imd_q3,imd_q4,imd_q5\nA,A1,1000,0.2,0.2,0.2,0.2,0.2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	for _, tt := range tests {
		if err := os.WriteFile("f.toml", []byte(tt.src), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := Load("f.toml", nil)
		want := replaceDir(tt.want, dir)
		if err == nil || err.Error() != want {
			t.Errorf("%q:\n got %v\nwant %s", tt.src, err, want)
		}
	}
}

func TestLoadNotFound(t *testing.T) {
	_, err := Load("pcn-typcal", nil)
	want := `no scenario "pcn-typcal": it is neither an embedded scenario (csv-example, england, pcn-deprived-urban, pcn-rural, pcn-typical) nor a file; did you mean "pcn-typical"?`
	if err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
	if _, err := Load("testdata/nope.toml", nil); err == nil {
		t.Error("missing file: no error")
	}
	if _, err := Load("embedded:nope", nil); err == nil {
		t.Error("embedded:nope: no error")
	}
}

func TestComparatorOverlay(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	// An overlay that re-enables rollout makes both arms identical.
	same := write("same.toml", "name = \"same\"\n[effects]\nwellbeing = {dist = \"normal\", mean = 0.1, sd = 0.05}\n[comparator]\nrollout.enabled = true\n")
	s, err := Load(same, nil)
	if err != nil {
		t.Fatal(err)
	}
	for run := range 5 {
		sc, cmp, _, err := s.Arms(run, sim.RunSeed(7, run))
		if err != nil {
			t.Fatal(err)
		}
		if !equalParams(sc, cmp) {
			t.Errorf("run %d: arms differ", run)
		}
	}
	// An overlay without rollout.enabled keeps rollout on in the comparator.
	half := write("half.toml", "name = \"half\"\n[comparator.link_workers]\nfte_multiplier = 0.5\n")
	s, err = Load(half, nil)
	if err != nil {
		t.Fatal(err)
	}
	sc, cmp, _, _ := s.Arms(0, 1)
	if !cmp.Rollout.Enabled || cmp.LinkWorkers.FTEMultiplier != 0.5 || sc.LinkWorkers.FTEMultiplier != 1 {
		t.Errorf("comparator = enabled %v, fte_multiplier %g", cmp.Rollout.Enabled, cmp.LinkWorkers.FTEMultiplier)
	}
}

func TestCSVScenario(t *testing.T) {
	s, err := Load("csv-example", nil)
	if err != nil {
		t.Fatal(err)
	}
	pcns := s.PCNs()
	if len(pcns) != 3 || len(pcns[0].Practices) != 4 || pcns[2].GoLive != sim.MakeDate(2020, 4, 1) || pcns[0].GoLive != 0 {
		t.Fatalf("PCNs() = %+v", pcns)
	}
	if got := s.Base().PCNs.CSV; got != "embedded:example-pcns.csv" {
		t.Errorf("pcns.csv = %q, want embedded:example-pcns.csv", got)
	}
	// A relative path in a file resolves against the file's directory.
	s, err = Load("testdata/csv-relative.toml", nil)
	if err != nil {
		t.Fatal(err)
	}
	abs, _ := filepath.Abs("testdata/pcns.csv")
	if got := s.Base().PCNs.CSV; got != abs {
		t.Errorf("pcns.csv = %q, want %q", got, abs)
	}
	if p := s.PCNs(); len(p) != 2 || p[0].Name != "A" || p[0].Practices[1].IMD[0] != 0.5 {
		t.Errorf("PCNs() = %+v", p)
	}
	// The resolved TOML reads the same CSV from another directory.
	out := filepath.Join(t.TempDir(), "resolved.toml")
	if err := os.WriteFile(out, s.ResolvedTOML(), 0o644); err != nil {
		t.Fatal(err)
	}
	r, err := Load(out, nil)
	if err != nil {
		t.Fatal(err)
	}
	if r.Hash() != s.Hash() || len(r.PCNs()) != 2 {
		t.Errorf("reloaded CSV scenario differs")
	}
}

func TestSyntheticPCNs(t *testing.T) {
	s, err := Load("pcn-typical", nil)
	if err != nil {
		t.Fatal(err)
	}
	var pcns []sim.PCNSpec
	func() {
		defer func() {
			if r := recover(); r != nil {
				t.Skipf("sim.SyntheticPCNs not implemented yet: %v", r)
			}
		}()
		pcns = s.PCNs()
	}()
	if len(pcns) != 1 {
		t.Errorf("pcn-typical: %d PCNs, want 1", len(pcns))
	}
}

func ExampleLoad() {
	s, err := Load("pcn-typical", []string{
		"link_workers.fte_multiplier=0.5",
		`effects.wellbeing={dist="normal", mean=0.1, sd=0.05}`,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	scenario, comparator, draws, err := s.Arms(0, sim.RunSeed(1, 0))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(s.Name, s.Dists())
	fmt.Println(scenario.LinkWorkers.FTEMultiplier, scenario.Rollout.Enabled, comparator.Rollout.Enabled)
	fmt.Println(len(draws), draws[0].Key, draws[0].Value == scenario.Effects.Wellbeing)

	_, err = Load("pcn-typical", []string{"link_workers.turnover_annual=1.5"})
	fmt.Println(err)
	// Output:
	// pcn-typical [effects.wellbeing]
	// 0.5 true false
	// 1 effects.wellbeing true
	// --set: link_workers.turnover_annual = 1.5 is out of range [0, 1] (per year)
}
