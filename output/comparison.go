package output

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"spsim/sim"
	"spsim/sim/econ"
)

// A comparison's outputs: options side by side against the comparator, run
// by run with common random numbers, and the economics of methods §4 across
// runs (costs by payer, QALYs, ICERs with dominance, net monetary benefit,
// acceptability curves, EVPI, distributional CEA by IMD quintile).

// CompareMeta describes a comparison for its outputs.
type CompareMeta struct {
	Name, Source string
	Options      []OptionMeta
	Comparator   int // index in Options
	Runs         int
	Seed         uint64
	Workers      int
	Thresholds   []float64 // GBP per QALY
	DiscountRate float64   // costs and QALYs, per year
	PriceYear    int       // costs.price_year: the financial year (2022 = 2022/23) whose prices every cost is in
	Command      string
	Started      time.Time
	WeekDates    []sim.Date // first day of each horizon week (sim.WeekDates)

	// Distributional CEA (methods §4.4).
	OppCostThreshold float64    // k: GBP per QALY forgone elsewhere in the NHS
	OppCostShares    [5]float64 // share of forgone QALYs borne by each IMD quintile
	BaselineQALE     [5]float64 // quality-adjusted life expectancy by IMD quintile
}

// OptionMeta names an option.
type OptionMeta struct{ Name, Label string }

// payers of the costs, in output order: NHS primary care's social
// prescribing (link-worker posts, ARRS and non-ARRS, and a digital
// signposting service), VCSE grants and places, and NHS use offsets (GP
// consultations and A&E attendances).
var payers = [...]struct{ name, doc string }{
	{"nhs_social_prescribing", "link-worker posts (ARRS and non-ARRS) and any digital signposting service (NHS primary care)"},
	{"vcse", "VCSE grants and paid places"},
	{"nhs_use", "GP consultations and A&E attendances (NHS use; a negative increment is an offset)"},
}

// optionRun is what a comparison keeps of one option in one run.
type optionRun struct {
	cost  [len(payers)]float64 // discounted
	qaly  float64              // discounted
	qalyQ [5]float64           // discounted QALYs by IMD quintile
	popQ  [5]float64           // mean registered adults by IMD quintile
	refs  float64
	fy    [][len(payers)]float64 // undiscounted cost by financial year (from the first in the horizon) and payer
}

func (o optionRun) total() float64 {
	var t float64
	for _, c := range o.cost {
		t += c
	}
	return t
}

// Comparison collects the runs of a comparison. Options other than the
// comparator are each run as the scenario arm of an ensemble whose
// comparator arm is the comparator option, with the same seeds; the
// comparator's own values come from those comparator arms.
type Comparison struct {
	meta    CompareMeta
	runs    [][]optionRun // [option][run]
	seen    [][]bool
	fy      []int     // financial year of each horizon week, counted from firstFY
	firstFY int       // first financial year of the horizon
	a       *analysis // the analysis of the runs added so far, once asked for
}

// NewComparison starts collecting a comparison.
func NewComparison(meta CompareMeta) *Comparison {
	c := &Comparison{meta: meta, runs: make([][]optionRun, len(meta.Options)), seen: make([][]bool, len(meta.Options))}
	for k := range c.runs {
		c.runs[k] = make([]optionRun, meta.Runs)
		c.seen[k] = make([]bool, meta.Runs)
	}
	if len(meta.WeekDates) > 0 {
		c.firstFY = econ.FinancialYear(meta.WeekDates[0].Time())
		for _, d := range meta.WeekDates {
			c.fy = append(c.fy, econ.FinancialYear(d.Time())-c.firstFY)
		}
	}
	return c
}

// numFY is the number of financial years the horizon touches.
func (c *Comparison) numFY() int {
	if len(c.fy) == 0 {
		return 0
	}
	return c.fy[len(c.fy)-1] + 1
}

// budget sums an arm's weekly cost series by financial year and payer.
func (c *Comparison) budget(weekly *[sim.NumSeries][]float64) [][len(payers)]float64 {
	out := make([][len(payers)]float64, c.numFY())
	for w, k := range c.fy {
		at := func(s sim.Series) float64 {
			if w < len(weekly[s]) && sim.Defined(weekly[s][w]) {
				return weekly[s][w]
			}
			return 0
		}
		out[k][0] += at(sim.SCostLW) + at(sim.SCostDigital)
		out[k][1] += at(sim.SCostVCSE)
		out[k][2] += at(sim.SCostGP) + at(sim.SCostAE)
	}
	return out
}

// optionRunOf keeps what the comparison needs of one arm of a run.
func (c *Comparison) optionRunOf(v *[sim.NumMetrics][sim.NumGroups]float64, weekly *[sim.NumSeries][]float64) optionRun {
	all := func(m sim.Metric) float64 { return v[m][sim.GroupAll] }
	o := optionRun{
		fy:   c.budget(weekly),
		cost: [len(payers)]float64{all(sim.MCostLW) + all(sim.MCostDigital), all(sim.MCostVCSE), all(sim.MCostGP) + all(sim.MCostAE)},
		qaly: all(sim.MQALYs),
		refs: all(sim.MReferrals),
	}
	for q := 0; q < 5; q++ {
		g := sim.GroupIMD1 + sim.Group(q)
		o.qalyQ[q] = v[sim.MQALYs][g]
		o.popQ[q] = v[sim.MAdults][g]
	}
	return o
}

// Add records run r of option k (not the comparator): its scenario arm is
// the option, its counterfactual arm the comparator.
func (c *Comparison) Add(k int, r *sim.RunResult) {
	c.a = nil
	c.runs[k][r.Run] = c.optionRunOf(&r.Values[sim.ScenarioArm], &r.Weekly[sim.ScenarioArm])
	c.seen[k][r.Run] = true
	cmp := c.meta.Comparator
	if !c.seen[cmp][r.Run] {
		c.runs[cmp][r.Run] = c.optionRunOf(&r.Values[sim.CounterfactualArm], &r.Weekly[sim.CounterfactualArm])
		c.seen[cmp][r.Run] = true
	}
}

// interval is a mean with the 2.5% and 97.5% quantiles across runs.
type interval struct {
	Mean float64 `json:"mean"`
	Lo   float64 `json:"p2_5"`
	Hi   float64 `json:"p97_5"`
}

func intervalOf(x []float64) interval {
	s, ok := describe(x)
	if !ok {
		return interval{math.NaN(), math.NaN(), math.NaN()}
	}
	return interval{s.mean, s.quantile[0], s.quantile[4]}
}

// OptionResult is one option's economics against the comparator.
type OptionResult struct {
	Name, Label string
	Cost        interval            // total discounted cost, GBP
	CostBy      map[string]interval // by payer
	QALYs       interval            // discounted
	IncCost     interval            // against the comparator
	IncCostBy   map[string]interval
	IncQALYs    interval
	ICER        float64 // mean incremental cost / mean incremental QALYs (NaN if no QALY difference)
	NMB         []float64
	INB         []float64 // mean incremental NMB at each threshold
	ProbCE      []float64 // share of runs with a positive incremental NMB, at each threshold
	Status      string    // in the incremental analysis
	FrontierRef string    // the option a frontier ICER is against, or the dominating option
	FrontierICR float64   // ICER on the frontier (NaN off it)
	Referrals   float64   // mean people referred
	DCEA        *econ.DCEAResult
	IncQALYsQ   [5]float64 // mean incremental QALYs by IMD quintile
}

// analysis holds the results of a comparison.
type analysis struct {
	options []OptionResult
	lambdas []float64   // CEAC grid
	ceac    [][]float64 // [lambda][option]
	ceaf    []econ.CEAFPoint
	evpi    []float64  // at each threshold
	adults  [5]float64 // mean registered adults by IMD quintile in the comparator
}

// analyse returns the analysis of the runs added so far, computing it once.
func (c *Comparison) analyse() *analysis {
	if c.a == nil {
		c.a = c.analysis()
	}
	return c.a
}

func (c *Comparison) analysis() *analysis {
	n := len(c.meta.Options)
	cmp := c.meta.Comparator
	costs, qalys := make([][]float64, n), make([][]float64, n)
	for k := range c.runs {
		for _, r := range c.runs[k] {
			costs[k] = append(costs[k], r.total())
			qalys[k] = append(qalys[k], r.qaly)
		}
	}
	a := &analysis{}
	for q := range a.adults {
		var x []float64
		for i := range c.runs[cmp] {
			x = append(x, c.runs[cmp][i].popQ[q])
		}
		a.adults[q], _ = meanOf(x)
	}
	var frontierIn []econ.Option
	for k, om := range c.meta.Options {
		or := OptionResult{Name: om.Name, Label: om.Label, CostBy: map[string]interval{}, IncCostBy: map[string]interval{}}
		or.Cost, or.QALYs = intervalOf(costs[k]), intervalOf(qalys[k])
		dC, dQ := make([]float64, c.meta.Runs), make([]float64, c.meta.Runs)
		var refs []float64
		var dQq [5][]float64
		for i := range c.runs[k] {
			dC[i] = costs[k][i] - costs[cmp][i]
			dQ[i] = qalys[k][i] - qalys[cmp][i]
			refs = append(refs, c.runs[k][i].refs)
			for q := range dQq {
				dQq[q] = append(dQq[q], c.runs[k][i].qalyQ[q]-c.runs[cmp][i].qalyQ[q])
			}
		}
		for p, py := range payers {
			x, d := make([]float64, c.meta.Runs), make([]float64, c.meta.Runs)
			for i := range c.runs[k] {
				x[i] = c.runs[k][i].cost[p]
				d[i] = x[i] - c.runs[cmp][i].cost[p]
			}
			or.CostBy[py.name], or.IncCostBy[py.name] = intervalOf(x), intervalOf(d)
		}
		or.IncCost, or.IncQALYs = intervalOf(dC), intervalOf(dQ)
		or.ICER = math.NaN()
		if or.IncQALYs.Mean != 0 {
			or.ICER = econ.ICER(or.IncCost.Mean, or.IncQALYs.Mean)
		}
		for _, l := range c.meta.Thresholds {
			or.NMB = append(or.NMB, econ.NMB(or.Cost.Mean, or.QALYs.Mean, l))
			or.INB = append(or.INB, econ.INB(or.IncCost.Mean, or.IncQALYs.Mean, l))
			pos := 0
			for i := range dC {
				if econ.INB(dC[i], dQ[i], l) > 0 {
					pos++
				}
			}
			or.ProbCE = append(or.ProbCE, float64(pos)/float64(len(dC)))
		}
		or.Referrals, _ = meanOf(refs)
		for q := range dQq {
			or.IncQALYsQ[q], _ = meanOf(dQq[q])
		}
		if k != cmp {
			if people := a.adults[0] + a.adults[1] + a.adults[2] + a.adults[3] + a.adults[4]; people > 0 {
				// The population of each quintile is its mean number of
				// registered adults in the comparator.
				res, err := econ.DCEA(econ.DCEAInput{
					BaselineQALE:  c.meta.BaselineQALE[:],
					Population:    a.adults[:],
					IncQALY:       or.IncQALYsQ[:],
					IncCost:       or.IncCost.Mean,
					Threshold:     c.meta.OppCostThreshold,
					OppCostShares: c.meta.OppCostShares[:],
					AtkinsonEps:   []float64{0, 1, 10.95},
					KolmAlpha:     []float64{0.15},
				})
				if err == nil {
					or.DCEA = &res
				}
			}
		}
		a.options = append(a.options, or)
		frontierIn = append(frontierIn, econ.Option{Name: om.Name, Cost: or.Cost.Mean, QALY: or.QALYs.Mean})
	}
	for _, row := range econ.Frontier(frontierIn) {
		or := &a.options[row.Index]
		or.Status, or.FrontierRef, or.FrontierICR = row.Status.String(), row.Comparator, row.ICER
	}
	for l := 0.0; l <= 100000; l += 1000 {
		a.lambdas = append(a.lambdas, l)
	}
	a.ceac = econ.CEAC(costs, qalys, a.lambdas)
	a.ceaf = econ.CEAF(costs, qalys, a.lambdas)
	for _, l := range c.meta.Thresholds {
		a.evpi = append(a.evpi, econ.EVPI(costs, qalys, l))
	}
	return a
}

// WriteDir writes the comparison's outputs into dir, complete or not at all
// (as Collector.WriteDir).
func (c *Comparison) WriteDir(dir string, force bool, timing Timing) error {
	if err := CheckDir(dir, force); err != nil {
		return err
	}
	a := c.analyse()
	var files []file
	for _, e := range []struct {
		name   string
		encode func(*analysis) ([]byte, error)
	}{
		{"compare.json", c.compareJSON},
		{"options.csv", c.optionsCSV},
		{"ceac.csv", c.ceacCSV},
		{"dcea.csv", c.dceaCSV},
		{"budget.csv", c.budgetCSV},
		{"option_runs.csv", c.optionRunsCSV},
		{"impact-plane.svg", c.impactPlaneSVG},
		{"manifest.json", func(*analysis) ([]byte, error) { return c.manifestJSON(timing) }},
	} {
		data, err := e.encode(a)
		if err != nil {
			return fmt.Errorf("%s: %w", e.name, err)
		}
		files = append(files, file{name: e.name, data: data})
	}
	return writeDir(dir, force, files)
}

// Number is a number of compare.json and power.json: NaN and infinities
// are encoded as null, and null decodes as NaN, so a reader of the files
// (the HTML report) gets back what was written.
type Number float64

func (v Number) MarshalJSON() ([]byte, error) {
	f := float64(v)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return []byte("null"), nil
	}
	return []byte(strconv.FormatFloat(f, 'g', -1, 64)), nil
}

func (v *Number) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*v = Number(math.NaN())
		return nil
	}
	f, err := strconv.ParseFloat(string(b), 64)
	if err != nil {
		return fmt.Errorf("%s is not a number", b)
	}
	*v = Number(f)
	return nil
}

func jint(i interval) map[string]Number {
	return map[string]Number{"mean": Number(i.Mean), "p2_5": Number(i.Lo), "p97_5": Number(i.Hi)}
}

func (c *Comparison) compareJSON(a *analysis) ([]byte, error) {
	type thr struct {
		Threshold Number `json:"threshold"`
		NMB       Number `json:"nmb"`
		INB       Number `json:"inb"`
		ProbCE    Number `json:"prob_cost_effective"`
	}
	type opt struct {
		Name        string                       `json:"name"`
		Label       string                       `json:"label"`
		Comparator  bool                         `json:"comparator"`
		Cost        map[string]Number            `json:"cost"`
		CostBy      map[string]map[string]Number `json:"cost_by_payer"`
		QALYs       map[string]Number            `json:"qalys"`
		IncCost     map[string]Number            `json:"incremental_cost"`
		IncCostBy   map[string]map[string]Number `json:"incremental_cost_by_payer"`
		IncQALYs    map[string]Number            `json:"incremental_qalys"`
		ICER        Number                       `json:"icer_vs_comparator"`
		Status      string                       `json:"frontier_status"`
		FrontierRef string                       `json:"frontier_comparator,omitempty"`
		FrontierICR Number                       `json:"frontier_icer"`
		Thresholds  []thr                        `json:"at_thresholds"`
		Referrals   Number                       `json:"referrals"`
		IncQALYsQ   [5]Number                    `json:"incremental_qalys_by_imd_quintile"`
		DCEA        any                          `json:"dcea,omitempty"`
	}
	out := struct {
		Comparison   string  `json:"comparison"`
		Source       string  `json:"source"`
		Runs         int     `json:"runs"`
		Seed         uint64  `json:"seed"`
		Comparator   string  `json:"comparator"`
		DiscountRate float64 `json:"discount_rate"`
		PriceYear    string  `json:"price_year"`
		OppCost      float64 `json:"opportunity_cost_threshold"`
		Convention   string  `json:"convention"`
		Options      []opt   `json:"options"`
		EVPI         []thr   `json:"evpi"`
	}{
		Comparison: c.meta.Name, Source: c.meta.Source, Runs: c.meta.Runs, Seed: c.meta.Seed,
		Comparator: c.meta.Options[c.meta.Comparator].Name, DiscountRate: c.meta.DiscountRate, PriceYear: econ.FinancialYearLabel(c.meta.PriceYear),
		OppCost:    c.meta.OppCostThreshold,
		Convention: conventionText(c.meta),
	}
	for k, or := range a.options {
		o := opt{Name: or.Name, Label: or.Label, Comparator: k == c.meta.Comparator,
			Cost: jint(or.Cost), QALYs: jint(or.QALYs), IncCost: jint(or.IncCost), IncQALYs: jint(or.IncQALYs),
			ICER: Number(or.ICER), Status: or.Status, FrontierRef: or.FrontierRef, FrontierICR: Number(or.FrontierICR),
			Referrals: Number(or.Referrals), CostBy: map[string]map[string]Number{}, IncCostBy: map[string]map[string]Number{}}
		for _, p := range payers {
			o.CostBy[p.name], o.IncCostBy[p.name] = jint(or.CostBy[p.name]), jint(or.IncCostBy[p.name])
		}
		for t, l := range c.meta.Thresholds {
			o.Thresholds = append(o.Thresholds, thr{Threshold: Number(l), NMB: Number(or.NMB[t]), INB: Number(or.INB[t]), ProbCE: Number(or.ProbCE[t])})
		}
		for q := range or.IncQALYsQ {
			o.IncQALYsQ[q] = Number(or.IncQALYsQ[q])
		}
		if or.DCEA != nil {
			o.DCEA = dceaJSON(or.DCEA)
		}
		out.Options = append(out.Options, o)
	}
	for t, l := range c.meta.Thresholds {
		out.EVPI = append(out.EVPI, thr{Threshold: Number(l), NMB: Number(a.evpi[t])})
	}
	b, err := json.MarshalIndent(out, "", "  ")
	return append(b, '\n'), err
}

func dceaJSON(r *econ.DCEAResult) any {
	nums := func(x []float64) []Number {
		out := make([]Number, len(x))
		for i, v := range x {
			out[i] = Number(v)
		}
		return out
	}
	type swf struct {
		Aversion           Number `json:"aversion"`
		IndexBefore        Number `json:"index_before"`
		IndexAfter         Number `json:"index_after"`
		EDEBefore          Number `json:"ede_before"`
		EDEAfter           Number `json:"ede_after"`
		EquityWeightedQALY Number `json:"equity_weighted_qalys"`
	}
	conv := func(in []econ.SWFResult) []swf {
		var out []swf
		for _, s := range in {
			out = append(out, swf{Number(s.Aversion), Number(s.IndexBefore), Number(s.IndexAfter), Number(s.EDEBefore), Number(s.EDEAfter), Number(s.EquityWeightedQALY)})
		}
		return out
	}
	// The equity-efficiency impact plane: health gained net of opportunity
	// costs against the fall in the QALE gap (SII), and its quadrant.
	gap := r.SIIBefore - r.SIIAfter
	quadrant := map[bool]string{true: "more health", false: "less health"}[r.TotalNHB > 0] + ", " +
		map[bool]string{true: "narrower gap", false: "wider gap"}[gap > 0]
	return map[string]any{
		"impact_plane": map[string]any{
			"net_health_benefit": Number(r.TotalNHB),
			"sii_reduction":      Number(gap),
			"quadrant":           quadrant,
		},
		"opportunity_cost_qalys_by_quintile": nums(r.OppCostQALY),
		"nhb_by_quintile":                    nums(r.NHB),
		"total_nhb":                          Number(r.TotalNHB),
		"sii_qale_before":                    Number(r.SIIBefore),
		"sii_qale_after":                     Number(r.SIIAfter),
		"atkinson":                           conv(r.Atkinson),
		"kolm":                               conv(r.Kolm),
	}
}

// conventionText states the conventions of the economics.
func conventionText(m CompareMeta) string {
	return fmt.Sprintf("costs (GBP in %s prices, costs.price_year) and QALYs discounted at %.3g%% a year from the start of the horizon (qaly.discount_rate); "+
		"means across runs; ICERs as ratios of means; incremental analysis with strong and extended dominance (methods §4.1); "+
		"distributional CEA with opportunity costs at GBP %g per QALY shared across IMD quintiles %v and baseline QALE %v (methods §4.4)",
		econ.FinancialYearLabel(m.PriceYear), 100*m.DiscountRate, m.OppCostThreshold, m.OppCostShares, m.BaselineQALE)
}

func optionsColumns() []column {
	cols := []column{
		{"option", "option name"},
		{"label", "option description"},
		{"comparator", "true for the comparator"},
		{"cost", "mean total discounted cost across runs, GBP"},
	}
	for _, p := range payers {
		cols = append(cols, column{"cost_" + p.name, "mean discounted cost: " + p.doc})
	}
	cols = append(cols,
		column{"qalys", "mean discounted QALYs"},
		column{"inc_cost", "mean incremental cost against the comparator"},
		column{"inc_cost_p2_5", "2.5% quantile of the per-run incremental cost"},
		column{"inc_cost_p97_5", "97.5% quantile of the per-run incremental cost"},
	)
	for _, p := range payers {
		cols = append(cols, column{"inc_cost_" + p.name, "mean incremental cost: " + p.doc})
	}
	cols = append(cols,
		column{"inc_qalys", "mean incremental QALYs against the comparator"},
		column{"inc_qalys_p2_5", "2.5% quantile of the per-run incremental QALYs"},
		column{"inc_qalys_p97_5", "97.5% quantile of the per-run incremental QALYs"},
		column{"icer", "incremental cost per QALY against the comparator (ratio of means); empty if no QALY difference"},
		column{"frontier_status", "reference, on frontier, strongly dominated or extendedly dominated (incremental analysis of all options)"},
		column{"frontier_comparator", "previous option on the frontier (or, for a strongly dominated option, one that dominates it)"},
		column{"frontier_icer", "ICER against frontier_comparator, for options on the frontier"},
		column{"threshold", "willingness to pay, GBP per QALY (one row per option and threshold)"},
		column{"nmb", "net monetary benefit threshold x QALYs - cost, GBP"},
		column{"inb", "incremental net monetary benefit against the comparator, GBP"},
		column{"prob_cost_effective", "share of runs in which the option's incremental NMB against the comparator is positive"},
	)
	return cols
}

func (c *Comparison) optionsCSV(a *analysis) ([]byte, error) {
	t := newTable(optionsColumns())
	opt := func(v float64) string { return optNum(v, !math.IsNaN(v)) }
	for k, or := range a.options {
		for ti, l := range c.meta.Thresholds {
			row := []string{or.Name, or.Label, strconv.FormatBool(k == c.meta.Comparator), num(or.Cost.Mean)}
			for _, p := range payers {
				row = append(row, num(or.CostBy[p.name].Mean))
			}
			row = append(row, num(or.QALYs.Mean), num(or.IncCost.Mean), num(or.IncCost.Lo), num(or.IncCost.Hi))
			for _, p := range payers {
				row = append(row, num(or.IncCostBy[p.name].Mean))
			}
			row = append(row, num(or.IncQALYs.Mean), num(or.IncQALYs.Lo), num(or.IncQALYs.Hi), opt(or.ICER),
				or.Status, or.FrontierRef, opt(or.FrontierICR), num(l), num(or.NMB[ti]), num(or.INB[ti]), num(or.ProbCE[ti]))
			t.row(row...)
		}
	}
	return t.bytes()
}

func ceacColumns() []column {
	return []column{
		{"threshold", "willingness to pay, GBP per QALY (0 to 100,000 in steps of 1,000)"},
		{"option", "option name"},
		{"prob_best", "share of runs in which the option has the highest net monetary benefit (cost-effectiveness acceptability curve); ties share a run"},
		{"on_ceaf", "true where the option has the highest mean net monetary benefit (the acceptability frontier)"},
	}
}

func (c *Comparison) ceacCSV(a *analysis) ([]byte, error) {
	t := newTable(ceacColumns())
	for l, lambda := range a.lambdas {
		for k, om := range c.meta.Options {
			t.row(num(lambda), om.Name, num(a.ceac[l][k]), strconv.FormatBool(a.ceaf[l].Best == k))
		}
	}
	return t.bytes()
}

func dceaColumns() []column {
	return []column{
		{"option", "option name (the comparator has no row)"},
		{"imd_quintile", "IMD quintile, 1 most deprived"},
		{"baseline_qale", "quality-adjusted life expectancy of the quintile before the option (stated input)"},
		{"adults", "mean registered adults of the quintile over the horizon, in the comparator (the population the QALYs accrue to)"},
		{"inc_qalys", "mean incremental discounted QALYs of the quintile against the comparator"},
		{"opp_cost_qalys", "QALYs forgone by the quintile: incremental cost / opportunity-cost threshold x the quintile's share"},
		{"nhb", "net health benefit of the quintile: inc_qalys - opp_cost_qalys"},
	}
}

func (c *Comparison) dceaCSV(a *analysis) ([]byte, error) {
	t := newTable(dceaColumns())
	for k, or := range a.options {
		if k == c.meta.Comparator || or.DCEA == nil {
			continue
		}
		for q := 0; q < 5; q++ {
			t.row(or.Name, strconv.Itoa(q+1), num(c.meta.BaselineQALE[q]), num(a.adults[q]), num(or.IncQALYsQ[q]),
				num(or.DCEA.OppCostQALY[q]), num(or.DCEA.NHB[q]))
		}
	}
	return t.bytes()
}

func optionRunsColumns() []column {
	return []column{
		{"option", "option name (the comparator's increments are 0)"},
		{"run", "run index, from 0: the same index is the same seed, PCNs and people in every option"},
		{"cost", "the run's total discounted cost, GBP"},
		{"qalys", "the run's discounted QALYs"},
		{"inc_cost", "cost minus the comparator's in the same run"},
		{"inc_qalys", "qalys minus the comparator's in the same run"},
	}
}

// optionRunsCSV is every option's cost and QALYs run by run, with the
// increments against the comparator: the points of a cost-effectiveness
// plane and the spread of net benefit at any threshold.
func (c *Comparison) optionRunsCSV(*analysis) ([]byte, error) {
	t := newTable(optionRunsColumns())
	cmp := c.meta.Comparator
	for k, om := range c.meta.Options {
		for i, r := range c.runs[k] {
			base := c.runs[cmp][i]
			t.row(om.Name, strconv.Itoa(i), num(r.total()), num(r.qaly), num(r.total()-base.total()), num(r.qaly-base.qaly))
		}
	}
	return t.bytes()
}

func budgetColumns() []column {
	return []column{
		{"option", "option name"},
		{"financial_year", "NHS financial year (1 April to 31 March), as 2019/20"},
		{"weeks", "horizon weeks starting in the financial year (the first and last may be part years)"},
		{"payer", "nhs_social_prescribing, vcse, nhs_use (as in options.csv) or total"},
		{"cost", "mean undiscounted cost across runs, GBP in the prices of costs.price_year (compare.json's price_year), not nominal"},
		{"inc_cost", "mean budget impact against the comparator: the option's cost minus the comparator's, run by run"},
		{"inc_cost_p2_5", "2.5% quantile of the per-run budget impact"},
		{"inc_cost_p97_5", "97.5% quantile of the per-run budget impact"},
	}
}

// budgetCSV is the budget impact: undiscounted costs by financial year and
// payer (ISPOR practice, methods §4.3), each option against the comparator.
func (c *Comparison) budgetCSV(*analysis) ([]byte, error) {
	t := newTable(budgetColumns())
	weeks := make([]int, c.numFY())
	for _, k := range c.fy {
		weeks[k]++
	}
	cmp := c.meta.Comparator
	for k, om := range c.meta.Options {
		for y := range weeks {
			for p := 0; p <= len(payers); p++ {
				name := "total"
				if p < len(payers) {
					name = payers[p].name
				}
				x, d := make([]float64, c.meta.Runs), make([]float64, c.meta.Runs)
				for i := range c.runs[k] {
					x[i] = fyCost(c.runs[k][i].fy, y, p)
					d[i] = x[i] - fyCost(c.runs[cmp][i].fy, y, p)
				}
				inc := intervalOf(d)
				mean, _ := meanOf(x)
				t.row(om.Name, econ.FinancialYearLabel(c.firstFY+y), strconv.Itoa(weeks[y]), name, num(mean), num(inc.Mean), num(inc.Lo), num(inc.Hi))
			}
		}
	}
	return t.bytes()
}

// fyCost is payer p's cost in financial year y, or the total for p = len(payers).
func fyCost(fy [][len(payers)]float64, y, p int) float64 {
	if p < len(payers) {
		return fy[y][p]
	}
	var t float64
	for _, v := range fy[y] {
		t += v
	}
	return t
}

// manifestJSON encodes the comparison's manifest.json: the run manifest's
// fields (same names and formats) that a comparison has.
func (c *Comparison) manifestJSON(timing Timing) ([]byte, error) {
	m := struct {
		SchemaVersion int     `json:"schema_version"`
		Version       string  `json:"version"`
		Comparison    string  `json:"comparison"`
		Source        string  `json:"source"`
		Seed          uint64  `json:"seed"`
		Runs          int     `json:"runs"`
		Workers       int     `json:"workers"`
		Started       string  `json:"started"`
		WallSeconds   float64 `json:"wall_seconds"`
		CPUSeconds    float64 `json:"cpu_seconds"`
		Command       string  `json:"command"`
	}{sim.SchemaVersion, sim.Version, c.meta.Name, c.meta.Source, c.meta.Seed, c.meta.Runs, c.meta.Workers,
		c.meta.Started.Format(time.RFC3339), timing.WallSeconds, timing.CPUSeconds, c.meta.Command}
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("encoding manifest.json: %w", err)
	}
	return append(b, '\n'), nil
}

// Table prints the comparison for a commissioner: each option's mean cost,
// QALYs, increments against the comparator with 95% intervals, ICER,
// place in the incremental analysis and chance of being cost-effective at
// the first threshold; then EVPI.
func (c *Comparison) Table(w io.Writer) {
	a := c.analyse()
	l0 := c.meta.Thresholds[0]
	fmt.Fprintf(w, "%s: %d runs; costs in GBP at %s prices; costs and QALYs discounted at %.3g%% a year; means across runs, 95%% intervals from the per-run differences against %s\n",
		c.meta.Name, c.meta.Runs, econ.FinancialYearLabel(c.meta.PriceYear), 100*c.meta.DiscountRate, c.meta.Options[c.meta.Comparator].Name)
	header := []string{"option", "cost (GBP)", "QALYs", "inc. cost", "inc. QALYs (95% interval)", "ICER (GBP/QALY)", "incremental analysis", "P(CE) at " + human(l0)}
	var rows [][]string
	for k, or := range a.options {
		icer := "-"
		if !math.IsNaN(or.ICER) && k != c.meta.Comparator {
			icer = human(or.ICER)
		}
		status := or.Status
		if or.Status == econ.OnFrontier.String() && !math.IsNaN(or.FrontierICR) {
			status = fmt.Sprintf("ICER %s vs %s", human(or.FrontierICR), or.FrontierRef)
		} else if or.FrontierRef != "" {
			status += " by " + or.FrontierRef
		}
		inc, incQ, pce := "-", "-", "-"
		if k != c.meta.Comparator {
			inc = human(or.IncCost.Mean)
			incQ = fmt.Sprintf("%s (%s to %s)", human(or.IncQALYs.Mean), human(or.IncQALYs.Lo), human(or.IncQALYs.Hi))
			pce = human(or.ProbCE[0])
		}
		rows = append(rows, []string{or.Name, human(or.Cost.Mean), human(or.QALYs.Mean), inc, incQ, icer, status, pce})
	}
	writeAligned(w, header, rows, 1)
	fmt.Fprintln(w)
	var evpi []string
	for t, l := range c.meta.Thresholds {
		evpi = append(evpi, fmt.Sprintf("GBP %s at %s/QALY", human(a.evpi[t]), human(l)))
	}
	fmt.Fprintf(w, "expected value of perfect information (per run of the whole population): %s\n", strings.Join(evpi, "; "))
	var best []string
	for _, l := range c.meta.Thresholds {
		i := slices.Index(a.lambdas, l)
		if i >= 0 {
			best = append(best, fmt.Sprintf("%s at %s/QALY (P = %s)", c.meta.Options[a.ceaf[i].Best].Name, human(l), human(a.ceaf[i].Prob)))
		}
	}
	if len(best) > 0 {
		fmt.Fprintf(w, "highest expected net monetary benefit: %s\n", strings.Join(best, "; "))
	}
}
