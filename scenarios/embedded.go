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

// Info names an embedded scenario.
type Info struct {
	Name        string
	Description string
}

// embeddedInfo is read once from the embedded files.
var embeddedInfo = sync.OnceValue(func() []Info { return listEmbedded(embeddedFS, "embedded") })

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
func Embedded() []Info { return append([]Info(nil), embeddedInfo()...) }

// DefaultName is the embedded scenario used when none is named.
const DefaultName = "pcn-typical"

// Source returns the TOML of the embedded scenario name, for users to read
// and copy (spsim show).
func Source(name string) ([]byte, error) {
	for _, in := range embeddedInfo() {
		if in.Name == name {
			return embeddedFS.ReadFile("embedded/" + name + ".toml")
		}
	}
	names := embeddedNames()
	return nil, &Error{Msg: fmt.Sprintf("no embedded scenario %q (have %s)%s", name, strings.Join(names, ", "), didYouMean(name, names))}
}

func embeddedNames() []string { return names(embeddedInfo()) }

// names returns the names of infos.
func names(infos []Info) []string {
	var out []string
	for _, in := range infos {
		out = append(out, in.Name)
	}
	return out
}
