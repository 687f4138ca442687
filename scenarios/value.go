package scenarios

import (
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"
	"time"

	"spsim/sim"
)

// assignment is a checked value for one key, ready to set on a sim.Params.
type assignment struct {
	node  *node
	value reflect.Value // of node.typ, with each distribution at its representative value
	dists []slotDist    // distributions given within the value, by slot
}

// apply sets the assignment's value (a copy, so arms never share slices) on p,
// which must be an addressable sim.Params.
func (a assignment) apply(p reflect.Value) { a.node.get(p).Set(deepCopy(a.value)) }

// slotDist is a distribution given for one number: a scalar key, an element
// of a list, or a field of an element of a list of tables.
type slotDist struct {
	slot  string // draw key: "effects.wellbeing", "needs.money.imd_rr[2]", "rollout.phases[0].share"
	node  *node  // the key
	index int    // list element, or -1
	field *node  // field of a list-of-tables element, or nil
	d     dist
}

// leaf is the node whose range and kind apply to the slot.
func (s slotDist) leaf() *node {
	if s.field != nil {
		return s.field
	}
	return s.node
}

// integer reports whether the slot holds an int (draws are rounded).
func (s slotDist) integer() bool { return s.leaf().Kind == kindInt }

// set stores x in the slot of p, an addressable sim.Params.
func (s slotDist) set(p reflect.Value, x float64) {
	v := s.node.get(p)
	if s.index >= 0 {
		v = v.Index(s.index)
	}
	if s.field != nil {
		v = s.field.get(v)
	}
	if v.Kind() == reflect.Int {
		v.SetInt(int64(math.Round(x)))
	} else {
		v.SetFloat(x)
	}
}

// draw returns the slot's value for the run with seed seed.
func (s slotDist) draw(seed uint64) (float64, error) {
	l := s.leaf()
	return s.d.draw(seed, s.slot, l.Lo, l.Hi, s.integer())
}

// convert checks raw, a value decoded from TOML, against the key n. A
// returned error has Key and Msg set; the caller adds where it came from.
func convert(n *node, raw any) (assignment, *Error) {
	a := assignment{node: n}
	switch n.Kind {
	case kindFloatList:
		list, ok := raw.([]any)
		if !ok {
			return a, typeError(n.Key, raw, want(n))
		}
		if n.Len > 0 && len(list) != n.Len {
			return a, &Error{Key: n.Key, Msg: fmt.Sprintf("has %d values, want %d", len(list), n.Len)}
		}
		v := reflect.MakeSlice(n.typ, len(list), len(list))
		for i, el := range list {
			slot := fmt.Sprintf("%s[%d]", n.Key, i)
			x, d, err := convertScalar(n, kindFloat, el, slot)
			if err != nil {
				return a, err
			}
			v.Index(i).Set(x)
			if d != nil {
				a.dists = append(a.dists, slotDist{slot: slot, node: n, index: i, d: *d})
			}
		}
		a.value = v
	case kindTableList:
		var list []map[string]any
		switch r := raw.(type) {
		case []map[string]any:
			list = r
		case []any:
			for _, el := range r {
				m, ok := el.(map[string]any)
				if !ok {
					return a, typeError(n.Key, el, "a table in each element of the list")
				}
				list = append(list, m)
			}
		default:
			return a, typeError(n.Key, raw, want(n))
		}
		v := reflect.MakeSlice(n.typ, len(list), len(list))
		for i, m := range list {
			prefix := fmt.Sprintf("%s[%d]", n.Key, i)
			if err := unknownFields(n, m, prefix); err != nil {
				return a, err
			}
			for _, c := range n.children {
				slot := prefix + "." + c.leaf
				el, there := m[c.leaf]
				if !there {
					if c.Kind == kindBool {
						continue // false unless given
					}
					return a, &Error{Key: slot, Msg: fmt.Sprintf("missing (each element of %s needs %s)", n.Key, fieldNames(n))}
				}
				x, d, err := convertScalar(c, c.Kind, el, slot)
				if err != nil {
					return a, err
				}
				c.get(v.Index(i)).Set(x)
				if d != nil {
					a.dists = append(a.dists, slotDist{slot: slot, node: n, index: i, field: c, d: *d})
				}
			}
		}
		a.value = v
	default:
		x, d, err := convertScalar(n, n.Kind, raw, n.Key)
		if err != nil {
			return a, err
		}
		a.value = x
		if d != nil {
			a.dists = append(a.dists, slotDist{slot: n.Key, node: n, index: -1, d: *d})
		}
		return a, nil
	}
	if a.value.Len() == 0 {
		a.value = reflect.Zero(n.typ) // nil, as in sim.DefaultParams
	}
	return a, nil
}

// unknownFields reports a field of list element m that n's elements lack.
func unknownFields(n *node, m map[string]any, prefix string) *Error {
	var names []string
	for _, c := range n.children {
		names = append(names, c.leaf)
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if !slices.Contains(names, k) {
			return &Error{Key: prefix, Msg: fmt.Sprintf("unknown field %q (each element of %s has %s)%s", k, n.Key, fieldNames(n), didYouMean(k, names))}
		}
	}
	return nil
}

func fieldNames(n *node) string {
	var names []string
	for _, c := range n.children {
		names = append(names, c.leaf)
	}
	return strings.Join(names, ", ")
}

// convertScalar checks one value of kind kind against the bounds, enum and
// nodist tag of n, returning it as a reflect.Value of the Go type of that
// kind. A distribution (a table) is returned with its representative value.
func convertScalar(n *node, kind string, raw any, slot string) (reflect.Value, *dist, *Error) {
	var zero reflect.Value
	if m, ok := raw.(map[string]any); ok && (kind == kindFloat || kind == kindInt) {
		if n.NoDist {
			for _, k := range shareLists {
				if n.Key == k || strings.HasPrefix(n.Key, k+"[]") {
					return zero, nil, &Error{Key: slot, Msg: fmt.Sprintf("cannot be a distribution: the values of %s must sum to 1 in every run", k)}
				}
			}
			return zero, nil, &Error{Key: slot, Msg: "cannot be a distribution: it fixes the structure of the simulation, so give a single value"}
		}
		d, msg := parseDist(m)
		if msg != "" {
			return zero, nil, &Error{Key: slot, Msg: msg}
		}
		if msg := d.checkRange(n.Lo, n.Hi); msg != "" {
			return zero, nil, &Error{Key: slot, Msg: msg}
		}
		x := d.representative(n.Lo, n.Hi, kind == kindInt)
		if kind == kindInt {
			return reflect.ValueOf(int(x)), &d, nil
		}
		return reflect.ValueOf(x), &d, nil
	}
	switch kind {
	case kindFloat, kindInt:
		x, ok := toFloat(raw)
		if !ok {
			return zero, nil, typeError(slot, raw, wantKind(kind))
		}
		if !finite(x) {
			return zero, nil, &Error{Key: slot, Msg: fmt.Sprintf("= %v is not a finite number", x)}
		}
		if kind == kindInt && (x != math.Trunc(x) || math.Abs(x) > 1<<53) {
			return zero, nil, typeError(slot, raw, wantKind(kind))
		}
		if (n.Lo != nil && x < *n.Lo) || (n.Hi != nil && x > *n.Hi) {
			msg := fmt.Sprintf("= %s is out of range %s", formatFloat(x), formatRange(n.Lo, n.Hi))
			if n.Unit != "" {
				msg += " (" + n.Unit + ")"
			}
			return zero, nil, &Error{Key: slot, Msg: msg}
		}
		if kind == kindInt {
			return reflect.ValueOf(int(x)), nil, nil
		}
		return reflect.ValueOf(x), nil, nil
	case kindUint:
		i, ok := raw.(int64)
		if !ok || i < 0 {
			return zero, nil, typeError(slot, raw, wantKind(kind))
		}
		return reflect.ValueOf(uint64(i)), nil, nil
	case kindBool:
		b, ok := raw.(bool)
		if !ok {
			return zero, nil, typeError(slot, raw, wantKind(kind))
		}
		return reflect.ValueOf(b), nil, nil
	case kindString:
		s, ok := raw.(string)
		if !ok {
			return zero, nil, typeError(slot, raw, wantKind(kind))
		}
		if n.Enum != nil && !slices.Contains(n.Enum, s) {
			return zero, nil, &Error{Key: slot, Msg: fmt.Sprintf("%q is not allowed (want one of %s)%s", s, quoteList(n.Enum), didYouMean(s, n.Enum))}
		}
		return reflect.ValueOf(s), nil, nil
	case kindDate:
		d, ok := toDate(raw)
		if !ok {
			return zero, nil, typeError(slot, raw, wantKind(kind))
		}
		return reflect.ValueOf(d), nil, nil
	}
	panic("scenarios: convertScalar of kind " + kind)
}

// toFloat accepts TOML integers and floats.
func toFloat(v any) (float64, bool) {
	switch x := v.(type) {
	case int64:
		return float64(x), true
	case float64:
		return x, true
	}
	return 0, false
}

// finite reports whether x is a number other than NaN and ±Inf.
func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// toDate accepts a TOML local date (2019-07-01) or an ISO date string.
func toDate(v any) (sim.Date, bool) {
	switch x := v.(type) {
	case time.Time:
		if x.Hour() != 0 || x.Minute() != 0 || x.Second() != 0 || x.Nanosecond() != 0 {
			return 0, false
		}
		return sim.DateOf(x), true
	case string:
		d, err := sim.ParseDate(x)
		return d, err == nil
	}
	return 0, false
}

func typeError(key string, got any, want string) *Error {
	return &Error{Key: key, Msg: fmt.Sprintf("got %s, want %s", describe(got), want)}
}

// want describes the TOML a key takes.
func want(n *node) string {
	switch n.Kind {
	case kindFloatList:
		if n.Len > 0 {
			return fmt.Sprintf("an array of %d numbers", n.Len)
		}
		return "an array of numbers"
	case kindTableList:
		return fmt.Sprintf("an array of tables with %s", fieldNames(n))
	}
	return wantKind(n.Kind)
}

func wantKind(kind string) string {
	switch kind {
	case kindFloat:
		return "a number or a distribution"
	case kindInt:
		return "an integer or a distribution"
	case kindUint:
		return "a non-negative integer"
	case kindBool:
		return "true or false"
	case kindString:
		return "a string"
	case kindDate:
		return "a date such as 2019-07-01"
	}
	return kind
}

// describe names the type and value of a decoded TOML value for messages.
func describe(v any) string {
	switch x := v.(type) {
	case int64:
		return fmt.Sprintf("integer %d", x)
	case float64:
		return "float " + formatFloat(x)
	case string:
		return fmt.Sprintf("string %q", x)
	case bool:
		return fmt.Sprintf("boolean %v", x)
	case time.Time:
		if x.Location().String() == "date-local" {
			return "date " + x.Format("2006-01-02")
		}
		return "date-time " + x.Format(time.RFC3339)
	case []any, []map[string]any:
		return "an array"
	case map[string]any:
		return "a table"
	}
	return fmt.Sprintf("%T", v)
}

func quoteList(s []string) string {
	q := make([]string, len(s))
	for i, x := range s {
		q[i] = fmt.Sprintf("%q", x)
	}
	return strings.Join(q, ", ")
}

// deepCopy copies v, duplicating slices so that the copy shares no memory.
func deepCopy(v reflect.Value) reflect.Value {
	c := reflect.New(v.Type()).Elem()
	copyInto(c, v)
	return c
}

func copyInto(dst, src reflect.Value) {
	switch src.Kind() {
	case reflect.Slice:
		if src.IsNil() {
			return
		}
		s := reflect.MakeSlice(src.Type(), src.Len(), src.Len())
		for i := range src.Len() {
			copyInto(s.Index(i), src.Index(i))
		}
		dst.Set(s)
	case reflect.Struct:
		for i := range src.NumField() {
			copyInto(dst.Field(i), src.Field(i))
		}
	case reflect.Array:
		for i := range src.Len() {
			copyInto(dst.Index(i), src.Index(i))
		}
	default:
		dst.Set(src)
	}
}

// cloneParams returns a copy of p that shares no slices with it.
func cloneParams(p sim.Params) sim.Params {
	var c sim.Params
	copyInto(reflect.ValueOf(&c).Elem(), reflect.ValueOf(p))
	return c
}
