package report

import (
	"errors"
	"fmt"
	"strings"

	"gonum.org/v1/plot"
)

// funnelStage is one step of the referral funnel: a rate per 1,000 adult
// person-years from summary.json, less another (accepted = referred minus
// declined).
type funnelStage struct {
	label, metric, minus string
	difference           bool // the difference arm's value (needs resolved because of social prescribing)
}

func funnelStages() []funnelStage {
	return []funnelStage{
		{label: "referred", metric: "referrals_per_1000py"},
		{label: "accepted", metric: "referrals_per_1000py", minus: "declined_per_1000py"},
		{label: "first contact", metric: "lw_first_contact_per_1000py"},
		{label: "3+ contacts", metric: "lw_three_plus_contacts_per_1000py"},
		{label: "any\nintervention", metric: "any_intervention_per_1000py"},
		{label: "extra needs\nresolved", metric: "needs_resolved_per_1000py", difference: true},
	}
}

// stageRate is stage's mean rate in arm and group, and whether summary.json
// has it.
func stageRate(s summary, st funnelStage, arm, group string) (float64, bool) {
	if st.difference {
		if arm != "scenario" {
			return 0, false // a difference has no counterfactual of its own
		}
		arm = "difference"
	}
	r, ok := s.get(st.metric, arm, group)
	if !ok {
		return 0, false
	}
	if st.minus == "" {
		return r.Mean, true
	}
	m, ok := s.get(st.minus, arm, group)
	return r.Mean - m.Mean, ok
}

// funnelFigure draws the referral funnel by IMD quintile: how many people
// per 1,000 adults a year reach each step, for the scenario and, when its
// comparator refers people too, the counterfactual.
func funnelFigure(s summary, d *document, sec *section) {
	const title = "Referral funnel by IMD quintile"
	stages := funnelStages()
	arms := []string{"scenario"}
	if r, ok := s.get("referrals", "counterfactual", "all"); ok && r.Mean > 0 {
		arms = append(arms, "counterfactual")
	}
	f := newFigure("funnel-imd", title,
		"People reaching each step of social prescribing per 1,000 adults a year, by IMD quintile of where they live (means across runs); "+
			"the last step is the need episodes resolved beyond the counterfactual's, per 1,000 adults a year.")
	f.legend = newLegend()
	var panels []*plot.Plot
	drawn := 0
	for ai, arm := range arms {
		p := newPanel("", "people per 1,000 adults per year")
		if len(arms) > 1 {
			p.Title.Text = arm
		}
		var labels []string
		for i, st := range stages {
			labels = append(labels, st.label)
			for q, g := range quintileGroups() {
				v, ok := stageRate(s, st, arm, g)
				if !ok {
					continue
				}
				b := newBars(quintileColour(q + 1))
				x0 := float64(i) - 0.4 + 0.16*float64(q)
				b.rects = append(b.rects, rect{x0, x0 + 0.16, 0, v})
				p.Add(b)
				drawn++
				if ai == 0 && i == 0 {
					f.legend.Add(quintileLabel(q+1), b)
				}
			}
		}
		p.NominalX(labels...)
		p.X.Min, p.X.Max = -0.5, float64(len(stages))-0.5 // panels aligned, though a counterfactual has no last step
		p.Add(hline(0, false))
		headroom(p)
		panels = append(panels, p)
	}
	if drawn == 0 {
		d.omit(title, errors.New("summary.json has none of the funnel's rates by IMD quintile"))
		return
	}
	f.grid(panels, 1)
	f.table = funnelTable(s, stages, arms)
	sec.figures = append(sec.figures, f)
}

// funnelTable gives each step's rate by quintile and for all adults, with
// the share of the people referred that reach it.
func funnelTable(s summary, stages []funnelStage, arms []string) table {
	t := table{head: []string{"arm", "step"}, text: 2,
		note: "People per 1,000 adults per year (share of those referred); accepted is referred less declined; extra needs resolved counts need episodes, scenario minus counterfactual."}
	groups := append(quintileGroups(), "all")
	for q := range quintileGroups() {
		t.head = append(t.head, fmt.Sprintf("IMD %d", q+1))
	}
	t.head = append(t.head, "all")
	for _, arm := range arms {
		for _, st := range stages {
			cells := []string{arm, strings.ReplaceAll(st.label, "\n", " ")}
			for _, g := range groups {
				v, ok := stageRate(s, st, arm, g)
				ref, okRef := stageRate(s, stages[0], arm, g)
				switch {
				case !ok:
					cells = append(cells, "–")
				case okRef && ref > 0 && !st.difference:
					cells = append(cells, fmt.Sprintf("%s (%.0f%%)", num(v), 100*v/ref))
				default:
					cells = append(cells, num(v))
				}
			}
			t.add(cells...)
		}
	}
	return t
}
