package study

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
)

// A Plan is a simulated power study: a design whose size varies over a grid,
// the world it samples from, the analyses fitted to every simulated study,
// and how many studies to simulate at each grid point.
type Plan struct {
	Design   Design    // the design; the field named by Vary takes each of Sizes in turn
	World    World     // the data-generating model (parametric mode; in abm mode only its attrition)
	Pool     *Pool     // abm mode: the people of a simulated world studies recruit from (nil: parametric)
	Analyses []string  // analyses fitted to every study (AnalysisNames)
	Vary     string    // "per_arm", "clusters" or "cluster_size"
	Sizes    []float64 // the grid, increasing
	Studies  int       // simulated studies per grid point (and as many in the null world)
	Alpha    float64   // two-sided significance level
	Power    float64   // target power, for the size needed and the MDE
	Seed     uint64
}

// analysis is one way of analysing a study: its function and the designs it
// applies to.
type analysis struct {
	fit     func(obs []Obs, d Design) Estimate
	designs []string
	doc     string
}

var analysisTable = map[string]analysis{
	"ttest": {func(o []Obs, _ Design) Estimate { return TTest(o) }, []string{"rct", "cluster_rct"},
		"two-sample t test of the follow-up (Student, pooled variance); in a cluster trial it ignores the clustering, to show what that does"},
	"ancova": {func(o []Obs, _ Design) Estimate { return ANCOVA(o) }, []string{"rct"},
		"linear regression of the follow-up on arm and baseline (ANCOVA), t on n − 3 df"},
	"change": {func(o []Obs, _ Design) Estimate { return ChangeTTest(o) }, []string{"rct", "controlled_before_after"},
		"two-sample t test of the change from baseline (the individual-level difference-in-differences); in a controlled before-after study it ignores the clustering"},
	"before_after": {func(o []Obs, _ Design) Estimate { return BeforeAfter(o) }, []string{"before_after"},
		"paired t test of follow-up minus baseline (uncontrolled)"},
	"cluster_level": {func(o []Obs, _ Design) Estimate { return ClusterLevel(o) }, []string{"cluster_rct"},
		"t test of unweighted cluster means of the follow-up, on K − 2 df"},
	"cluster_change": {func(o []Obs, _ Design) Estimate { return ClusterLevelChange(o) }, []string{"controlled_before_after"},
		"t test of unweighted cluster means of the change from baseline (cluster-level difference-in-differences), on K − 2 df"},
	"mixed": {func(o []Obs, d Design) Estimate { return MixedModel(o, d.Kind == "stepped_wedge") }, []string{"cluster_rct", "stepped_wedge"},
		"linear mixed model with a random cluster intercept (and fixed period effects in a stepped wedge), REML, Satterthwaite degrees of freedom"},
}

// AnalysisNames lists the analyses a plan may name, sorted.
func AnalysisNames() []string {
	var out []string
	for k := range analysisTable {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// AnalysisDoc describes analysis name and the designs it applies to.
func AnalysisDoc(name string) (doc string, designs []string) {
	a := analysisTable[name]
	return a.doc, a.designs
}

// Varies lists what a plan's grid may vary, by design.
var Varies = map[string][]string{
	"rct":                     {"per_arm"},
	"before_after":            {"per_arm"},
	"cluster_rct":             {"clusters", "cluster_size"},
	"stepped_wedge":           {"clusters", "cluster_size"},
	"controlled_before_after": {"clusters", "cluster_size"},
}

// at returns the design at grid size x.
func (p Plan) at(x float64) Design {
	d := p.Design
	switch p.Vary {
	case "per_arm":
		d.PerArm = int(math.Round(x))
	case "clusters":
		d.Clusters = int(math.Round(x))
	case "cluster_size":
		d.ClusterSize = x
	}
	return d
}

// PlanError is a problem with one field of a plan: Field is the study-file
// key under [study] it concerns ("sizes", "analyses"), so a loader can point
// at its line.
type PlanError struct {
	Field, Msg string
}

func (e *PlanError) Error() string {
	if strings.HasPrefix(e.Msg, "=") {
		return e.Field + " " + e.Msg
	}
	return e.Field + ": " + e.Msg
}

func planErr(field, format string, a ...any) error {
	return &PlanError{Field: field, Msg: fmt.Sprintf(format, a...)}
}

// Validate checks the plan: known analyses that fit the design, a grid the
// design can take, and sensible levels. Problems are *PlanError.
func (p Plan) Validate() error {
	vary, ok := Varies[p.Design.Kind]
	if !ok {
		return planErr("design", "= %q is not one of %s", p.Design.Kind, strings.Join(slices.Sorted(maps.Keys(Varies)), ", "))
	}
	if !slices.Contains(vary, p.Vary) {
		return planErr("vary", "= %q: a %s design varies %s", p.Vary, p.Design.Kind, strings.Join(vary, " or "))
	}
	if len(p.Analyses) == 0 {
		return planErr("analyses", "name at least one of %s", strings.Join(p.Fitting(), ", "))
	}
	for _, a := range p.Analyses {
		an, ok := analysisTable[a]
		if !ok {
			return planErr("analyses", "%q is not an analysis (%s)", a, strings.Join(AnalysisNames(), ", "))
		}
		if !slices.Contains(an.designs, p.Design.Kind) {
			return planErr("analyses", "%q does not apply to a %s design (use %s)", a, p.Design.Kind, strings.Join(p.Fitting(), ", "))
		}
	}
	if len(p.Sizes) == 0 {
		return planErr("sizes", "give at least one %s", p.Vary)
	}
	for i, x := range p.Sizes {
		if i > 0 && x <= p.Sizes[i-1] {
			return planErr("sizes", "must increase (%g after %g)", x, p.Sizes[i-1])
		}
		if err := p.at(x).Validate(); err != nil {
			return planErr("sizes", "at %s = %g: %v", p.Vary, x, err)
		}
	}
	if p.Pool != nil && p.Design.Kind != "rct" && p.Design.Kind != "before_after" {
		for _, x := range p.Sizes {
			if d := p.at(x); d.Clusters > p.Pool.Clusters() {
				return planErr("sizes", "%d clusters, but the simulated world has %d with referred people", d.Clusters, p.Pool.Clusters())
			}
		}
	}
	if p.Studies < 1 {
		return planErr("studies", "= %d: simulate at least one study per grid point", p.Studies)
	}
	if !(p.Alpha > 0 && p.Alpha < 1) {
		return planErr("alpha", "= %g must be strictly between 0 and 1", p.Alpha)
	}
	if !(p.Power > 0 && p.Power < 1) {
		return planErr("power", "= %g must be strictly between 0 and 1", p.Power)
	}
	return nil
}

// Fitting lists the analyses that apply to the plan's design.
func (p Plan) Fitting() []string {
	var out []string
	for _, a := range AnalysisNames() {
		if slices.Contains(analysisTable[a].designs, p.Design.Kind) {
			out = append(out, a)
		}
	}
	return out
}
