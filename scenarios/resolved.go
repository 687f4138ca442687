package scenarios

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"

	"spsim/sim"
)

// ResolvedTOML returns the scenario as finally resolved, after --set: its
// name and description, every key with its value (distributions as inline
// tables) in dictionary order, and the comparator overlay. Loading these
// bytes again gives the same arms for every run and the same ResolvedTOML.
//
// pcns.csv is written as an absolute path, so the file reproduces the run
// from any directory, or as "embedded:NAME" for a CSV embedded in spsim.
func (s *Scenario) ResolvedTOML() []byte {
	var b strings.Builder
	b.WriteString("# spsim scenario, fully resolved: every parameter with its value.\n")
	fmt.Fprintf(&b, "name = %s\n", quoteTOML(s.Name))
	fmt.Fprintf(&b, "description = %s\n", quoteTOML(s.Description))
	dists := map[string]dist{}
	for _, d := range s.dists {
		dists[d.slot] = d.d
	}
	p := reflect.ValueOf(&s.base).Elem()
	sc := theSchema()
	table := ""
	for _, top := range []bool{true, false} {
		for _, n := range sc.nodes {
			t, leaf := splitKey(n.Key)
			if (t == "") != top {
				continue
			}
			if t != table {
				fmt.Fprintf(&b, "\n[%s]\n", t)
				table = t
			}
			fmt.Fprintf(&b, "%s = %s\n", leaf, formatValue(n, n.get(p), n.Key, dists))
		}
	}
	b.WriteString("\n[comparator]\n")
	for _, a := range s.overlay {
		ds := map[string]dist{}
		for _, d := range a.dists {
			ds[d.slot] = d.d
		}
		fmt.Fprintf(&b, "%s = %s\n", a.node.Key, formatValue(a.node, a.value, a.node.Key, ds))
	}
	return []byte(b.String())
}

// Hash returns a hex SHA-256 of the scenario: of ResolvedTOML and, when
// the PCNs come from pcns.csv, of the PCNs read from it (ResolvedTOML names
// the file, not what it holds, and the file may change). Two scenarios with
// the same hash give the same runs.
func (s *Scenario) Hash() string {
	if s.pcns == nil {
		h := sha256.Sum256(s.ResolvedTOML())
		return hex.EncodeToString(h[:])
	}
	h := sha256.New()
	h.Write(s.ResolvedTOML())
	fmt.Fprintf(h, "\n# pcns.csv as read:\n%+v\n", s.pcns)
	return hex.EncodeToString(h.Sum(nil))
}

// splitKey splits a dotted key into its table and its last part.
func splitKey(key string) (table, leaf string) {
	if i := strings.LastIndexByte(key, '.'); i >= 0 {
		return key[:i], key[i+1:]
	}
	return "", key
}

// formatValue writes v, the value of key n, as TOML. The distributions in
// dists, indexed by slot (key, key[i] or key[i].field), replace the values
// of their slots.
func formatValue(n *node, v reflect.Value, slot string, dists map[string]dist) string {
	if d, ok := dists[slot]; ok {
		return d.String()
	}
	switch n.Kind {
	case kindFloat:
		return formatFloat(v.Float())
	case kindInt:
		return strconv.FormatInt(v.Int(), 10)
	case kindUint:
		return strconv.FormatUint(v.Uint(), 10)
	case kindBool:
		return strconv.FormatBool(v.Bool())
	case kindString:
		return quoteTOML(v.String())
	case kindDate:
		return sim.Date(v.Int()).String()
	case kindFloatList:
		parts := make([]string, v.Len())
		for i := range parts {
			e := fmt.Sprintf("%s[%d]", slot, i)
			if d, ok := dists[e]; ok {
				parts[i] = d.String()
			} else {
				parts[i] = formatFloat(v.Index(i).Float())
			}
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case kindTableList:
		parts := make([]string, v.Len())
		for i := range parts {
			fields := make([]string, len(n.children))
			for j, c := range n.children {
				e := fmt.Sprintf("%s[%d].%s", slot, i, c.leaf)
				fields[j] = c.leaf + " = " + formatValue(c, c.get(v.Index(i)), e, dists)
			}
			parts[i] = "{" + strings.Join(fields, ", ") + "}"
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	panic("scenarios: formatValue of kind " + n.Kind)
}

// formatFloat writes x as the shortest TOML number that reads back exactly.
func formatFloat(x float64) string {
	switch {
	case math.IsNaN(x):
		return "nan"
	case math.IsInf(x, 1):
		return "inf"
	case math.IsInf(x, -1):
		return "-inf"
	case x != 0 && (math.Abs(x) < 1e-4 || math.Abs(x) >= 1e15):
		return strconv.FormatFloat(x, 'e', -1, 64)
	}
	return strconv.FormatFloat(x, 'f', -1, 64)
}

// formatRange writes inclusive bounds as "[lo, hi]".
func formatRange(lo, hi *float64) string {
	l, h := "-inf", "inf"
	if lo != nil {
		l = formatFloat(*lo)
	}
	if hi != nil {
		h = formatFloat(*hi)
	}
	return "[" + l + ", " + h + "]"
}

// quoteTOML writes s as a TOML basic string.
func quoteTOML(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
