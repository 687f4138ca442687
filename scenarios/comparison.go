package scenarios

import (
	"embed"
	"fmt"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"
)

// A comparison is a base scenario and named options, each an overlay of
// parameter changes on it, one of them the comparator: what 'spsim compare'
// runs. Its file:
//
//	name = "funding-options"
//	description = "..."
//	scenario = "pcn-typical"          # embedded name, or a path relative to this file
//	comparator = "status_quo"         # the option the others are compared with
//	runs = 50                         # default number of runs
//	thresholds = [20000, 30000]       # GBP per QALY (default 20k, 25k, 30k, 35k)
//	opportunity_cost_threshold = 20000             # distributional CEA (defaults
//	opportunity_cost_shares = [.26, .22, .20, .17, .15]  # below), by IMD
//	baseline_qale = [62.0, 65.5, 68.0, 70.3, 72.5]       # quintile, most deprived first
//
//	[set]                             # changes to the base for every option
//	pcns.count = 8
//
//	[options.status_quo]
//	label = "Status quo: no link workers"
//	rollout.enabled = false
//
// Option tables take the same dotted keys as --set (and scenario files).
// Options may not change the population (pcns.* keys): every option runs on
// the same PCNs and people, with the same seeds (common random numbers).
type Comparison struct {
	Name, Description string
	Source            string // path of the file, or "embedded:NAME"
	Runs              int
	Thresholds        []float64 // willingness to pay, GBP per QALY
	Options           []Option  // in file order
	Comparator        int       // index of the comparator in Options

	// Distributional cost-effectiveness analysis (methods §4.4), by IMD
	// quintile, most deprived first.
	OppCostThreshold float64    // GBP per QALY forgone elsewhere
	OppCostShares    [5]float64 // share of the forgone QALYs each quintile bears; sums to 1
	BaselineQALE     [5]float64 // quality-adjusted life expectancy before the option
}

// Defaults of the distributional analysis: the illustrative inputs of the
// methods reference §4.4 (Asaria, Griffin & Cookson 2016 style), a social
// gradient in quality-adjusted life expectancy of about ten years and
// opportunity costs falling more on the deprived. Replace them with local
// estimates (Love-Koh et al. 2015 for QALE by IMD quintile).
var (
	DefaultOppCostThreshold = 20000.0
	DefaultOppCostShares    = [5]float64{0.26, 0.22, 0.20, 0.17, 0.15}
	DefaultBaselineQALE     = [5]float64{62.0, 65.5, 68.0, 70.3, 72.5}
)

// Option is one option of a comparison: its name, label and scenario (the
// base with the comparison's and the option's changes).
type Option struct {
	Name, Label string
	Scenario    *Scenario
}

// DefaultThresholds are the willingness-to-pay thresholds (GBP per QALY)
// reported when a comparison gives none: NICE's £20,000-£30,000 range and
// two points around it.
var DefaultThresholds = []float64{20000, 25000, 30000, 35000}

// comparisonFS holds the comparisons shipped in the binary.
//
//go:embed embedded/comparisons/*.toml
var comparisonFS embed.FS

var comparisonShelf = newShelf("comparison", comparisonFS, "embedded/comparisons")

// EmbeddedComparisons lists the comparisons built into spsim, by name.
func EmbeddedComparisons() []Info { return comparisonShelf.list() }

// ComparisonSource returns the TOML of the embedded comparison name.
func ComparisonSource(name string) ([]byte, error) { return comparisonShelf.source(name) }

// comparisonKeys are the top-level keys of a comparison file, besides its tables.
var comparisonKeys = []string{"name", "description", "scenario", "comparator", "runs", "thresholds", "opportunity_cost_threshold", "opportunity_cost_shares", "baseline_qale"}

var optionName = regexp.MustCompile(`^[a-z][a-z0-9_-]*$`)

// LoadComparison reads the comparison nameOrPath (an embedded comparison's
// name or a file) and builds each option's scenario, with the --set
// overrides in sets applied to every option after the file's own changes.
func LoadComparison(nameOrPath string, sets []string) (*Comparison, error) {
	o, src, err := openComparison(nameOrPath)
	if err != nil {
		return nil, err
	}
	return parseComparison(o, src, sets)
}

// parseComparison loads a comparison from its TOML source.
func parseComparison(o origin, src []byte, sets []string) (*Comparison, error) {
	m, md, err := decodeTOML(o.source, src)
	if err != nil {
		return nil, err
	}
	lines := keyLines(string(src))
	fail := func(key, msg string) error {
		return &Error{File: o.source, Line: lineOf(lines, key), Key: key, Msg: msg}
	}
	c := &Comparison{Name: o.name, Source: o.source, Runs: 50, Thresholds: DefaultThresholds,
		OppCostThreshold: DefaultOppCostThreshold, OppCostShares: DefaultOppCostShares, BaselineQALE: DefaultBaselineQALE}
	five := func(k string, v any, positive bool) ([5]float64, error) {
		var out [5]float64
		list, ok := v.([]any)
		if ok && len(list) == 5 {
			for i, x := range list {
				f, isNum := toFloat(x)
				if !isNum || !finite(f) || f < 0 || (positive && f == 0) {
					ok = false
					break
				}
				out[i] = f
			}
		} else {
			ok = false
		}
		if !ok {
			return out, fail(k, "must be a list of 5 finite numbers, one per IMD quintile (most deprived first), each at least 0")
		}
		return out, nil
	}
	var base, comparator string
	for k, v := range m {
		switch k {
		case "name", "description", "scenario", "comparator":
			s, ok := v.(string)
			if !ok {
				return nil, fail(k, "must be a string")
			}
			switch k {
			case "name":
				c.Name = s
			case "description":
				c.Description = s
			case "scenario":
				base = s
			default:
				comparator = s
			}
		case "runs":
			n, ok := v.(int64)
			if hi := *theSchema().byKey["simulation.runs"].Hi; !ok || n < 1 || float64(n) > hi {
				return nil, fail(k, fmt.Sprintf("= %v must be a whole number of runs from 1 to %s (the range of simulation.runs)", v, formatFloat(hi)))
			}
			c.Runs = int(n)
		case "thresholds":
			c.Thresholds = nil
			list, ok := v.([]any)
			if ok {
				for _, x := range list {
					f, isNum := toFloat(x)
					if !isNum || !finite(f) || f < 0 {
						ok = false
						break
					}
					c.Thresholds = append(c.Thresholds, f)
				}
			}
			if !ok || len(c.Thresholds) == 0 {
				return nil, fail(k, "must be a list of willingness-to-pay values in GBP per QALY, each a finite number at least 0, for example [20000, 30000]")
			}
		case "opportunity_cost_threshold":
			f, ok := toFloat(v)
			if !ok || !finite(f) || f <= 0 {
				return nil, fail(k, "must be a positive, finite number of GBP per QALY forgone")
			}
			c.OppCostThreshold = f
		case "opportunity_cost_shares":
			x, err := five(k, v, false)
			if err != nil {
				return nil, err
			}
			if sum := x[0] + x[1] + x[2] + x[3] + x[4]; sum < 0.999 || sum > 1.001 {
				return nil, fail(k, fmt.Sprintf("must sum to 1 (sums to %g)", sum))
			}
			c.OppCostShares = x
		case "baseline_qale":
			x, err := five(k, v, true)
			if err != nil {
				return nil, err
			}
			c.BaselineQALE = x
		case "set", "options":
			if _, ok := v.(map[string]any); !ok {
				return nil, fail(k, "must be a table")
			}
		default:
			return nil, fail(k, fmt.Sprintf("unknown key (a comparison has %s, [set] and [options.NAME] tables)%s", strings.Join(comparisonKeys, ", "), didYouMean(k, comparisonKeys)))
		}
	}
	if base == "" {
		return nil, &Error{File: o.source, Key: "scenario", Msg: "missing: name the base scenario (an embedded name or a file)"}
	}

	// Overrides shared by every option: the file's [set], then --set.
	var shared []override
	if t, ok := m["set"].(map[string]any); ok {
		shared = tableOverrides(t, "set", o.source, lines)
	}
	var cli []override
	for _, set := range sets {
		key, raw, err := parseSet(set)
		if err != nil {
			return nil, err
		}
		cli = append(cli, override{key: key, value: raw, file: "--set"})
	}

	bo, bsrc, err := openBase(o, base, "scenario", lines)
	if err != nil {
		return nil, err
	}
	opts, _ := m["options"].(map[string]any)
	for _, key := range md.Keys() {
		if len(key) != 2 || key[0] != "options" {
			continue
		}
		name := key[1]
		where := "options." + name
		if !optionName.MatchString(name) {
			return nil, fail(where, "option names are lower case letters, digits, _ and -, starting with a letter")
		}
		t, ok := opts[name].(map[string]any)
		if !ok {
			return nil, fail(where, "must be a table of parameter changes")
		}
		opt := Option{Name: name, Label: name}
		if l, there := t["label"]; there {
			s, ok := l.(string)
			if !ok {
				return nil, fail(where+".label", "must be a string")
			}
			opt.Label = s
		}
		body := map[string]any{}
		for k, v := range t {
			if k != "label" {
				body[k] = v
			}
		}
		for k := range body {
			if k == "pcns" || k == "comparator" || k == "name" || k == "description" {
				return nil, fail(where+"."+k, "an option cannot change "+k+": every option runs on the same PCNs and people against the comparison's comparator (put population changes in [set])")
			}
		}
		ovs := append(append(append([]override(nil), shared...), tableOverrides(body, where, o.source, lines)...), cli...)
		s, err := parseOverrides(bo, bsrc, ovs)
		if err != nil {
			return nil, err
		}
		s.Name = name
		opt.Scenario = s
		c.Options = append(c.Options, opt)
	}
	if len(c.Options) < 2 {
		return nil, &Error{File: o.source, Key: "options", Msg: fmt.Sprintf("a comparison needs at least two [options.NAME] tables (has %d)", len(c.Options))}
	}
	c.Comparator = -1
	var optNames []string
	for i, op := range c.Options {
		optNames = append(optNames, op.Name)
		if op.Name == comparator {
			c.Comparator = i
		}
	}
	if c.Comparator < 0 {
		msg := fmt.Sprintf("= %q is not one of the options (%s)%s", comparator, strings.Join(optNames, ", "), didYouMean(comparator, optNames))
		if comparator == "" {
			msg = "missing: name the option the others are compared with (one of " + strings.Join(optNames, ", ") + ")"
		}
		return nil, fail("comparator", msg)
	}
	pcns := c.Options[0].Scenario.PCNs()
	first := c.Options[0].Scenario.Base()
	for _, op := range c.Options[1:] {
		if !reflect.DeepEqual(op.Scenario.PCNs(), pcns) {
			return nil, fail("options."+op.Name, "changes the PCNs or their practices: every option must run on the same population")
		}
		// Costs and QALYs are added and compared across options, so they
		// must be in one price year and discounted alike.
		b := op.Scenario.Base()
		if b.Costs.PriceYear != first.Costs.PriceYear {
			return nil, fail("options."+op.Name+".costs.price_year", fmt.Sprintf("= %d differs from option %s's %d: every option's costs must be in one price year (put it in [set])", b.Costs.PriceYear, c.Options[0].Name, first.Costs.PriceYear))
		}
		if b.QALY.DiscountRate != first.QALY.DiscountRate {
			return nil, fail("options."+op.Name+".qaly.discount_rate", fmt.Sprintf("= %g differs from option %s's %g: every option must be discounted alike (put it in [set])", b.QALY.DiscountRate, c.Options[0].Name, first.QALY.DiscountRate))
		}
	}
	return c, nil
}

// tableOverrides turns the keys of a table of the comparison file into
// overrides, in key order, located at their lines.
func tableOverrides(t map[string]any, table, file string, lines map[string]int) []override {
	keys := make([]string, 0, len(t))
	for k := range t {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var out []override
	for _, k := range keys {
		line := lineOf(lines, table+"."+k)
		if line == 0 {
			line = lines[table]
		}
		out = append(out, override{key: k, value: t[k], file: file, line: line, table: table + "."})
	}
	return out
}

// lineOf returns the line of key in the file, or of the first key under it
// when it is a table (a dotted key such as options.b.pcns.count puts
// options.b.pcns on no line of its own), or 0.
func lineOf(lines map[string]int, key string) int {
	if l := lines[key]; l > 0 {
		return l
	}
	best := 0
	for k, l := range lines {
		if strings.HasPrefix(k, key+".") && (best == 0 || l < best) {
			best = l
		}
	}
	return best
}

// openComparison finds the comparison nameOrPath and reads it.
func openComparison(nameOrPath string) (origin, []byte, error) {
	return comparisonShelf.open(nameOrPath)
}

// openBase opens the scenario ref that the file o names at key (a
// comparison's base, a study's world). A scenario that cannot be found or
// read is reported at that key, naming the file that refers to it.
func openBase(o origin, ref, key string, lines map[string]int) (origin, []byte, error) {
	bo, src, err := open(resolveBase(o, ref))
	if err != nil {
		msg := err.Error()
		if e, ok := err.(*Error); ok {
			msg = e.Msg
		}
		return origin{}, nil, &Error{File: o.source, Line: lineOf(lines, key), Key: key, Msg: msg}
	}
	return bo, src, nil
}

// resolveBase returns where to find the comparison's base scenario: an
// embedded name as it is, a relative path against the comparison file's
// directory.
func resolveBase(o origin, base string) string {
	if _, err := Source(strings.TrimPrefix(base, "embedded:")); err == nil {
		return base
	}
	if o.dir != "" && !filepath.IsAbs(base) {
		return filepath.Join(o.dir, base)
	}
	return base
}
