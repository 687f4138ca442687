package output

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// entries lists a directory's names.
func entries(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

func TestWriteDirRefusesExistingDir(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "out")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	var exists *ExistsError
	if err := CheckDir(dir, false); !errors.As(err, &exists) {
		t.Errorf("CheckDir on an existing dir: %v, want *ExistsError", err)
	}
	if err := testCollector().WriteDir(dir, false, testTiming); !errors.As(err, &exists) || exists.Dir != dir {
		t.Errorf("WriteDir on an existing dir: %v, want *ExistsError for %s", err, dir)
	}
	if got := entries(t, dir); len(got) != 0 {
		t.Errorf("refused WriteDir wrote %v", got)
	}
	if got := entries(t, parent); !slices.Equal(got, []string{"out"}) {
		t.Errorf("refused WriteDir left %v beside the output", got)
	}
}

func TestWriteDirForceReplaces(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "out")
	c := testCollector()
	if err := c.WriteDir(dir, false, testTiming); err != nil {
		t.Fatal(err)
	}
	stale := filepath.Join(dir, "stale.txt")
	if err := os.WriteFile(stale, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := CheckDir(dir, true); err != nil {
		t.Errorf("CheckDir with force on an earlier output dir: %v", err)
	}
	if err := c.WriteDir(dir, true, testTiming); err != nil {
		t.Fatalf("WriteDir with force: %v", err)
	}
	if _, err := os.Stat(stale); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("old directory's file survived the replacement: %v", err)
	}
	if got := entries(t, parent); !slices.Equal(got, []string{"out"}) {
		t.Errorf("parent holds %v after replacement, want only out (no temporary dirs)", got)
	}
	if got, want := entries(t, dir), slices.Sorted(slices.Values(outputNames)); !slices.Equal(got, want) {
		t.Errorf("replaced dir holds %v, want %v", got, want)
	}
}

func TestWriteDirForceSparesForeignDirs(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "home")
	precious := filepath.Join(dir, "thesis.tex")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(precious, []byte("years of work"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := testCollector().WriteDir(dir, true, testTiming); err == nil {
		t.Error("WriteDir with force replaced a directory that is not an output directory")
	}
	if _, err := os.Stat(precious); err != nil {
		t.Errorf("foreign file lost: %v", err)
	}
	file := filepath.Join(parent, "plain")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := CheckDir(file, true); err == nil {
		t.Error("CheckDir with force accepted a regular file")
	}
	// An empty directory (say, made by the user beforehand) may be replaced.
	empty := filepath.Join(parent, "empty")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := testCollector().WriteDir(empty, true, testTiming); err != nil {
		t.Errorf("WriteDir with force into an empty dir: %v", err)
	}
}

// A failure part-way through leaves neither a half-written output directory
// nor a temporary one, and leaves an existing output directory untouched.
func TestWriteDirFailureLeavesNothing(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "out")
	broken := []file{{name: "summary.json", data: []byte("{}\n")}, {name: "no/such/dir/runs.csv", data: []byte("x")}}
	if err := writeDir(dir, false, broken); err == nil {
		t.Fatal("writeDir succeeded writing into a missing subdirectory")
	}
	if got := entries(t, parent); len(got) != 0 {
		t.Errorf("failed write left %v", got)
	}

	if err := testCollector().WriteDir(dir, false, testTiming); err != nil {
		t.Fatal(err)
	}
	before := readFile(t, filepath.Join(dir, "summary.json"))
	if err := writeDir(dir, true, broken); err == nil {
		t.Fatal("forced writeDir succeeded writing into a missing subdirectory")
	}
	if got := entries(t, parent); !slices.Equal(got, []string{"out"}) {
		t.Errorf("failed forced write left %v", got)
	}
	if readFile(t, filepath.Join(dir, "summary.json")) != before {
		t.Error("failed forced write changed the existing outputs")
	}
}

func TestWriteDirUnwritableLocation(t *testing.T) {
	parent := t.TempDir()
	notADir := filepath.Join(parent, "file")
	if err := os.WriteFile(notADir, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := testCollector().WriteDir(filepath.Join(notADir, "out"), false, testTiming); err == nil {
		t.Error("WriteDir under a regular file succeeded")
	}
	if err := testCollector().WriteDir(filepath.Join(parent, "missing", "out"), false, testTiming); err == nil {
		t.Error("WriteDir under a missing parent succeeded")
	}
	if got := entries(t, parent); !slices.Equal(got, []string{"file"}) {
		t.Errorf("failed writes left %v", got)
	}
}

func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "x.txt")
	for _, content := range []string{"first", "second, longer"} {
		if err := WriteFileAtomic(path, []byte(content)); err != nil {
			t.Fatal(err)
		}
		if got := readFile(t, path); got != content {
			t.Errorf("file holds %q, want %q", got, content)
		}
	}
	if got := entries(t, dir); !slices.Equal(got, []string{"x.txt"}) {
		t.Errorf("directory holds %v, want only x.txt", got)
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o644 {
		t.Errorf("mode %v, %v; want 0644", fi.Mode(), err)
	}
	if err := WriteFileAtomic(filepath.Join(dir, "missing", "y.txt"), []byte("z")); err == nil {
		t.Error("WriteFileAtomic into a missing directory succeeded")
	}
	if err := os.Mkdir(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	// Renaming over a directory fails: the temporary file must not remain.
	if err := WriteFileAtomic(filepath.Join(dir, "sub"), []byte("z")); err == nil {
		t.Error("WriteFileAtomic over a directory succeeded")
	}
	if got := entries(t, dir); !slices.Equal(got, []string{"sub", "x.txt"}) {
		t.Errorf("directory holds %v after failures", got)
	}
}
