package scenarios

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"spsim/sim"
)

// csvColumns are the columns of a practices CSV; go_live is optional.
var csvColumns = []string{"pcn", "practice", "list_size", "imd_q1", "imd_q2", "imd_q3", "imd_q4", "imd_q5", "go_live"}

// readPCNs reads the practices CSV named by pcns.csv. A relative path is
// resolved against the scenario file's directory, or within spsim's
// embedded files for an embedded scenario, or against the working directory
// when it was given by --set. It returns the reference to record in the
// resolved scenario: an absolute path, or "embedded:NAME".
func readPCNs(o origin, ref string, fromSet bool) (string, []sim.PCNSpec, error) {
	name, isEmb := strings.CutPrefix(ref, "embedded:")
	if !isEmb && o.embedded && !fromSet && !filepath.IsAbs(ref) {
		isEmb = true
	}
	if isEmb {
		data, err := embeddedFS.ReadFile("embedded/" + name)
		if err != nil {
			return "", nil, &Error{Key: "pcns.csv", Msg: fmt.Sprintf("no embedded CSV %q", name)}
		}
		pcns, err := ParsePCNs("embedded:"+name, data)
		return "embedded:" + name, pcns, err
	}
	path := ref
	if !filepath.IsAbs(path) && !fromSet && o.dir != "" {
		path = filepath.Join(o.dir, path)
	}
	path, err := filepath.Abs(path)
	if err != nil {
		return "", nil, &Error{Key: "pcns.csv", Msg: err.Error()}
	}
	data, err := readFile(path)
	if err != nil {
		return "", nil, &Error{Key: "pcns.csv", Msg: fmt.Sprintf("cannot read the practices CSV: %v", err)}
	}
	pcns, err := ParsePCNs(path, data)
	return path, pcns, err
}

// ParsePCNs reads a practices CSV with columns pcn, practice, list_size and
// imd_q1 to imd_q5 (share of the list in each IMD quintile, 1 most
// deprived), and optionally go_live (YYYY-MM-DD, the PCN's go-live date).
// Rows are grouped by pcn, in order of first appearance. Shares must sum to
// 1 within 0.01 and are then normalised. Errors (*Error) name the file
// (name), line and column.
func ParsePCNs(name string, data []byte) ([]sim.PCNSpec, error) {
	data = bytes.TrimPrefix(data, []byte("\ufeff")) // spreadsheets save "CSV UTF-8" with a byte-order mark
	if i := notText(data); i >= 0 {
		return nil, &Error{File: name, Line: 1 + bytes.Count(data[:i], []byte("\n")),
			Msg: fmt.Sprintf("byte 0x%02x is not UTF-8 text: is this a CSV file? Save it as CSV (UTF-8)", data[i])}
	}
	maxList := *theSchema().byKey["pcns.registered"].Hi
	r := csv.NewReader(bytes.NewReader(data))
	r.Comment = '#'
	r.TrimLeadingSpace = true
	header, err := r.Read()
	if err == io.EOF {
		return nil, &Error{File: name, Msg: "empty CSV file; want a header row " + strings.Join(csvColumns, ",")}
	}
	if err != nil {
		return nil, csvError(name, err)
	}
	col := map[string]int{}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(h))
		if !slices.Contains(csvColumns, h) {
			return nil, &Error{File: name, Line: 1, Key: "column " + strconv.Itoa(i+1), Msg: fmt.Sprintf("unknown column %q (want %s)%s", h, strings.Join(csvColumns, ", "), didYouMean(h, csvColumns))}
		}
		if _, dup := col[h]; dup {
			return nil, &Error{File: name, Line: 1, Key: "column " + h, Msg: "appears twice"}
		}
		col[h] = i
	}
	for _, c := range csvColumns[:8] {
		if _, ok := col[c]; !ok {
			return nil, &Error{File: name, Line: 1, Key: "column " + c, Msg: "missing (want columns " + strings.Join(csvColumns[:8], ", ") + ", and optionally go_live)"}
		}
	}

	var pcns []sim.PCNSpec
	index := map[string]int{}      // PCN name -> index in pcns
	seen := map[[2]string]int{}    // (pcn, practice) -> line
	goLiveLine := map[string]int{} // PCN -> line its go_live came from
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if errors.Is(err, csv.ErrFieldCount) {
			line, _ := r.FieldPos(0)
			return nil, &Error{File: name, Line: line, Msg: fmt.Sprintf("%d fields, but the header has %d columns (%s)", len(rec), len(header), strings.Join(header, ","))}
		}
		if err != nil {
			return nil, csvError(name, err)
		}
		line, _ := r.FieldPos(0)
		at := func(c string, format string, args ...any) error {
			return &Error{File: name, Line: line, Key: "column " + c, Msg: fmt.Sprintf(format, args...)}
		}
		field := func(c string) string { return strings.TrimSpace(rec[col[c]]) }
		pcn, practice := field("pcn"), field("practice")
		if pcn == "" {
			return nil, at("pcn", "empty")
		}
		if practice == "" {
			return nil, at("practice", "empty")
		}
		if first, dup := seen[[2]string{pcn, practice}]; dup {
			return nil, at("practice", "practice %q of PCN %q appears twice (first on line %d)", practice, pcn, first)
		}
		seen[[2]string{pcn, practice}] = line
		number := func(c string) (float64, error) {
			x, err := strconv.ParseFloat(field(c), 64)
			if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
				return 0, at(c, "%q is not a number", field(c))
			}
			return x, nil
		}
		size, err := number("list_size")
		if err != nil {
			return nil, err
		}
		if size <= 0 {
			return nil, at("list_size", "%s: a list size must be positive", field("list_size"))
		}
		if size > maxList {
			return nil, at("list_size", "%s is more than %s, the largest PCN list spsim simulates (the range of pcns.registered)", field("list_size"), formatFloat(maxList))
		}
		ps := sim.PracticeSpec{Name: practice, ListSize: size}
		var sum float64
		for q := range ps.IMD {
			c := fmt.Sprintf("imd_q%d", q+1)
			x, err := number(c)
			if err != nil {
				return nil, err
			}
			if x < 0 || x > 1 {
				return nil, at(c, "%s is not a share in [0, 1]", field(c))
			}
			ps.IMD[q] = x
			sum += x
		}
		if math.Abs(sum-1) > 0.01 {
			return nil, at("imd_q1", "IMD shares imd_q1..imd_q5 sum to %.4g, want 1 (within 0.01)", sum)
		}
		for q := range ps.IMD {
			ps.IMD[q] /= sum
		}
		i, ok := index[pcn]
		if !ok {
			i = len(pcns)
			index[pcn] = i
			pcns = append(pcns, sim.PCNSpec{Name: pcn})
		}
		if c, ok := col["go_live"]; ok && strings.TrimSpace(rec[c]) != "" {
			d, err := sim.ParseDate(strings.TrimSpace(rec[c]))
			if err != nil {
				return nil, at("go_live", "%q is not a date (want YYYY-MM-DD)", rec[c])
			}
			if pcns[i].GoLive != 0 && pcns[i].GoLive != d {
				return nil, at("go_live", "PCN %q goes live on %s here but on %s on line %d", pcn, d, pcns[i].GoLive, goLiveLine[pcn])
			}
			pcns[i].GoLive = d
			goLiveLine[pcn] = line
		}
		pcns[i].Practices = append(pcns[i].Practices, ps)
		if n := pcns[i].Registered(); n > maxList {
			return nil, at("list_size", "PCN %q has %s registered with this practice, more than %s, the largest PCN list spsim simulates (the range of pcns.registered)", pcn, formatFloat(n), formatFloat(maxList))
		}
	}
	if len(pcns) == 0 {
		return nil, &Error{File: name, Msg: "no practices (the CSV has a header but no rows)"}
	}
	return pcns, nil
}

// csvError converts an encoding/csv error to an *Error with its line.
func csvError(name string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &Error{File: name, Line: pe.Line, Msg: pe.Err.Error()}
	}
	return &Error{File: name, Msg: err.Error()}
}

// notText returns the offset of the first byte of data that is not UTF-8
// text (invalid UTF-8, or a NUL byte as in binary files and UTF-16), or -1.
func notText(data []byte) int {
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == 0 || (r == utf8.RuneError && n <= 1) {
			return i
		}
		i += n
	}
	return -1
}
