package output

import (
	"bytes"
	"encoding/csv"
	"strconv"
)

// column documents one CSV column; the same list writes the header and the
// output dictionary, so the two cannot drift apart.
type column struct {
	name string
	doc  string
}

// table accumulates a CSV file in memory.
type table struct {
	buf bytes.Buffer
	w   *csv.Writer
}

func newTable(cols []column) *table {
	t := &table{}
	t.w = csv.NewWriter(&t.buf) // "\n" line ends on every platform
	header := make([]string, len(cols))
	for i, c := range cols {
		header[i] = c.name
	}
	t.row(header...)
	return t
}

// row appends one record. csv.Writer only fails on its io.Writer, and a
// bytes.Buffer does not fail, so errors surface (if ever) in bytes.
func (t *table) row(fields ...string) { _ = t.w.Write(fields) }

func (t *table) bytes() ([]byte, error) {
	t.w.Flush()
	return t.buf.Bytes(), t.w.Error()
}

// num formats a number in its shortest exact form, the same on every platform.
func num(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// optNum formats v, or an empty field when v is undefined.
func optNum(v float64, ok bool) string {
	if !ok {
		return ""
	}
	return num(v)
}
