package output

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"spsim/sim"
	"spsim/sim/study"
)

// PowerMeta describes a power study for its outputs.
type PowerMeta struct {
	Name, Source, Mode string
	Plan               study.Plan
	Workers            int
	Command            string
	Started            time.Time
}

// PowerReport holds a power study's result for its files and table.
type PowerReport struct {
	meta PowerMeta
	res  *study.Result
}

// NewPowerReport pairs a plan's result with its description.
func NewPowerReport(meta PowerMeta, res *study.Result) *PowerReport {
	return &PowerReport{meta: meta, res: res}
}

// WriteDir writes power.json, power.csv and manifest.json into dir,
// complete or not at all (as Collector.WriteDir).
func (r *PowerReport) WriteDir(dir string, force bool, timing Timing) error {
	if err := CheckDir(dir, force); err != nil {
		return err
	}
	var files []file
	for _, e := range []struct {
		name   string
		encode func() ([]byte, error)
	}{
		{"power.json", r.powerJSON},
		{"power.csv", r.powerCSV},
		{"manifest.json", func() ([]byte, error) { return r.manifestJSON(timing) }},
	} {
		data, err := e.encode()
		if err != nil {
			return fmt.Errorf("%s: %w", e.name, err)
		}
		files = append(files, file{name: e.name, data: data})
	}
	return writeDir(dir, force, files)
}

func powerColumns() []column {
	return []column{
		{"analysis", "analysis fitted to every simulated study (see spsim power --help)"},
		{"size", "the grid value: people per arm, clusters or people per cluster (power.json's vary)"},
		{"studies", "simulated studies at this size (as many again in the null world)"},
		{"fitted", "studies whose analysis could be fitted"},
		{"people_analysed", "mean people analysed per study (after attrition)"},
		{"power", "share of fitted studies rejecting the null at alpha, with the effect"},
		{"power_mcse", "Monte Carlo SE of power: √(p(1 − p)/fitted)"},
		{"power_closed_form", "closed-form power of the same design and analysis (empty where none applies)"},
		{"type1_error", "share rejecting in the null world (the same studies with the effect set to 0; in abm mode everyone's follow-up without social prescribing)"},
		{"type1_error_mcse", "Monte Carlo SE of type1_error"},
		{"true_effect", "the effect the world was given (abm mode: the mean individual effect, with minus without social prescribing, of the people recruitable)"},
		{"mean_estimate", "mean estimated effect"},
		{"bias", "mean_estimate − true_effect"},
		{"null_estimate", "mean estimate in the null world: what the design reports when there is no effect (an uncontrolled design's regression to the mean and natural change)"},
		{"empirical_se", "SD of the estimates across studies"},
		{"mean_model_se", "mean of the analyses' own standard errors (compare with empirical_se)"},
		{"coverage", "share of (1 − alpha) confidence intervals containing the true effect"},
		{"mde", "simulated minimum detectable effect at the target power: (t(1 − alpha/2) + t(power)) × empirical_se"},
		{"mde_closed_form", "closed-form minimum detectable effect (empty where none applies)"},
	}
}

func (r *PowerReport) powerCSV() ([]byte, error) {
	t := newTable(powerColumns())
	opt := func(v float64) string { return optNum(v, !math.IsNaN(v)) }
	for _, p := range r.res.Points {
		t.row(p.Analysis, num(p.Size), fmt.Sprint(r.meta.Plan.Studies), fmt.Sprint(p.Fitted), num(p.MeanFollowed),
			opt(p.Power), opt(p.PowerSE), opt(p.ClosedPower), opt(p.TypeI), opt(p.TypeISE),
			num(r.res.TrueEffect), opt(p.MeanEstimate), opt(p.Bias), opt(p.NullEstimate), opt(p.EmpiricalSE), opt(p.MeanSE),
			opt(p.Coverage), opt(p.MDE), opt(p.ClosedMDE))
	}
	return t.bytes()
}

// sizeNum encodes a size needed: null for none found, and the strings
// "below grid" and "unreachable" for the infinities.
func sizeNum(v float64) any {
	switch {
	case math.IsInf(v, -1):
		return "below grid"
	case math.IsInf(v, 1):
		return "unreachable"
	}
	return Number(v)
}

// PowerPoint is one record of power.json's points: an analysis at one size
// of the grid (power.csv's columns but studies and true_effect).
type PowerPoint struct {
	Analysis       string `json:"analysis"`
	Size           Number `json:"size"`
	Fitted         int    `json:"fitted"`
	PeopleAnalysed Number `json:"people_analysed"`
	Power          Number `json:"power"`
	PowerMCSE      Number `json:"power_mcse"`
	PowerClosed    Number `json:"power_closed_form"`
	TypeI          Number `json:"type1_error"`
	TypeIMCSE      Number `json:"type1_error_mcse"`
	MeanEstimate   Number `json:"mean_estimate"`
	Bias           Number `json:"bias"`
	NullEstimate   Number `json:"null_estimate"`
	EmpiricalSE    Number `json:"empirical_se"`
	MeanModelSE    Number `json:"mean_model_se"`
	Coverage       Number `json:"coverage"`
	MDE            Number `json:"mde"`
	MDEClosed      Number `json:"mde_closed_form"`
}

func (r *PowerReport) powerJSON() ([]byte, error) {
	p := r.meta.Plan
	type needed struct {
		Analysis  string `json:"analysis"`
		Simulated any    `json:"simulated"`
		Closed    any    `json:"closed_form"`
	}
	out := struct {
		Study      string       `json:"study"`
		Source     string       `json:"source"`
		Mode       string       `json:"mode"`
		Design     any          `json:"design"`
		World      any          `json:"world"`
		Analyses   []string     `json:"analyses"`
		Vary       string       `json:"vary"`
		Sizes      []float64    `json:"sizes"`
		Studies    int          `json:"studies"`
		Alpha      float64      `json:"alpha"`
		Power      float64      `json:"target_power"`
		Seed       uint64       `json:"seed"`
		TrueEffect float64      `json:"true_effect"`
		Needed     []needed     `json:"size_for_target_power"`
		Points     []PowerPoint `json:"points"`
		Methods    [][]string   `json:"methods"`
	}{
		Study: r.meta.Name, Source: r.meta.Source, Mode: r.meta.Mode,
		Design: map[string]any{"kind": p.Design.Kind, "per_arm": p.Design.PerArm, "clusters": p.Design.Clusters,
			"cluster_size": p.Design.ClusterSize, "cluster_cv": p.Design.ClusterCV, "steps": p.Design.Steps},
		World: map[string]any{"effect": p.World.Effect, "sd": p.World.SD, "icc": p.World.ICC, "cac": p.World.CAC, "rho": p.World.Rho,
			"secular": p.World.Secular, "attrition": p.World.Attrition, "attrition_treated_extra": p.World.AttritionTreatedExtra,
			"attrition_deprived_extra": p.World.AttritionDeprivedExtra, "measurement_sd": p.World.MeasurementSD},
		Analyses: p.Analyses, Vary: p.Vary, Sizes: p.Sizes, Studies: p.Studies, Alpha: p.Alpha, Power: p.Power, Seed: p.Seed,
		TrueEffect: r.res.TrueEffect,
	}
	for _, n := range r.res.Needed {
		out.Needed = append(out.Needed, needed{n.Analysis, sizeNum(n.Simulated), sizeNum(n.Closed)})
	}
	for _, q := range r.res.Points {
		out.Points = append(out.Points, PowerPoint{q.Analysis, Number(q.Size), q.Fitted, Number(q.MeanFollowed), Number(q.Power), Number(q.PowerSE),
			Number(q.ClosedPower), Number(q.TypeI), Number(q.TypeISE), Number(q.MeanEstimate), Number(q.Bias), Number(q.NullEstimate), Number(q.EmpiricalSE),
			Number(q.MeanSE), Number(q.Coverage), Number(q.MDE), Number(q.ClosedMDE)})
	}
	for _, a := range p.Analyses {
		doc, _ := study.AnalysisDoc(a)
		out.Methods = append(out.Methods, []string{a, doc})
	}
	b, err := json.MarshalIndent(out, "", "  ")
	return append(b, '\n'), err
}

func (r *PowerReport) manifestJSON(timing Timing) ([]byte, error) {
	m := struct {
		SchemaVersion int     `json:"schema_version"`
		Version       string  `json:"version"`
		Study         string  `json:"study"`
		Source        string  `json:"source"`
		Seed          uint64  `json:"seed"`
		Studies       int     `json:"studies"`
		Workers       int     `json:"workers"`
		Started       string  `json:"started"`
		WallSeconds   float64 `json:"wall_seconds"`
		CPUSeconds    float64 `json:"cpu_seconds"`
		Command       string  `json:"command"`
	}{sim.SchemaVersion, sim.Version, r.meta.Name, r.meta.Source, r.meta.Plan.Seed, r.meta.Plan.Studies, r.meta.Workers,
		r.meta.Started.Format(time.RFC3339), timing.WallSeconds, timing.CPUSeconds, r.meta.Command}
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("encoding manifest.json: %w", err)
	}
	return append(b, '\n'), nil
}

// Table prints the power curve: for each analysis and size, simulated power
// with its Monte Carlo SE beside the closed form, type I error, bias,
// coverage and the MDE; then the size each analysis needs.
func (r *PowerReport) Table(w io.Writer) {
	p := r.meta.Plan
	fmt.Fprintf(w, "%s: %s design, %d simulated studies per size (and as many with no effect); true effect %s, alpha %s\n",
		r.meta.Name, strings.ReplaceAll(p.Design.Kind, "_", " "), p.Studies, human(r.res.TrueEffect), human(p.Alpha))
	sizeCol := p.Vary
	if p.Design.Kind == "before_after" {
		sizeCol = "people"
	}
	header := []string{"analysis", sizeCol, "power (MC SE)", "closed form", "type I error", "bias", "with no effect", "coverage", "MDE", "MDE closed"}
	dash := func(v float64) string {
		if math.IsNaN(v) {
			return "-"
		}
		return human(v)
	}
	var rows [][]string
	for _, q := range r.res.Points {
		pw := "-"
		if !math.IsNaN(q.Power) {
			pw = fmt.Sprintf("%.3f (%.3f)", q.Power, q.PowerSE)
		}
		cf := "-"
		if !math.IsNaN(q.ClosedPower) {
			cf = fmt.Sprintf("%.3f", q.ClosedPower)
		}
		t1 := "-"
		if !math.IsNaN(q.TypeI) {
			t1 = fmt.Sprintf("%.3f", q.TypeI)
		}
		cov := "-"
		if !math.IsNaN(q.Coverage) {
			cov = fmt.Sprintf("%.3f", q.Coverage)
		}
		rows = append(rows, []string{q.Analysis, human(q.Size), pw, cf, t1, dash(q.Bias), dash(q.NullEstimate), cov, dash(q.MDE), dash(q.ClosedMDE)})
	}
	writeAligned(w, header, rows, 1)
	fmt.Fprintln(w)
	for _, n := range r.res.Needed {
		closed := "no closed form"
		if !math.IsNaN(n.Closed) {
			closed = describeSize(n.Closed, p) + " by the closed form"
		}
		fmt.Fprintf(w, "%s: %s for %.0f%% power by simulation; %s\n", n.Analysis, describeSize(n.Simulated, p), 100*p.Power, closed)
	}
}

// describeSize says a size needed in words.
func describeSize(v float64, p study.Plan) string {
	unit := map[string]string{"per_arm": "per arm", "clusters": "clusters", "cluster_size": "per cluster"}[p.Vary]
	if p.Design.Kind == "before_after" {
		unit = "people"
	}
	switch {
	case math.IsNaN(v):
		return "not reached on the grid"
	case math.IsInf(v, -1):
		return "the smallest size is enough"
	case math.IsInf(v, 1):
		return "no size is enough"
	}
	return fmt.Sprintf("%s %s", human(v), unit)
}
