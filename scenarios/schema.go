package scenarios

import (
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"

	"spsim/sim"
)

// Param describes one scenario key, as read from the struct tags of
// [sim.Params].
type Param struct {
	// Key is the dotted key, such as "link_workers.turnover_annual". Fields of
	// the elements of a list of tables are named "rollout.phases[].share";
	// they are set through their list, not on their own.
	Key string
	// Kind is one of "float", "int", "uint", "bool", "string", "date",
	// "float list" or "table list".
	Kind    string
	Unit    string
	Default string   // TOML text of the default; "" for fields of list elements
	Lo, Hi  *float64 // inclusive bounds of a number or of each list element; nil if unbounded
	Enum    []string // allowed values of a string; nil if any
	Len     int      // required length of a list; 0 if any
	Source  string
	Doc     string
	NoDist  bool // cannot be given as a distribution
}

// Kinds of parameter.
const (
	kindFloat     = "float"
	kindInt       = "int"
	kindUint      = "uint"
	kindBool      = "bool"
	kindString    = "string"
	kindDate      = "date"
	kindFloatList = "float list"
	kindTableList = "table list"
)

// numeric reports whether a parameter of this kind (or its elements) can be
// given as a distribution.
func (p *Param) numeric() bool {
	return p.Kind == kindFloat || p.Kind == kindInt || p.Kind == kindFloatList
}

// node is a Param with what reflection needs to get and set it.
type node struct {
	Param
	index    []int        // field index path (from sim.Params, or within the list element for children)
	typ      reflect.Type // Go type of the field
	children []*node      // fields of a list-of-tables element, in struct order
	leaf     string       // last part of the key (the TOML name of the field)
}

// get returns the field of n in the struct v (a sim.Params or a list element).
func (n *node) get(v reflect.Value) reflect.Value { return v.FieldByIndex(n.index) }

// schema is the parameter table built from sim.Params.
type schema struct {
	nodes  []*node          // settable keys, in dictionary (struct) order
	byKey  map[string]*node // settable keys
	order  map[string]int   // dictionary position of each settable key
	tables []string         // table names, such as "needs" and "needs.low_mood"
	params []Param          // the dictionary: nodes with list-element fields after their list
}

var dateType = reflect.TypeFor[sim.Date]()

// theSchema is built once from the struct tags; it is read-only afterwards.
var theSchema = sync.OnceValue(func() *schema {
	s := &schema{byKey: map[string]*node{}, order: map[string]int{}}
	def := reflect.ValueOf(sim.DefaultParams())
	s.walk(reflect.TypeFor[sim.Params](), nil, "", def)
	for i, n := range s.nodes {
		s.order[n.Key] = i
	}
	return s
})

// walk adds the fields of struct type t (reached by index path idx from
// sim.Params, with key prefix prefix) to the schema.
func (s *schema) walk(t reflect.Type, idx []int, prefix string, def reflect.Value) {
	for i := range t.NumField() {
		f := t.Field(i)
		name := f.Tag.Get("toml")
		if name == "" || !f.IsExported() {
			continue
		}
		key := prefix + name
		path := append(slices.Clip(idx), i)
		if f.Type.Kind() == reflect.Struct && f.Type != dateType {
			s.tables = append(s.tables, key)
			s.walk(f.Type, path, key+".", def.Field(i))
			continue
		}
		n := newNode(f, key, path)
		if n.Kind == kindTableList {
			et := f.Type.Elem()
			for j := range et.NumField() {
				ef := et.Field(j)
				if en := ef.Tag.Get("toml"); en != "" {
					c := newNode(ef, key+"[]."+en, []int{j})
					n.children = append(n.children, c)
				}
			}
		}
		n.Default = formatValue(n, def.Field(i), key, nil)
		s.nodes = append(s.nodes, n)
		s.byKey[key] = n
		s.params = append(s.params, n.Param)
		for _, c := range n.children {
			s.params = append(s.params, c.Param)
		}
	}
}

// newNode reads the tags of field f.
func newNode(f reflect.StructField, key string, idx []int) *node {
	n := &node{index: idx, typ: f.Type, leaf: f.Tag.Get("toml")}
	n.Key = key
	n.Unit = f.Tag.Get("unit")
	n.Source = f.Tag.Get("src")
	n.Doc = f.Tag.Get("doc")
	n.NoDist = f.Tag.Get("nodist") == "true"
	switch {
	case f.Type == dateType:
		n.Kind = kindDate
	case f.Type.Kind() == reflect.Float64:
		n.Kind = kindFloat
	case f.Type.Kind() == reflect.Int:
		n.Kind = kindInt
	case f.Type.Kind() == reflect.Uint64:
		n.Kind = kindUint
	case f.Type.Kind() == reflect.Bool:
		n.Kind = kindBool
	case f.Type.Kind() == reflect.String:
		n.Kind = kindString
	case f.Type.Kind() == reflect.Slice && f.Type.Elem().Kind() == reflect.Float64:
		n.Kind = kindFloatList
	case f.Type.Kind() == reflect.Slice && f.Type.Elem().Kind() == reflect.Struct:
		n.Kind = kindTableList
	default:
		panic("scenarios: unsupported parameter type " + f.Type.String() + " for " + key)
	}
	if r := f.Tag.Get("range"); r != "" {
		lo, hi, ok := strings.Cut(r, ",")
		l, err1 := strconv.ParseFloat(strings.TrimSpace(lo), 64)
		h, err2 := strconv.ParseFloat(strings.TrimSpace(hi), 64)
		if !ok || err1 != nil || err2 != nil {
			panic("scenarios: bad range tag " + r + " on " + key)
		}
		n.Lo, n.Hi = &l, &h
	}
	if e := f.Tag.Get("enum"); e != "" {
		n.Enum = strings.Split(e, ",")
	}
	if l := f.Tag.Get("len"); l != "" {
		v, err := strconv.Atoi(l)
		if err != nil {
			panic("scenarios: bad len tag " + l + " on " + key)
		}
		n.Len = v
	}
	return n
}

// child returns the field of a list-of-tables element with TOML name leaf.
func (n *node) child(leaf string) *node {
	for _, c := range n.children {
		if c.leaf == leaf {
			return c
		}
	}
	return nil
}

// isTable reports whether key names a table (a group of keys).
func (s *schema) isTable(key string) bool { return slices.Contains(s.tables, key) }

// candidates lists what a mistyped key under parent might have meant: the
// keys and tables directly under parent if parent is a table, else every key
// and table.
func (s *schema) candidates(key string) []string {
	var all []string
	for _, n := range s.nodes {
		all = append(all, n.Key)
	}
	all = append(all, s.tables...)
	parent := ""
	if i := strings.LastIndexByte(key, '.'); i >= 0 {
		parent = key[:i]
	}
	if parent == "" || !s.isTable(parent) {
		return append(all, "name", "description", "comparator")
	}
	var near []string
	for _, c := range all {
		if strings.HasPrefix(c, parent+".") && !strings.Contains(c[len(parent)+1:], ".") {
			near = append(near, c)
		}
	}
	return near
}
