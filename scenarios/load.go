package scenarios

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"

	"spsim/sim"
)

// Load reads the scenario nameOrPath, an embedded scenario's name (see
// Embedded; "embedded:NAME" also works) or the path of a TOML file, applies
// the --set overrides in sets (each "key=value", value in TOML) and checks
// the result. Keys not given keep the values of sim.DefaultParams. Problems
// are returned as *Error, naming the file, line (when known) and key.
func Load(nameOrPath string, sets []string) (*Scenario, error) {
	o, src, err := open(nameOrPath)
	if err != nil {
		return nil, err
	}
	return parse(o, src, sets)
}

// origin is where a scenario came from: for naming it in errors and for
// resolving a relative pcns.csv.
type origin struct {
	source   string // path as given, or "embedded:NAME"
	dir      string // absolute directory of the file; "" if embedded
	embedded bool
	name     string // name if the file gives none
}

// open finds the scenario nameOrPath and reads it.
func open(nameOrPath string) (origin, []byte, error) {
	return scenarioShelf.open(nameOrPath)
}

// openNamed finds nameOrPath, the name of an embedded file of the given
// kind (looked up with source; names lists them) or a path, and reads it.
func openNamed(nameOrPath, kind string, source func(string) ([]byte, error), names func() []string) (origin, []byte, error) {
	name, isEmb := strings.CutPrefix(nameOrPath, "embedded:")
	if src, err := source(name); err == nil {
		return origin{source: "embedded:" + name, embedded: true, name: name}, src, nil
	} else if isEmb {
		return origin{}, nil, err
	}
	src, err := readFile(nameOrPath)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) && !strings.ContainsAny(nameOrPath, `/\`) && filepath.Ext(nameOrPath) == "" {
			return origin{}, nil, &Error{Msg: fmt.Sprintf("no %s %q: it is neither an embedded %s (%s) nor a file%s",
				kind, nameOrPath, kind, strings.Join(names(), ", "), didYouMean(nameOrPath, names()))}
		}
		return origin{}, nil, &Error{File: nameOrPath, Msg: err.Error()}
	}
	abs, err := filepath.Abs(nameOrPath)
	if err != nil {
		return origin{}, nil, &Error{File: nameOrPath, Msg: err.Error()}
	}
	base := filepath.Base(nameOrPath)
	return origin{source: nameOrPath, dir: filepath.Dir(abs), name: strings.TrimSuffix(base, filepath.Ext(base))}, src, nil
}

// maxFileBytes bounds the files spsim reads: no scenario, study,
// comparison or practices CSV comes near it (all England's practices are
// about 1 MB of CSV), and a path such as /dev/zero is refused instead of
// read until memory runs out.
const maxFileBytes = 64 << 20

// readFile reads the file at path, up to maxFileBytes.
func readFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxFileBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxFileBytes {
		return nil, &fs.PathError{Op: "read", Path: path, Err: fmt.Errorf("larger than %d MiB, more than any input spsim reads", maxFileBytes>>20)}
	}
	return data, nil
}

// item is one key=value found in a file or a --set, before checking.
type item struct {
	key  string // dotted key, without "comparator."
	raw  any    // value decoded from TOML
	line int    // line in the file, 0 if unknown
	err  *Error // a problem found while flattening (unknown key, table given a value)
}

// notInComparator lists tables and keys the comparator may not change: both
// arms share the calendar, the PCNs, what is measured and how costs and
// QALYs are valued.
var notInComparator = []string{"sample_pcns", "simulation", "pcns", "outcomes", "costs.price_year", "qaly.discount_rate"}

// parse loads a scenario from its TOML source.
func parse(o origin, src []byte, sets []string) (*Scenario, error) {
	ovs := make([]override, 0, len(sets))
	for _, set := range sets {
		key, raw, err := parseSet(set)
		if err != nil {
			return nil, err
		}
		ovs = append(ovs, override{key: key, value: raw, file: "--set"})
	}
	return parseOverrides(o, src, ovs)
}

// override is one change to a scenario applied after its file: a dotted key
// and its decoded TOML value, from --set or from an option of a comparison,
// with the file (and line) problems with it are reported at, and the table
// it sits in there ("options.b.", "set."; "" for --set), which problems name
// it by.
type override struct {
	key   string
	value any
	file  string
	line  int
	table string
}

// locate reports a problem at the override's origin, naming the key as it
// is written there.
func (ov override) locate(e *Error) *Error {
	e.File, e.Line = ov.file, ov.line
	if e.Key != "" {
		e.Key = ov.table + e.Key
	}
	return e
}

// parseOverrides reads scenario source src and applies the overrides in
// order, later ones winning.
func parseOverrides(o origin, src []byte, ovs []override) (*Scenario, error) {
	m, _, err := decodeTOML(o.source, src)
	if err != nil {
		return nil, err
	}
	if len(m) == 0 {
		return nil, &Error{File: o.source, Msg: "empty scenario file (no keys); is this the right file? A scenario needs at least a name"}
	}
	lines := keyLines(string(src))
	fail := func(e *Error, line int) error {
		e.File, e.Line = o.source, line
		return e
	}
	s := &Scenario{Name: o.name, Source: o.source}
	for _, k := range []string{"name", "description"} {
		v, there := m[k]
		if !there {
			continue
		}
		str, ok := v.(string)
		if !ok {
			return nil, fail(typeError(k, v, "a string"), lines[k])
		}
		if k == "name" {
			s.Name = str
		} else {
			s.Description = str
		}
	}

	sc := theSchema()
	var own, comp []item
	var hasComparator bool
	for k, v := range m {
		switch k {
		case "name", "description":
		case "comparator":
			cm, ok := v.(map[string]any)
			if !ok {
				return nil, fail(typeError("comparator", v, "a table of keys"), lines[k])
			}
			hasComparator = true
			comp = sc.flatten("", cm, lines, "comparator.", comp)
		default:
			own = sc.flatten("", map[string]any{k: v}, lines, "", own)
		}
	}
	sortItems(own)
	sortItems(comp)

	ownA := map[string]assignment{}
	compA := map[string]assignment{}
	fromSet := map[string]bool{}
	for _, it := range own {
		a, err := it.check("")
		if err != nil {
			return nil, fail(err, it.line)
		}
		ownA[it.key] = a
	}
	for _, it := range comp {
		a, err := it.check("comparator.")
		if err != nil {
			return nil, fail(err, it.line)
		}
		compA[it.key] = a
	}
	if !hasComparator {
		compA["rollout.enabled"] = assignment{node: sc.byKey["rollout.enabled"], value: reflect.ValueOf(false)}
	}
	fromWhere := map[string]override{}
	for _, ov := range ovs {
		key, raw := ov.key, ov.value
		switch key {
		case "name", "description":
			str, ok := raw.(string)
			if !ok {
				return nil, ov.locate(typeError(key, raw, "a string"))
			}
			if key == "name" {
				s.Name = str
			} else {
				s.Description = str
			}
			continue
		}
		prefix := ""
		if k, ok := strings.CutPrefix(key, "comparator."); ok {
			prefix, key = "comparator.", k
		}
		its := sc.flatten("", nested(key, raw), nil, prefix, nil)
		if len(its) == 0 {
			return nil, ov.locate(&Error{Key: prefix + key, Msg: "no keys given"})
		}
		for _, it := range its {
			a, err := it.check(prefix)
			if err != nil {
				return nil, ov.locate(err)
			}
			if prefix == "" {
				ownA[it.key] = a
				fromSet[it.key] = true
				fromWhere[it.key] = ov
			} else {
				compA[it.key] = a
			}
		}
	}

	// The scenario arm: defaults, then the file and --set values in dictionary order.
	s.base = sim.DefaultParams()
	bv := reflect.ValueOf(&s.base).Elem()
	for _, n := range sc.nodes {
		if a, ok := ownA[n.Key]; ok {
			a.apply(bv)
			s.dists = append(s.dists, a.dists...)
		}
		if a, ok := compA[n.Key]; ok {
			s.overlay = append(s.overlay, a)
		}
	}
	sort.Slice(s.dists, func(i, j int) bool { return s.dists[i].slot < s.dists[j].slot })

	if ref := s.base.PCNs.CSV; ref != "" {
		resolved, pcns, err := readPCNs(o, ref, fromSet["pcns.csv"])
		if err != nil {
			if e, ok := err.(*Error); ok && e.File == "" {
				return nil, fail(e, lines["pcns.csv"])
			}
			return nil, err
		}
		s.base.PCNs.CSV = resolved
		s.pcns = pcns
	}

	if e := s.validate(); e != nil {
		// A slot such as services.grants[0].end is found by its list's key.
		base, _, _ := strings.Cut(e.Key, "[")
		if ov, ok := fromWhere[base]; ok {
			return nil, ov.locate(e)
		}
		e.File, e.Line = o.source, lines[base]
		return nil, e
	}
	return s, nil
}

// check converts the item's value for its key; prefix ("comparator." or
// "") is added to the key in errors.
func (it item) check(prefix string) (assignment, *Error) {
	if it.err != nil {
		return assignment{}, it.err
	}
	if prefix != "" {
		for _, t := range notInComparator {
			if it.key == t || strings.HasPrefix(it.key, t+".") {
				what := t + " keys"
				if strings.Contains(t, ".") {
					what = t
				}
				return assignment{}, &Error{Key: prefix + it.key, Msg: fmt.Sprintf("the comparator shares the scenario's %s (the arms must have the same PCNs, calendar, measures, price year and discounting); set it outside [comparator]", what)}
			}
		}
	}
	a, err := convert(theSchema().byKey[it.key], it.raw)
	if err != nil {
		err.Key = prefix + err.Key
		return assignment{}, err
	}
	return a, nil
}

// flatten appends to out the keys in the decoded TOML table m, whose
// dotted path is prefix. linePrefix is "comparator." for the comparator.
func (sc *schema) flatten(prefix string, m map[string]any, lines map[string]int, linePrefix string, out []item) []item {
	for k, v := range m {
		key := prefix + k
		line := lines[linePrefix+key]
		switch {
		case sc.byKey[key] != nil:
			out = append(out, item{key: key, raw: v, line: line})
		case sc.isTable(key):
			if sub, ok := v.(map[string]any); ok {
				out = sc.flatten(key+".", sub, lines, linePrefix, out)
			} else {
				out = append(out, item{key: key, line: line, err: typeError(linePrefix+key, v, "a table of keys")})
			}
		default:
			what := "key"
			if _, ok := v.(map[string]any); ok {
				what = "table"
			}
			msg := fmt.Sprintf("unknown %s %q", what, linePrefix+key)
			if s := Suggest(key, sc.candidates(key)); s != "" {
				msg += fmt.Sprintf("; did you mean %q?", linePrefix+s)
			}
			out = append(out, item{key: key, line: line, err: &Error{Msg: msg}})
		}
	}
	return out
}

// sortItems orders items by line, then key, so the first problem reported
// is the first in the file.
func sortItems(its []item) {
	sort.Slice(its, func(i, j int) bool {
		a, b := its[i], its[j]
		if (a.line == 0) != (b.line == 0) {
			return b.line == 0
		}
		if a.line != b.line {
			return a.line < b.line
		}
		return a.key < b.key
	})
}

// nested turns a dotted key and its value into the nested tables TOML
// decoding would give.
func nested(key string, v any) map[string]any {
	parts := strings.Split(key, ".")
	m := map[string]any{parts[len(parts)-1]: v}
	for i := len(parts) - 2; i >= 0; i-- {
		m = map[string]any{parts[i]: m}
	}
	return m
}

// keyLines finds the line of each key in a TOML source: a cheap scan of
// table headers and "key = value" lines, good enough to point at a key in
// an error (it does not follow multi-line strings or arrays).
func keyLines(src string) map[string]int {
	out := map[string]int{}
	add := func(k string, line int) {
		if _, ok := out[k]; !ok && k != "" {
			out[k] = line
		}
	}
	table := ""
	src = strings.TrimPrefix(src, "\ufeff") // a byte-order mark is not part of the first key
	for i, line := range strings.Split(src, "\n") {
		s := strings.TrimSpace(line)
		if s == "" || s[0] == '#' {
			continue
		}
		if s[0] == '[' {
			h, _, _ := strings.Cut(s, "]")
			table = normKey(strings.TrimLeft(h, "["))
			add(table, i+1)
			continue
		}
		k, _, ok := strings.Cut(s, "=")
		if !ok {
			continue
		}
		k = normKey(k)
		if table != "" {
			k = table + "." + k
		}
		add(k, i+1)
	}
	return out
}

// normKey removes spaces and quotes from a dotted TOML key.
func normKey(k string) string {
	parts := strings.Split(k, ".")
	for i, p := range parts {
		parts[i] = strings.Trim(strings.TrimSpace(p), `"'`)
	}
	return strings.Join(parts, ".")
}
