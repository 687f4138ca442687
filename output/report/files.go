package report

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
)

// source is the output directory a report is built from. Its readers name
// the file in every error, since the reader of a report must know which
// file to look at.
type source struct{ dir string }

func (s source) path(name string) string { return filepath.Join(s.dir, name) }

// has reports whether the directory holds the file name.
func (s source) has(name string) bool {
	fi, err := os.Stat(s.path(name))
	return err == nil && fi.Mode().IsRegular()
}

// readJSON decodes the JSON file name into v.
func (s source) readJSON(name string, v any) error {
	b, err := os.ReadFile(s.path(name))
	if err != nil {
		return missing(name, err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("%s: %w", s.path(name), err)
	}
	return nil
}

// missing words an error opening a file of the directory.
func missing(name string, err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%s is missing", name)
	}
	return err
}

// csvFile is a CSV file's header and the rows kept of it.
type csvFile struct {
	name string
	cols map[string]int
	rows [][]string
}

// readCSV reads the CSV file name, which must have the columns need, and
// keeps the rows keep accepts (every row when keep is nil): runs.csv of a
// large ensemble is far bigger than the few metrics a figure uses.
func (s source) readCSV(name string, need []string, keep func(r row) bool) (*csvFile, error) {
	f, err := os.Open(s.path(name))
	if err != nil {
		return nil, missing(name, err)
	}
	defer f.Close()
	cr := csv.NewReader(f)
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: reading the header: %w", s.path(name), err)
	}
	t := &csvFile{name: name, cols: map[string]int{}}
	for i, h := range header {
		t.cols[h] = i
	}
	for _, c := range need {
		if _, ok := t.cols[c]; !ok {
			return nil, fmt.Errorf("%s has no column %s (written by an older spsim? run the command again)", name, c)
		}
	}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", s.path(name), err)
		}
		if keep == nil || keep(row{t, rec}) {
			t.rows = append(t.rows, rec)
		}
	}
	return t, nil
}

// each calls fn for every kept row in file order.
func (t *csvFile) each(fn func(r row)) {
	for _, rec := range t.rows {
		fn(row{t, rec})
	}
}

// row is one record of a csvFile.
type row struct {
	t   *csvFile
	rec []string
}

// str is the row's value of column col ("" if the file has no such column).
func (r row) str(col string) string {
	i, ok := r.t.cols[col]
	if !ok || i >= len(r.rec) {
		return ""
	}
	return r.rec[i]
}

// num is the row's number in column col; ok is false for an empty or
// unreadable cell (the writers leave undefined values empty).
func (r row) num(col string) (v float64, ok bool) {
	v, err := strconv.ParseFloat(r.str(col), 64)
	return v, err == nil
}

// manifest is what the report shows of manifest.json: the fields every
// command writes, and the name of what was run under the key the command
// uses.
type manifest struct {
	Version    string `json:"version"`
	Scenario   string `json:"scenario"`
	Comparison string `json:"comparison"`
	Study      string `json:"study"`
	Source     string `json:"source"`
	Seed       uint64 `json:"seed"`
	Runs       int    `json:"runs"`
	Studies    int    `json:"studies"`
	Schema     int    `json:"schema_version"`
	Hash       string `json:"scenario_sha256"`
}
