package scenarios

import (
	"testing"

	"spsim/sim"
)

func TestSet(t *testing.T) {
	s, err := Load("pcn-typical", []string{
		"link_workers.fte_multiplier=0.5",
		`effects.wellbeing={dist="normal",mean=0.5,sd=0.2}`,
		"rollout.go_live=2020-01-01",
		`support.queue_order="priority"`,
		"qaly.mapping=needs", // a bare word is a string
		"needs.money.imd_rr=[2,1.5,1,0.7,0.5]",
		"comparator.link_workers.fte_multiplier=0.25",
		`name="my run"`,
		"identification.self_referral=false",
		`rollout.phases=[{share=0.5, go_live=2019-07-01}, {share=0.5, go_live="2020-07-01"}]`,
	})
	if err != nil {
		t.Fatal(err)
	}
	p := s.Base()
	switch {
	case p.LinkWorkers.FTEMultiplier != 0.5,
		p.Effects.Wellbeing != 0.5,
		p.Rollout.GoLive != sim.MakeDate(2020, 1, 1),
		p.Support.QueueOrder != "priority",
		p.QALY.Mapping != "needs",
		p.Needs.Money.IMDRR[1] != 1.5,
		p.Identification.SelfReferral,
		len(p.Rollout.Phases) != 2,
		s.Name != "my run":
		t.Errorf("--set not applied: %+v", p)
	}
	sc, cmp, draws, err := s.Arms(0, 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(draws) != 1 || draws[0].Key != "effects.wellbeing" || sc.Effects.Wellbeing != draws[0].Value || cmp.Effects.Wellbeing != draws[0].Value {
		t.Errorf("draws = %v; arms %g / %g", draws, sc.Effects.Wellbeing, cmp.Effects.Wellbeing)
	}
	// With no [comparator] table, --set comparator.* adds to the default overlay.
	if cmp.Rollout.Enabled || cmp.LinkWorkers.FTEMultiplier != 0.25 {
		t.Errorf("comparator: enabled %v, fte_multiplier %g", cmp.Rollout.Enabled, cmp.LinkWorkers.FTEMultiplier)
	}

	// --set overrides a file's distribution with a value, and the reverse.
	s, err = Load("testdata/good.toml", []string{"effects.wellbeing=0.2", "comparator.rollout.enabled=true"})
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range s.Dists() {
		if k == "effects.wellbeing" {
			t.Error("effects.wellbeing still a distribution after --set effects.wellbeing=0.2")
		}
	}
	if _, cmp, _, _ := s.Arms(0, 1); !cmp.Rollout.Enabled {
		t.Error("comparator.rollout.enabled=true not applied")
	}
	// --set comparator.rollout.enabled=true alone makes both arms the same.
	s, err = Load("pcn-typical", []string{"comparator.rollout.enabled=true"})
	if err != nil {
		t.Fatal(err)
	}
	if sc, cmp, _, _ := s.Arms(0, 1); !equalParams(sc, cmp) {
		t.Error("arms differ")
	}
}

func TestSetErrors(t *testing.T) {
	tests := []struct{ set, want string }{
		{"link_workers.ftee=2", `--set: unknown key "link_workers.ftee"; did you mean "link_workers.fte_path"?`},
		{"sample_pcn=3", `--set: unknown key "sample_pcn"; did you mean "sample_pcns"?`},
		{"link_workers.fte_multiplier=abc", `--set: link_workers.fte_multiplier: got string "abc", want a number or a distribution`},
		{"support.queue_order=priorty", `--set: support.queue_order: "priorty" is not allowed (want one of "fcfs", "priority"); did you mean "priority"?`},
		{"link_workers.turnover_annual=1.5", `--set: link_workers.turnover_annual = 1.5 is out of range [0, 1] (per year)`},
		{"comparator.pcns.count=3", `--set: comparator.pcns.count: the comparator shares the scenario's pcns keys (the arms must have the same PCNs, calendar, measures, price year and discounting); set it outside [comparator]`},
		{"comparator.costs.price_year=2024", `--set: comparator.costs.price_year: the comparator shares the scenario's costs.price_year (the arms must have the same PCNs, calendar, measures, price year and discounting); set it outside [comparator]`},
		{"comparator.effects.wellbeing=9", `--set: comparator.effects.wellbeing = 9 is out of range [-2, 3] (SD of wellbeing)`},
		{`effects.wellbeing={dist="normal",mean=0.5}`, `--set: effects.wellbeing: a normal distribution needs mean and sd; missing "sd"`},
		{`effects.wellbeing={dist="norml",mean=0.5}`, `--set: effects.wellbeing: unknown distribution "norml" (want one of normal, lognormal, beta, gamma, uniform, triangular); did you mean "normal"?`},
		{`effects.wellbeing={dist="uniform",min=5,max=6}`, `--set: effects.wellbeing: {dist = "uniform", min = 5, max = 6} puts only 0% of its probability in the allowed range [-2, 3]; values outside it are redrawn, so at least 5% must be inside`},
		{"foo", `--set: "foo" is not key=value (for example link_workers.fte_multiplier=0.5)`},
		{"effects=1", `--set: effects: got integer 1, want a table of keys`},
		{"needs.money.imd_rr=[1,2]", `--set: needs.money.imd_rr: has 2 values, want 5`},
		{"rollout.phases=[{share=1, golive=2020-01-01}]", `--set: rollout.phases[0]: unknown field "golive" (each element of rollout.phases has share, go_live); did you mean "go_live"?`},
		{"rollout.go_live=2020-13-01", `--set: rollout.go_live: value 2020-13-01 is not valid TOML: invalid datetime: "2020-13-01" (quote strings, write dates as 2020-01-01, lists as [1, 2], distributions as {dist="normal", mean=0.5, sd=0.2})`},
		{"support.contacts_min=13", `--set: support.contacts_min = 13 is more than support.contacts_max = 12`},
	}
	for _, tt := range tests {
		_, err := Load("pcn-typical", []string{tt.set})
		if err == nil || err.Error() != tt.want {
			t.Errorf("--set %s:\n got %v\nwant %s", tt.set, err, tt.want)
		}
	}
}
