package scenarios

import (
	"embed"
	"fmt"
	"path"
	"sort"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"
)

// embeddedFS holds the scenarios shipped in the binary and the CSVs they use.
//
//go:embed embedded/*.toml embedded/*.csv
var embeddedFS embed.FS

// Info names an embedded scenario, comparison or study.
type Info struct {
	Name        string
	Description string
}

// shelf is one kind of file shipped in the binary (scenarios, comparisons,
// studies): the TOML files of one directory of an embedded FS, listed once.
type shelf struct {
	kind  string
	fsys  embed.FS
	dir   string
	infos func() []Info
}

func newShelf(kind string, fsys embed.FS, dir string) *shelf {
	return &shelf{kind: kind, fsys: fsys, dir: dir, infos: sync.OnceValue(func() []Info { return listEmbedded(fsys, dir) })}
}

// list returns a copy of the shelf's Infos, sorted by name.
func (s *shelf) list() []Info { return append([]Info(nil), s.infos()...) }

func (s *shelf) names() []string { return names(s.infos()) }

// source returns the TOML of the embedded file name.
func (s *shelf) source(name string) ([]byte, error) {
	for _, in := range s.infos() {
		if in.Name == name {
			return s.fsys.ReadFile(path.Join(s.dir, name+".toml"))
		}
	}
	have := s.names()
	return nil, &Error{Msg: fmt.Sprintf("no embedded %s %q (have %s)%s", s.kind, name, strings.Join(have, ", "), didYouMean(name, have))}
}

// open finds nameOrPath, one of the shelf's names or a path, and reads it.
func (s *shelf) open(nameOrPath string) (origin, []byte, error) {
	return openNamed(nameOrPath, s.kind, s.source, s.names)
}

var scenarioShelf = newShelf("scenario", embeddedFS, "embedded")

// listEmbedded reads the name and description of every TOML file in dir of
// fsys, sorted by name.
func listEmbedded(fsys embed.FS, dir string) []Info {
	entries, err := fsys.ReadDir(dir)
	if err != nil {
		panic(err)
	}
	var out []Info
	for _, e := range entries {
		name, ok := strings.CutSuffix(e.Name(), ".toml")
		if !ok {
			continue
		}
		src, err := fsys.ReadFile(path.Join(dir, e.Name()))
		if err != nil {
			panic(err)
		}
		var head struct{ Description string }
		if _, err := toml.Decode(string(src), &head); err != nil {
			panic(fmt.Sprintf("scenarios: embedded %s: %v", e.Name(), err))
		}
		out = append(out, Info{Name: name, Description: head.Description})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Embedded lists the scenarios built into spsim, sorted by name.
func Embedded() []Info { return scenarioShelf.list() }

// DefaultName is the embedded scenario used when none is named.
const DefaultName = "pcn-typical"

// Source returns the TOML of the embedded scenario name, for users to read
// and copy (spsim show).
func Source(name string) ([]byte, error) { return scenarioShelf.source(name) }

// names returns the names of infos.
func names(infos []Info) []string {
	var out []string
	for _, in := range infos {
		out = append(out, in.Name)
	}
	return out
}
