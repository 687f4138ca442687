package main

import (
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"spsim/scenarios"
)

var update = flag.Bool("update", false, "rewrite the .want files of the bad-input corpus (testdata/bad) from what spsim prints")

// corpusMemory is the memory available to the bad-input corpus's runs, so
// that the memory-* cases are refused, and say so, the same way on every
// machine (as are their workers).
const corpusMemory = 8 << 30

// TestBadInput runs every file of the bad-input corpus, testdata/bad at the
// top of the repository, through the command that reads it: scenario/*.toml
// through spsim run (and spsim validate), study/*.toml through spsim power,
// comparison/*.toml through spsim compare. Each must exit with code 2,
// print on stderr exactly its NAME.want file (the corpus directory written
// $DIR), name the file at fault and its line or key, and leave no output
// directory. 'go test ./cmd/spsim -run TestBadInput -update' rewrites the
// .want files; read the diff before committing it.
func TestBadInput(t *testing.T) {
	dir, err := filepath.Abs(filepath.Join("..", "..", "testdata", "bad"))
	if err != nil {
		t.Fatal(err)
	}
	commands := map[string]string{"scenario": "run", "study": "power", "comparison": "compare"}
	n := 0
	for _, kind := range []string{"scenario", "study", "comparison"} {
		files, err := filepath.Glob(filepath.Join(dir, kind, "*.toml"))
		if err != nil {
			t.Fatal(err)
		}
		for _, file := range files {
			n++
			name := kind + "/" + filepath.Base(file)
			t.Run(name, func(t *testing.T) {
				out := filepath.Join(t.TempDir(), "out")
				r := corpusRun(commands[kind], file, "--out", out, "--workers", "2", "--quiet")
				got := strings.ReplaceAll(r.stderr, dir, "$DIR")
				wantFile := strings.TrimSuffix(file, ".toml") + ".want"
				if *update {
					if err := os.WriteFile(wantFile, []byte(got), 0o666); err != nil {
						t.Fatal(err)
					}
				}
				want, err := os.ReadFile(wantFile)
				if err != nil {
					t.Fatalf("no expected error: %v (run with -update to write it)", err)
				}
				if r.code != exitUsage {
					t.Errorf("exit code %d, want %d", r.code, exitUsage)
				}
				if got != string(want) {
					t.Errorf("stderr:\n%s\nwant (%s):\n%s", got, filepath.Base(wantFile), want)
				}
				if r.stdout != "" {
					t.Errorf("stdout: %s", r.stdout)
				}
				if _, err := os.Stat(out); !os.IsNotExist(err) {
					t.Errorf("the output directory %s was left behind (stat: %v)", out, err)
				}
				checkNamesPlace(t, name, got)
				// validate reads a scenario as run does, without the run's
				// memory check.
				if kind == "scenario" && !strings.HasPrefix(name, "scenario/memory-") {
					v := corpusRun("validate", file)
					if g := strings.ReplaceAll(v.stderr, dir, "$DIR"); v.code != exitUsage || g != got {
						t.Errorf("spsim validate: exit code %d, stderr:\n%s\nwant the run's:\n%s", v.code, g, got)
					}
				}
			})
		}
	}
	if n < 30 {
		t.Errorf("the corpus has %d files, want at least 30", n)
	}
}

// corpusRun runs spsim in-process with the corpus's memory.
func corpusRun(args ...string) result { return spsimWithMemory(corpusMemory, args...) }

// wholeFile lists the corpus files whose problem is the whole file, with
// no line or key to point at.
var wholeFile = []string{
	"scenario/empty.toml", "scenario/comments-only.toml", "scenario/csv-empty.toml", "scenario/csv-header-only.toml",
}

// placeRE splits an error into the file at fault, its line if given, and
// the rest: "spsim: $DIR/scenario/x.toml:5: rest".
var placeRE = regexp.MustCompile(`(?s)^spsim: \$DIR/(\S+?\.(?:toml|csv))(?::(\d+))?: (.*)`)

// checkNamesPlace checks that the error for corpus file name names that
// file (or a CSV it reads) and a line or a key.
func checkNamesPlace(t *testing.T, name, stderr string) {
	t.Helper()
	m := placeRE.FindStringSubmatch(stderr)
	if m == nil {
		t.Errorf("the error does not start with the file at fault: %s", stderr)
		return
	}
	file, line, rest := m[1], m[2], m[3]
	kind, _, _ := strings.Cut(name, "/")
	if file != name && !(strings.HasPrefix(file, kind+"/csv/") && strings.HasSuffix(file, ".csv")) {
		t.Errorf("the error names %s, not %s or a CSV it reads", file, name)
	}
	if line != "" || slices.Contains(wholeFile, name) {
		return
	}
	if !namesKey(rest) {
		t.Errorf("the error names neither a line nor a key: %s", stderr)
	}
}

// namesKey reports whether an error message names a key: a dotted key of
// a scenario or study anywhere, or "key:" or "key =" first (CSV columns,
// comparison keys).
func namesKey(msg string) bool {
	var keys []string
	for _, p := range scenarios.Dictionary() {
		keys = append(keys, p.Key)
	}
	for _, k := range scenarios.StudyKeys {
		keys = append(keys, k.Key)
	}
	for _, k := range keys {
		if strings.Contains(k, ".") && strings.Contains(msg, k) {
			return true
		}
	}
	return regexp.MustCompile(`^(column \w+|[a-z_]+(\.[a-z_]+)*)( =|:) `).MatchString(msg)
}
