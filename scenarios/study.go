package scenarios

import (
	"embed"
	"fmt"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"

	"spsim/sim/study"
)

// A study file plans a simulated evaluation for 'spsim power': a design
// whose size varies over a grid, the world it samples from, and the
// analyses fitted to every simulated study. Its file:
//
//	name = "study-rct"
//	description = "..."
//
//	[study]
//	design = "rct"
//	analyses = ["ttest", "ancova"]
//	vary = "per_arm"
//	sizes = [50, 100, 150, 200, 250, 300]
//	studies = 5000
//
//	[study.world]
//	effect = 3
//	sd = 9
//
// StudyKeys documents every key.
type Study struct {
	Name, Description string
	Source            string // path of the file, or "embedded:NAME"
	Mode              string
	Plan              study.Plan // in abm mode without its Pool, which comes from simulating World
	World             *Scenario  // abm: the world studies recruit from
	WorldRuns         int
	Cluster           string // abm: "practice" or "pcn"
}

// StudyKey documents one key of a study file. Numeric keys are checked
// against [Lo, Hi] (open at an end where OpenLo or OpenHi), the range this
// table documents, so the reference and the checks cannot drift.
type StudyKey struct {
	Key, Type, Unit, Default string
	Lo, Hi                   float64
	OpenLo, OpenHi           bool
	Choices                  string // allowed values of a choice or list key
	Doc                      string
}

// Range describes the values the key accepts.
func (k StudyKey) Range() string {
	if k.Choices != "" {
		return k.Choices
	}
	if k.Lo == 0 && k.Hi == 0 {
		return ""
	}
	lb, rb := "[", "]"
	if k.OpenLo {
		lb = "("
	}
	if k.OpenHi {
		rb = ")"
	}
	return fmt.Sprintf("%s%g, %g%s", lb, k.Lo, k.Hi, rb)
}

// StudyKeys lists the keys of a study file, in the order of the reference.
var StudyKeys = []StudyKey{
	{Key: "name", Type: "string", Unit: "", Default: "file name", Doc: "the study's name (outputs go to out/NAME)"},
	{Key: "description", Type: "string", Unit: "", Default: `""`, Doc: "one line on what the study shows"},
	{Key: "study.mode", Type: "string", Unit: "choice", Default: `"parametric"`, Choices: "parametric, abm", Doc: "data-generating mode: parametric draws individual normal outcomes from [study.world]; abm recruits the people the scenario arm of study.scenario referred, measured at referral and follow-up (outcomes.follow_up_weeks) with social prescribing and, for the same people, without it (the counterfactual arm), so the true effect is known"},
	{Key: "study.scenario", Type: "string", Unit: "", Default: "", Doc: "abm: the simulated world, an embedded scenario's name or a path relative to the study file; a [set] table changes its parameters (e.g. pcns.count)"},
	{Key: "study.world_runs", Type: "int", Unit: "runs", Default: "1", Lo: 1, Hi: 1000, Doc: "abm: runs of the world simulated to make the pool of people (each run's clusters are separate clusters)"},
	{Key: "study.cluster", Type: "string", Unit: "choice", Default: `"practice"`, Choices: "practice, pcn", Doc: "abm: the cluster of cluster designs"},
	{Key: "study.design", Type: "string", Unit: "choice", Default: "", Choices: "rct, cluster_rct, stepped_wedge, before_after, controlled_before_after", Doc: "rct: individually randomised, baseline and follow-up; cluster_rct: parallel arms of clusters (practices or PCNs); stepped_wedge: clusters cross to the intervention one step per period after an all-control baseline period, different people each period; before_after: one uncontrolled group, baseline and follow-up; controlled_before_after: intervention and comparison clusters, baseline and follow-up (not randomised in practice; here the groups differ only by chance)"},
	{Key: "study.analyses", Type: "string list", Unit: "", Default: "every analysis of the design", Choices: strings.Join(study.AnalysisNames(), ", "), Doc: "analyses fitted to every simulated study (see the list below for which designs each applies to)"},
	{Key: "study.vary", Type: "string", Unit: "choice", Default: "per_arm (rct, before_after), clusters (cluster designs)", Choices: "per_arm, clusters, cluster_size", Doc: "what the grid varies: people per arm (rct; people in all for before_after), clusters in total, or mean people per cluster (per cluster-period in a stepped wedge)"},
	{Key: "study.sizes", Type: "float list", Unit: "as vary", Default: "", Choices: "increasing; each a valid design", Doc: "the grid of sizes"},
	{Key: "study.per_arm", Type: "int", Unit: "people", Default: "100", Lo: 2, Hi: 10000000, OpenLo: false, OpenHi: false, Doc: "people per arm (rct) or in all (before_after), when not varied"},
	{Key: "study.clusters", Type: "int", Unit: "clusters", Default: "20", Lo: 4, Hi: 100000, OpenLo: false, OpenHi: false, Doc: "clusters in total, when not varied: half per arm (cluster_rct, controlled_before_after; an odd one goes to control), or spread over the steps (stepped_wedge)"},
	{Key: "study.cluster_size", Type: "float", Unit: "people", Default: "20", Lo: 1, Hi: 1000000, OpenLo: false, OpenHi: false, Doc: "mean people per cluster (per cluster-period in a stepped wedge), when not varied"},
	{Key: "study.cluster_cv", Type: "float", Unit: "CV", Default: "0", Lo: 0, Hi: 3, OpenLo: false, OpenHi: false, Doc: "coefficient of variation of cluster sizes (gamma-distributed; Eldridge et al. 2006: about 0.65 for UK general practices)"},
	{Key: "study.steps", Type: "int", Unit: "steps", Default: "4", Lo: 1, Hi: 100, OpenLo: false, OpenHi: false, Doc: "stepped wedge: steps (periods = steps + 1)"},
	{Key: "study.studies", Type: "int", Unit: "studies", Default: "2000", Lo: 1, Hi: 10000000, OpenLo: false, OpenHi: false, Doc: "simulated studies per grid point (as many again in the null world); the Monte Carlo SE of a power p is √(p(1 − p)/studies)"},
	{Key: "study.alpha", Type: "float", Unit: "probability", Default: "0.05", Lo: 0, Hi: 1, OpenLo: true, OpenHi: true, Doc: "two-sided significance level"},
	{Key: "study.power", Type: "float", Unit: "probability", Default: "0.8", Lo: 0, Hi: 1, OpenLo: true, OpenHi: true, Doc: "target power: the size needed and the minimum detectable effect are for this power"},
	{Key: "study.seed", Type: "uint", Unit: "seed", Default: "1", Doc: "seed of the simulated studies (study j at grid point g draws from the stream (seed, g, j))"},
	{Key: "study.world.effect", Type: "float", Unit: "outcome units (WEMWBS points)", Default: "3", Lo: -1000, Hi: 1000, OpenLo: false, OpenHi: false, Doc: "true effect of the intervention on the follow-up outcome"},
	{Key: "study.world.sd", Type: "float", Unit: "outcome units", Default: "9", Lo: 0, Hi: 1000, OpenLo: true, OpenHi: false, Doc: "total SD of the outcome (WEMWBS: about 8-9, Tennant et al. 2007)"},
	{Key: "study.world.icc", Type: "float", Unit: "proportion", Default: "0", Lo: 0, Hi: 1, OpenLo: false, OpenHi: true, Doc: "intracluster correlation of the outcome (0.01-0.05 is typical of GP practices)"},
	{Key: "study.world.cac", Type: "float", Unit: "correlation", Default: "1", Lo: 0, Hi: 1, OpenLo: false, OpenHi: false, Doc: "cluster autocorrelation between periods (1: a cluster's effect does not change over time, as Hussey & Hughes assume)"},
	{Key: "study.world.rho", Type: "float", Unit: "correlation", Default: "0.5", Lo: 0, Hi: 1, OpenLo: false, OpenHi: true, Doc: "within-person correlation of baseline and follow-up (WEMWBS test-retest about 0.5-0.7)"},
	{Key: "study.world.secular", Type: "float", Unit: "outcome units", Default: "0", Lo: -1000, Hi: 1000, OpenLo: false, OpenHi: false, Doc: "change in the mean outcome from baseline to follow-up without any intervention (per period in a stepped wedge): the natural history an uncontrolled design mistakes for an effect"},
	{Key: "study.world.attrition", Type: "float", Unit: "probability", Default: "0", Lo: 0, Hi: 1, OpenLo: false, OpenHi: true, Doc: "probability a person's follow-up is missing (completers are analysed)"},
	{Key: "study.world.attrition_deprived_extra", Type: "float", Unit: "probability", Default: "0", Lo: -1, Hi: 1, OpenHi: true, Doc: "abm: extra attrition of people living in IMD quintiles 1-2 (differential loss to follow-up by deprivation)"},
	{Key: "study.world.measurement_sd", Type: "float", Unit: "outcome units", Default: "0", Lo: 0, Hi: 1000, Doc: "SD of independent measurement error added to every measurement, baseline and follow-up (abm measurements already carry the model's own week-to-week variation)"},
	{Key: "study.world.attrition_treated_extra", Type: "float", Unit: "probability", Default: "0", Lo: -1, Hi: 1, OpenLo: false, OpenHi: true, Doc: "extra attrition in the intervention arm or group (differential loss to follow-up)"},
}

// studyFS holds the studies shipped in the binary.
//
//go:embed embedded/studies/*.toml
var studyFS embed.FS

var studyShelf = newShelf("study", studyFS, "embedded/studies")

// EmbeddedStudies lists the studies built into spsim, by name.
func EmbeddedStudies() []Info { return studyShelf.list() }

// StudySource returns the TOML of the embedded study name.
func StudySource(name string) ([]byte, error) { return studyShelf.source(name) }

// studyFile is the TOML layout of a study file.
type studyFile struct {
	Name        string         `toml:"name"`
	Description string         `toml:"description"`
	Study       studyPlan      `toml:"study"`
	Set         map[string]any `toml:"set"`
}

type studyPlan struct {
	Mode        string    `toml:"mode"`
	Scenario    string    `toml:"scenario"`
	WorldRuns   int       `toml:"world_runs"`
	Cluster     string    `toml:"cluster"`
	Design      string    `toml:"design"`
	Analyses    []string  `toml:"analyses"`
	Vary        string    `toml:"vary"`
	Sizes       []float64 `toml:"sizes"`
	PerArm      int       `toml:"per_arm"`
	Clusters    int       `toml:"clusters"`
	ClusterSize float64   `toml:"cluster_size"`
	ClusterCV   float64   `toml:"cluster_cv"`
	Steps       int       `toml:"steps"`
	Studies     int       `toml:"studies"`
	Alpha       float64   `toml:"alpha"`
	Power       float64   `toml:"power"`
	Seed        uint64    `toml:"seed"`
	World       struct {
		Effect                 float64 `toml:"effect"`
		SD                     float64 `toml:"sd"`
		ICC                    float64 `toml:"icc"`
		CAC                    float64 `toml:"cac"`
		Rho                    float64 `toml:"rho"`
		Secular                float64 `toml:"secular"`
		Attrition              float64 `toml:"attrition"`
		AttritionTreatedExtra  float64 `toml:"attrition_treated_extra"`
		AttritionDeprivedExtra float64 `toml:"attrition_deprived_extra"`
		MeasurementSD          float64 `toml:"measurement_sd"`
	} `toml:"world"`
}

// LoadStudy reads the study nameOrPath (an embedded study's name or a file)
// with the --set overrides in sets (keys as in the file, e.g.
// study.studies=500 or study.world.icc=0.02) applied after the file.
func LoadStudy(nameOrPath string, sets []string) (*Study, error) {
	o, src, err := studyShelf.open(nameOrPath)
	if err != nil {
		return nil, err
	}
	return parseStudy(o, src, sets)
}

// parseStudy loads a study from its TOML source.
func parseStudy(o origin, src []byte, sets []string) (*Study, error) {
	// Defaults first; the file and then --set overwrite them.
	f := studyFile{Name: o.name}
	sp := &f.Study
	sp.Mode, sp.PerArm, sp.Clusters, sp.ClusterSize, sp.Steps = "parametric", 100, 20, 20, 4
	sp.WorldRuns, sp.Cluster = 1, "practice"
	sp.Studies, sp.Alpha, sp.Power, sp.Seed = 2000, 0.05, 0.8, 1
	sp.World.Effect, sp.World.SD, sp.World.CAC, sp.World.Rho = 3, 9, 1, 0.5
	m, md, err := decodeTOML(o.source, src)
	if err != nil {
		return nil, err
	}
	lines := keyLines(string(src))
	fail := func(key, msg string) error {
		list, _, _ := strings.Cut(key, "[") // study.sizes[2] is on the line of study.sizes
		return &Error{File: o.source, Line: lineOf(lines, list), Key: key, Msg: msg}
	}
	known := make([]string, len(StudyKeys))
	for i, k := range StudyKeys {
		known[i] = k.Key
	}
	// Unknown keys, then wrong types, in file order, before decoding into
	// the typed layout (whose own errors would not say where).
	for _, k := range md.Keys() {
		key := k.String()
		if key == "set" || strings.HasPrefix(key, "set.") {
			continue // [set] is checked as scenario keys below
		}
		v := valueAt(m, k)
		if key == "study" || key == "study.world" {
			if _, ok := v.(map[string]any); !ok {
				return nil, fail(key, typeError(key, v, "a table of keys").Msg)
			}
			continue
		}
		i := slices.Index(known, key)
		if i < 0 {
			return nil, fail(key, fmt.Sprintf("unknown key %q%s", key, didYouMean(key, known)))
		}
		if e := checkStudyType(StudyKeys[i], v); e != nil {
			return nil, fail(key, e.Msg)
		}
	}
	if v, ok := m["set"]; ok {
		if _, isTable := v.(map[string]any); !isTable {
			return nil, fail("set", typeError("set", v, "a table of scenario keys").Msg)
		}
	}
	if _, err := toml.Decode(string(src), &f); err != nil {
		return nil, &Error{File: o.source, Msg: err.Error()}
	}
	for _, set := range sets {
		key, raw, err := parseSet(set)
		if err != nil {
			return nil, err
		}
		i := slices.Index(known, key)
		if i < 0 || key == "name" || key == "description" {
			return nil, &Error{File: "--set", Msg: fmt.Sprintf("unknown study key %q%s", key, didYouMean(key, known))}
		}
		if e := checkStudyType(StudyKeys[i], raw); e != nil {
			e.File = "--set"
			return nil, e
		}
		if err := setStudyKey(&f, key, raw); err != nil {
			return nil, &Error{File: "--set", Key: key, Msg: err.Error()}
		}
	}
	if f.Name == "" {
		f.Name = o.name
	}
	s := &Study{Name: f.Name, Description: f.Description, Source: o.source, Mode: sp.Mode}
	if err := checkStudy(sp, fail); err != nil {
		return nil, err
	}
	if sp.Mode == "abm" {
		if sp.Scenario == "" {
			return nil, fail("study.scenario", "missing: abm mode needs the world to recruit from (an embedded scenario's name or a file)")
		}
		bo, bsrc, err := openBase(o, sp.Scenario, "study.scenario", lines)
		if err != nil {
			return nil, err
		}
		if s.World, err = parseOverrides(bo, bsrc, tableOverrides(f.Set, "set", o.source, lines)); err != nil {
			return nil, err
		}
		s.WorldRuns, s.Cluster = sp.WorldRuns, sp.Cluster
	} else if len(f.Set) > 0 {
		return nil, fail("set", "a [set] table changes the world of abm mode; this study is parametric")
	}
	w := sp.World
	s.Plan = study.Plan{
		Design: study.Design{Kind: sp.Design, PerArm: sp.PerArm, Clusters: sp.Clusters, ClusterSize: sp.ClusterSize,
			ClusterCV: sp.ClusterCV, Steps: sp.Steps},
		World: study.World{Effect: w.Effect, SD: w.SD, ICC: w.ICC, CAC: w.CAC, Rho: w.Rho, Secular: w.Secular,
			Attrition: w.Attrition, AttritionTreatedExtra: w.AttritionTreatedExtra,
			AttritionDeprivedExtra: w.AttritionDeprivedExtra, MeasurementSD: w.MeasurementSD},
		Analyses: sp.Analyses, Vary: sp.Vary, Sizes: sp.Sizes, Studies: sp.Studies, Alpha: sp.Alpha, Power: sp.Power, Seed: sp.Seed,
	}
	if err := s.Plan.Validate(); err != nil {
		if pe, ok := err.(*study.PlanError); ok {
			return nil, fail("study."+pe.Field, pe.Msg)
		}
		return nil, &Error{File: o.source, Line: lineOf(lines, "study"), Msg: err.Error()}
	}
	return s, nil
}

// setStudyKey applies one --set override by decoding it as a one-key TOML
// document over the file's values.
func setStudyKey(f *studyFile, key string, raw any) error {
	parts := strings.Split(key, ".")
	doc := map[string]any{parts[len(parts)-1]: raw}
	for i := len(parts) - 2; i >= 0; i-- {
		doc = map[string]any{parts[i]: doc}
	}
	var b strings.Builder
	if err := toml.NewEncoder(&b).Encode(doc); err != nil {
		return err
	}
	if _, err := toml.Decode(b.String(), f); err != nil {
		return fmt.Errorf("= %v: %v", raw, err)
	}
	return nil
}

// checkStudy checks the ranges of StudyKeys and fills defaults that depend
// on the design.
func checkStudy(sp *studyPlan, fail func(key, msg string) error) error {
	if sp.Mode != "parametric" && sp.Mode != "abm" {
		return fail("study.mode", fmt.Sprintf("= %q is not one of: parametric, abm", sp.Mode))
	}
	if sp.Cluster != "practice" && sp.Cluster != "pcn" {
		return fail("study.cluster", fmt.Sprintf("= %q is not one of: practice, pcn", sp.Cluster))
	}
	vary, ok := study.Varies[sp.Design]
	if !ok {
		designs := []string{"rct", "cluster_rct", "stepped_wedge", "before_after", "controlled_before_after"}
		if sp.Design == "" {
			return fail("study.design", "missing: one of "+strings.Join(designs, ", "))
		}
		return fail("study.design", fmt.Sprintf("= %q is not one of %s%s", sp.Design, strings.Join(designs, ", "), didYouMean(sp.Design, designs)))
	}
	if sp.Vary == "" {
		sp.Vary = vary[0]
	}
	if len(sp.Analyses) == 0 {
		sp.Analyses = study.Plan{Design: study.Design{Kind: sp.Design}}.Fitting()
	}
	w := sp.World
	values := map[string]float64{
		"study.per_arm": float64(sp.PerArm), "study.clusters": float64(sp.Clusters), "study.cluster_size": sp.ClusterSize,
		"study.cluster_cv": sp.ClusterCV, "study.steps": float64(sp.Steps), "study.studies": float64(sp.Studies),
		"study.alpha": sp.Alpha, "study.power": sp.Power, "study.world_runs": float64(sp.WorldRuns),
		"study.world.effect": w.Effect, "study.world.sd": w.SD, "study.world.icc": w.ICC, "study.world.cac": w.CAC,
		"study.world.rho": w.Rho, "study.world.secular": w.Secular, "study.world.attrition": w.Attrition,
		"study.world.attrition_treated_extra":  w.AttritionTreatedExtra,
		"study.world.attrition_deprived_extra": w.AttritionDeprivedExtra, "study.world.measurement_sd": w.MeasurementSD,
	}
	for _, k := range StudyKeys {
		if v, ok := values[k.Key]; ok {
			if msg := k.check(v); msg != "" {
				return fail(k.Key, msg)
			}
		}
	}
	// Each size is a value of the key it varies.
	if i := slices.IndexFunc(StudyKeys, func(k StudyKey) bool { return k.Key == "study."+sp.Vary }); i >= 0 {
		for j, x := range sp.Sizes {
			if msg := StudyKeys[i].check(x); msg != "" {
				return fail(fmt.Sprintf("study.sizes[%d]", j), fmt.Sprintf("%s (the sizes are values of %s)", msg, StudyKeys[i].Key))
			}
		}
	}
	if a := w.Attrition + w.AttritionTreatedExtra; a < 0 || a >= 1 {
		return fail("study.world.attrition_treated_extra", fmt.Sprintf("= %g makes the intervention arm's attrition %g: it must be in [0, 1)", w.AttritionTreatedExtra, a))
	}
	if sp.Mode == "parametric" && w.AttritionDeprivedExtra != 0 {
		return fail("study.world.attrition_deprived_extra", "applies in abm mode only: the parametric world has no deprivation")
	}
	return nil
}

// check returns what is wrong with the value v of the numeric key k, or "".
func (k StudyKey) check(v float64) string {
	if !finite(v) {
		return fmt.Sprintf("= %g is not a finite number", v)
	}
	if k.Lo == 0 && k.Hi == 0 {
		return ""
	}
	if v < k.Lo || v > k.Hi || (k.OpenLo && v == k.Lo) || (k.OpenHi && v == k.Hi) {
		return fmt.Sprintf("= %g is out of range: allowed %s", v, k.Range())
	}
	return ""
}

// studyTypes describes the TOML each Type of StudyKey takes.
var studyTypes = map[string]string{
	"string":      "a string",
	"int":         "an integer",
	"uint":        "a non-negative integer",
	"float":       "a number",
	"string list": "a list of strings",
	"float list":  "a list of numbers",
}

// checkStudyType reports a value v decoded from TOML that key k cannot take.
func checkStudyType(k StudyKey, v any) *Error {
	isString := func(x any) bool { _, ok := x.(string); return ok }
	isNumber := func(x any) bool { _, ok := toFloat(x); return ok }
	var ok bool
	switch k.Type {
	case "string":
		ok = isString(v)
	case "int":
		_, ok = v.(int64)
	case "uint":
		i, isInt := v.(int64)
		ok = isInt && i >= 0
	case "float":
		ok = isNumber(v)
	case "string list":
		ok = allOf(v, isString)
	case "float list":
		ok = allOf(v, isNumber)
	}
	if ok {
		return nil
	}
	return typeError(k.Key, v, studyTypes[k.Type])
}

// allOf reports whether v is a TOML array whose elements all satisfy ok.
func allOf(v any, ok func(any) bool) bool {
	list, isList := v.([]any)
	return isList && !slices.ContainsFunc(list, func(x any) bool { return !ok(x) })
}

// valueAt returns the value at key in the decoded TOML m.
func valueAt(m map[string]any, key toml.Key) any {
	var v any = m
	for _, part := range key {
		t, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = t[part]
	}
	return v
}
