package report

import (
	"fmt"
	"image/color"
	"math"
	"strings"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"spsim/output"
)

// jinterval is a mean with its 2.5% and 97.5% quantiles across runs.
type jinterval struct {
	Mean output.Number `json:"mean"`
	Lo   output.Number `json:"p2_5"`
	Hi   output.Number `json:"p97_5"`
}

// comparison is what the report reads of compare.json.
type comparison struct {
	Name         string          `json:"comparison"`
	Runs         int             `json:"runs"`
	Seed         uint64          `json:"seed"`
	Comparator   string          `json:"comparator"`
	DiscountRate float64         `json:"discount_rate"`
	PriceYear    string          `json:"price_year"`
	OppCost      output.Number   `json:"opportunity_cost_threshold"`
	Options      []compareOption `json:"options"`
}

// compareOption is one option of compare.json.
type compareOption struct {
	Name       string        `json:"name"`
	Label      string        `json:"label"`
	Comparator bool          `json:"comparator"`
	Cost       jinterval     `json:"cost"`
	QALYs      jinterval     `json:"qalys"`
	IncCost    jinterval     `json:"incremental_cost"`
	IncQALYs   jinterval     `json:"incremental_qalys"`
	ICER       output.Number `json:"icer_vs_comparator"`
	Status     string        `json:"frontier_status"`
	FrontierOf string        `json:"frontier_comparator"`
	FrontierIC output.Number `json:"frontier_icer"`
	Thresholds []atThreshold `json:"at_thresholds"`
	DCEA       *optionDCEA   `json:"dcea"`
}

// atThreshold is an option's net benefit at one willingness to pay.
type atThreshold struct {
	Threshold output.Number `json:"threshold"`
	NMB       output.Number `json:"nmb"`
	INB       output.Number `json:"inb"`
	ProbCE    output.Number `json:"prob_cost_effective"`
}

// optionDCEA is what the report uses of an option's distributional
// analysis: its place on the equity-efficiency impact plane.
type optionDCEA struct {
	Plane struct {
		NHB      output.Number `json:"net_health_benefit"`
		Gap      output.Number `json:"sii_reduction"`
		Quadrant string        `json:"quadrant"`
	} `json:"impact_plane"`
}

// option is the named option, or nil.
func (c *comparison) option(name string) *compareOption {
	for i := range c.Options {
		if c.Options[i].Name == name {
			return &c.Options[i]
		}
	}
	return nil
}

// thresholds are the comparison's willingness-to-pay thresholds, GBP per
// QALY (the same for every option).
func (c *comparison) thresholds() []float64 {
	var out []float64
	if len(c.Options) > 0 {
		for _, t := range c.Options[0].Thresholds {
			out = append(out, float64(t.Threshold))
		}
	}
	return out
}

// optionStyle is how an option is drawn in every figure of a comparison:
// its place in compare.json picks its colour, dash and marker, so an
// option looks the same in each.
type optionStyle struct {
	colour color.RGBA
	dashes []vg.Length
	glyph  draw.GlyphDrawer
}

func (c *comparison) style(name string) optionStyle {
	for i, o := range c.Options {
		if o.Name == name {
			return optionStyle{okabeIto(i), seriesDashes(i), seriesGlyph(i)}
		}
	}
	return optionStyle{okabeIto(7), nil, seriesGlyph(0)}
}

// others are the options other than the comparator, in file order.
func (c *comparison) others() []string {
	var out []string
	for _, o := range c.Options {
		if !o.Comparator {
			out = append(out, o.Name)
		}
	}
	return out
}

// money chooses how an axis of GBP is scaled: in thousands once amounts
// pass GBP 10,000, so tick labels stay short. (The price year is in the
// captions: an axis label must fit the height of a panel.)
func money(maxAbs float64, what string) (scale float64, label string) {
	scale, unit := 1.0, "GBP"
	if maxAbs >= 1e4 {
		scale, unit = 1e3, "GBP thousand"
	}
	return scale, fmt.Sprintf("%s (%s)", what, unit)
}

// buildCompare lays out the report of `spsim compare`: the options, their
// cost-effectiveness, budget impact and the distribution of their health
// effects by deprivation.
func buildCompare(src source) *document {
	d := &document{kind: "compare"}
	m, _ := manifestFacts(src, d)
	c := comparison{OppCost: output.Number(math.NaN())} // NaN if the file (an older spsim's) has none
	if !readResults(src, d, m, "compare.json", m.Comparison, &c) {
		return d
	}
	d.title = "spsim compare: " + c.Name
	d.lead = fmt.Sprintf("Funding options against %s, every option run on the same PCNs and people with the same seeds (common random numbers), "+
		"so each run's difference from the comparator is the option's effect. Costs and QALYs are discounted at %.3g%% a year; costs are GBP at %s prices.",
		c.Comparator, 100*c.DiscountRate, c.PriceYear)
	d.facts = append(d.facts,
		[2]string{"comparison", c.Name},
		[2]string{"comparator", c.Comparator},
		[2]string{"runs", fmt.Sprintf("%d per option", c.Runs)},
		[2]string{"seed", fmt.Sprint(c.Seed)})
	d.facts = append(d.facts, versionFacts(m)...)
	d.tables = append(d.tables, titledTable{"Options and the incremental analysis", optionsTable(&c)})

	ce := d.section("cost-effectiveness", "Cost-effectiveness", "")
	ce.add(d, "Cost-effectiveness plane", func() (*figure, error) { return cePlane(src, d, &c) })
	ce.add(d, "Cost-effectiveness acceptability curves", func() (*figure, error) { return ceacFigure(src, d, &c) })
	ce.add(d, "Incremental net monetary benefit by threshold", func() (*figure, error) { return nmbFigure(src, d, &c) })
	bi := d.section("budget", "Budget impact", "Undiscounted costs by NHS financial year and payer (budget.csv), as a budget holder pays them.")
	bi.add(d, "Budget impact by financial year and payer", func() (*figure, error) { return budgetFigure(src, d, &c) })
	eq := d.section("equity", "Equity", "Who gains: health effects by IMD quintile net of the health the costs displace elsewhere in the NHS (distributional cost-effectiveness).")
	eq.add(d, "Equity-efficiency impact plane", func() (*figure, error) { return impactPlane(&c) })
	eq.add(d, "Net health benefit by IMD quintile", func() (*figure, error) { return dceaFigure(src, d, &c) })
	return d
}

// add adds the figure make builds, or notes why there is none.
func (s *section) add(d *document, title string, build func() (*figure, error)) {
	f, err := build()
	if err != nil {
		d.omit(title, err)
		return
	}
	s.figures = append(s.figures, f)
}

// optionsTable is the commissioner's table: each option's cost, QALYs,
// increments with intervals, ICER and place in the incremental analysis.
func optionsTable(c *comparison) table {
	t := table{head: []string{"option", "description", "cost (GBP)", "QALYs", "incremental cost", "incremental QALYs (95% interval)", "ICER (GBP/QALY)", "incremental analysis"}, text: 2,
		note: "Means across runs; increments against " + c.Comparator + " run by run; ICERs are ratios of mean increments."}
	for _, o := range c.Options {
		inc, incQ, icer := "–", "–", "–"
		if !o.Comparator {
			inc = num(float64(o.IncCost.Mean))
			incQ = fmt.Sprintf("%s (%s)", num(float64(o.IncQALYs.Mean)), span(float64(o.IncQALYs.Lo), float64(o.IncQALYs.Hi)))
			icer = num(float64(o.ICER))
		}
		status := o.Status
		switch {
		case o.FrontierOf != "" && finite(float64(o.FrontierIC)):
			status = fmt.Sprintf("ICER %s vs %s", num(float64(o.FrontierIC)), o.FrontierOf)
		case o.FrontierOf != "":
			status += " by " + o.FrontierOf
		}
		t.add(o.Name, o.Label, num(float64(o.Cost.Mean)), num(float64(o.QALYs.Mean)), inc, incQ, icer, strings.TrimSpace(status))
	}
	return t
}
