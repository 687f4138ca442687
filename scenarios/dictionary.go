package scenarios

import (
	"fmt"
	"strings"

	"spsim/sim/study"
)

// Dictionary returns every scenario parameter in dictionary order: the
// order of the fields of sim.Params, with the fields of a list's elements
// after the list.
func Dictionary() []Param {
	ps := theSchema().params
	out := make([]Param, len(ps))
	copy(out, ps)
	return out
}

// dictionaryPreamble explains how scenario files work.
const dictionaryPreamble = `# spsim parameter dictionary

Every scenario parameter, its unit, default, allowed range and source. Generated
from the model's code (` + "`spsim params`" + `), so it always matches the version you run.

## How scenarios work

- A **scenario** is a TOML file, or the name of a scenario built into spsim
  (` + "`spsim show NAME`" + ` prints one to copy). It sets ` + "`name`" + `, ` + "`description`" + ` and any of
  the keys below; every key left out keeps its default.
- **Keys** are dotted paths: ` + "`link_workers.turnover_annual`" + ` is ` + "`turnover_annual`" + ` in the
  ` + "`[link_workers]`" + ` table. Lists indexed by IMD quintile run from quintile 1 (most
  deprived) to 5; lists indexed by age band run 18-34, 35-49, 50-64, 65-79, 80+.
  Lists of tables (` + "`rollout.phases`" + `, ` + "`link_workers.fte_path`" + `, ` + "`services.grants`" + `) are
  written as arrays of inline tables or ` + "`[[...]]`" + ` tables with the fields shown as
  ` + "`key[].field`" + `. Dates are TOML dates (` + "`2019-07-01`" + `) or strings in that form.
- **Distributions.** Any number not marked *fixed* (a single number, an element
  of a list, or a numeric field of a list element) may instead be a distribution,
  drawn once per run:
  ` + "`{dist=\"normal\", mean=, sd=}`" + `, ` + "`{dist=\"lognormal\", meanlog=, sdlog=}`" + `,
  ` + "`{dist=\"beta\", alpha=, beta=}`" + `, ` + "`{dist=\"gamma\", shape=, rate=}`" + ` (rate = 1/scale),
  ` + "`{dist=\"uniform\", min=, max=}`" + `, ` + "`{dist=\"triangular\", min=, mode=, max=}`" + `.
  Each run's value depends only on the run's seed and the key, so adding or
  removing other distributions does not change it, and both arms get the same
  value from the same distribution. **Truncation:** a value outside the key's
  allowed range is redrawn (up to 1,000 times); a distribution must put at least
  5% of its probability inside the range. Integer keys are rounded. Shares that
  must sum to 1 cannot be distributions. Displays and checks use the mean.
- **--set** overrides any key from the command line with a TOML value:
  ` + "`--set link_workers.fte_multiplier=0.5`" + `,
  ` + "`--set 'effects.wellbeing={dist=\"normal\",mean=0.5,sd=0.2}'`" + `,
  ` + "`--set rollout.go_live=2020-01-01`" + `, ` + "`--set support.queue_order=priority`" + `,
  ` + "`--set 'needs.money.imd_rr=[2,1.5,1,0.7,0.5]'`" + `.
- **Comparator.** Every run simulates the scenario and a comparator arm on the
  same population with common random numbers. By default the comparator is the
  scenario with ` + "`rollout.enabled = false`" + ` (no social prescribing). A ` + "`[comparator]`" + `
  table instead lists keys (same dotted names, distributions allowed) that differ
  in the comparator, on top of the scenario's values (so a table without
  ` + "`rollout.enabled = false`" + ` keeps social prescribing on in the comparator).
  ` + "`--set comparator.KEY=VALUE`" + ` adds one key to the comparator overlay: to the
  file's table if it has one, else to the default overlay, which keeps
  ` + "`rollout.enabled = false`" + ` unless ` + "`--set comparator.rollout.enabled=true`" + ` is given too.
  The comparator cannot change the
  ` + "`simulation`" + `, ` + "`pcns`" + `, ` + "`outcomes`" + ` or ` + "`sample_pcns`" + ` keys, nor
  ` + "`costs.price_year`" + ` or ` + "`qaly.discount_rate`" + `, which both arms share.
- **Units** are given per key. Money is GBP in the prices of one financial
  year, ` + "`costs.price_year`" + ` (default 2022/23); the defaults are taken from sources
  of different years without inflation (each source names its year).
  Rates "per year" are annual probabilities unless stated.
- **Sources:** [EST] marks the modellers' own estimate or calibration.
`

// DictionaryMarkdown returns the parameter dictionary as a markdown
// document: how scenarios work, then one table per top-level section.
func DictionaryMarkdown() string {
	var b strings.Builder
	b.WriteString(dictionaryPreamble)
	section := "\x00"
	for _, p := range Dictionary() {
		sec, _, found := strings.Cut(p.Key, ".")
		if !found {
			sec = ""
		}
		if sec != section {
			section = sec
			title := "`" + sec + "`"
			if sec == "" {
				title = "Top level"
			}
			fmt.Fprintf(&b, "\n## %s\n\n", title)
			b.WriteString("| key | type | unit | default | allowed range | source | meaning |\n")
			b.WriteString("|---|---|---|---|---|---|---|\n")
		}
		kind := p.Kind
		if (p.numeric() && p.NoDist) || p.Kind == kindUint {
			kind += ", fixed"
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s | %s | %s |\n",
			p.Key, kind, cell(p.Unit), cell(code(p.Default)), cell(allowed(p)), cell(p.Source), cell(p.Doc))
	}
	b.WriteString("\n## Study files (`spsim power`)\n\n")
	b.WriteString("A study file plans a simulated evaluation: a `[study]` table and its `[study.world]`. `--set` takes the same keys ")
	b.WriteString("(e.g. `--set study.world.icc=0.02`). Start from `spsim show study-rct`.\n\n")
	b.WriteString("| key | type | unit | default | allowed range | meaning |\n")
	b.WriteString("|---|---|---|---|---|---|\n")
	for _, k := range StudyKeys {
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s | %s |\n", k.Key, k.Type, cell(k.Unit), cell(k.Default), cell(k.Range()), cell(k.Doc))
	}
	b.WriteString("\nAnalyses, and the designs each applies to:\n\n")
	b.WriteString("| analysis | designs | what it fits |\n|---|---|---|\n")
	for _, a := range study.AnalysisNames() {
		doc, designs := study.AnalysisDoc(a)
		fmt.Fprintf(&b, "| `%s` | %s | %s |\n", a, strings.Join(designs, ", "), cell(doc))
	}
	return b.String()
}

// allowed describes the values a parameter accepts.
func allowed(p Param) string {
	var parts []string
	if p.Lo != nil || p.Hi != nil {
		parts = append(parts, formatRange(p.Lo, p.Hi))
	}
	if p.Enum != nil {
		parts = append(parts, strings.Join(p.Enum, ", "))
	}
	if p.Len > 0 {
		parts = append(parts, fmt.Sprintf("%d values", p.Len))
	}
	return strings.Join(parts, "; ")
}

func code(s string) string {
	if s == "" {
		return ""
	}
	return "`" + s + "`"
}

// cell escapes text for a markdown table cell.
func cell(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "|", `\|`), "\n", " ")
}
