package output

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/gob"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// A part file holds a job's results saved one at a time as they complete:
// an ensemble's runs, a comparison's option runs, or a power run's batches
// of studies. An interrupted job keeps it and resumes from it; a job split
// into shards leaves one per shard, and merging them gives exactly the
// outputs one process would have written.
//
// The format: the line "spsim part 1", the PartHeader as one line of JSON,
// then one frame per record: the payload's length (uint32, little-endian),
// its CRC-32C (the same), and the payload, one gob-encoded record. Frames
// are appended with one write each and never rewritten, so a process killed
// at any moment leaves whole frames followed by at most one incomplete one,
// which reading ignores and resuming cuts off.
const partMagic = "spsim part 1\n"

// PartFile is the part's name in a shard's output directory.
const PartFile = "part.spsim"

// PartHeader says which job a part belongs to and which of its units (runs,
// or batches of studies) the part holds.
type PartHeader struct {
	Kind    string   `json:"kind"`    // "run", "compare" or "power"
	Name    string   `json:"name"`    // the scenario, comparison or study
	Source  string   `json:"source"`  // as given on the command line (what the outputs show)
	Path    string   `json:"path"`    // where merge loads it from: "embedded:NAME" or an absolute path
	Sets    []string `json:"sets"`    // --set overrides, in order
	Hash    string   `json:"hash"`    // SHA-256 of the loaded input (scenarios' Hash methods)
	Seed    uint64   `json:"seed"`    // ensemble or study seed
	Version string   `json:"version"` // spsim version
	Units   int      `json:"units"`   // the whole job's units: runs (per option for compare) or batches (power)
	Shard   int      `json:"shard"`   // this part is shard Shard of Shards (0 of 1 if not sharded)
	Shards  int      `json:"shards"`
	First   int      `json:"first"` // the part's units are First, First+1, ..., First+Count-1
	Count   int      `json:"count"`
	Command string   `json:"command"` // the command line (not compared)
}

func partHeaderFields() []column {
	return []column{
		{"kind", "`run`, `compare` or `power`"},
		{"name", "the scenario, comparison or study"},
		{"source", "the scenario, comparison or study as given on the command line"},
		{"path", "where merge loads it from: `embedded:NAME` or an absolute path"},
		{"sets", "the --set overrides, in order"},
		{"hash", "SHA-256 of the loaded scenario, comparison or study; parts must share it"},
		{"seed", "the ensemble or study seed"},
		{"version", "spsim version; parts must share it"},
		{"units", "the whole job's units: runs (per option for compare) or batches of studies (power)"},
		{"shard", "this part is shard `shard` of `shards` (0 of 1 when not sharded)"},
		{"shards", "the number of shards"},
		{"first", "the part's first unit"},
		{"count", "the number of units the part holds when complete"},
		{"command", "the command line that made the part"},
	}
}

// Job describes the header's job: what must match for two parts to
// belong together.
func (h PartHeader) job() PartHeader {
	h.Shard, h.First, h.Count, h.Command = 0, 0, 0, ""
	return h
}

// ShardRange returns the units shard i of n holds out of units: a
// contiguous block, the blocks in shard order covering all units once.
func ShardRange(units, i, n int) (first, count int) {
	first = i * units / n
	return first, (i+1)*units/n - first
}

// Mismatch describes how two headers' jobs differ (empty: they do not).
func (h PartHeader) Mismatch(o PartHeader) string {
	a, b := h.job(), o.job()
	var diffs []string
	add := func(what string, x, y any) {
		if fmt.Sprint(x) != fmt.Sprint(y) {
			diffs = append(diffs, fmt.Sprintf("%s %v, not %v", what, x, y))
		}
	}
	add("kind", a.Kind, b.Kind)
	add("name", a.Name, b.Name)
	add("hash", short(a.Hash), short(b.Hash))
	add("seed", a.Seed, b.Seed)
	add("spsim version", a.Version, b.Version)
	add("total units", a.Units, b.Units)
	add("shards", a.Shards, b.Shards)
	return strings.Join(diffs, "; ")
}

func short(hash string) string {
	if len(hash) > 12 {
		return hash[:12]
	}
	return hash
}

// PartWriter appends records to a part file.
type PartWriter struct {
	f    *os.File
	path string
	buf  bytes.Buffer
}

// CreatePart starts a new part file at path (which must not exist) with
// header h. The header is written under a temporary name first, so that
// path, once it exists, always has its header.
func CreatePart(path string, h PartHeader) (w *PartWriter, err error) {
	head, err := json.Marshal(h)
	if err != nil {
		return nil, err
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".tmp-")
	if err != nil {
		return nil, err
	}
	tmp := f.Name()
	defer func() {
		os.Remove(tmp)
		if err != nil {
			f.Close()
		}
	}()
	if _, err := lockFile(f); err != nil {
		return nil, fmt.Errorf("locking %s: %w", path, err)
	}
	if _, err := f.Write(append(append([]byte(partMagic), head...), '\n')); err != nil {
		return nil, fmt.Errorf("writing %s: %w", path, err)
	}
	if err := f.Chmod(0o644); err != nil {
		return nil, err
	}
	// Link, unlike rename, fails if path exists: a part file is never replaced.
	if err := os.Link(tmp, path); err != nil {
		return nil, err
	}
	return &PartWriter{f: f, path: path}, nil
}

// ResumePart reopens the part file at path to append to it, after checking
// that it belongs to the job and units of h; it returns the records it
// holds. An incomplete last record (from a process killed while writing)
// is cut off.
func ResumePart[T any](path string, h PartHeader) (*PartWriter, []T, error) {
	got, recs, end, err := readPart[T](path)
	if err != nil {
		return nil, nil, err
	}
	if d := got.Mismatch(h); d != "" || got.Shard != h.Shard || got.First != h.First || got.Count != h.Count {
		if d == "" {
			d = fmt.Sprintf("it holds shard %d/%d, not %d/%d", got.Shard, got.Shards, h.Shard, h.Shards)
		}
		return nil, nil, fmt.Errorf("%s is from another job (%s): delete it to start afresh, or give another --out", path, d)
	}
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return nil, nil, err
	}
	if ok, err := lockFile(f); !ok {
		f.Close()
		if err != nil {
			return nil, nil, fmt.Errorf("locking %s: %w", path, err)
		}
		return nil, nil, fmt.Errorf("another spsim process is writing %s (only one may resume a job at a time)", path)
	}
	if err := f.Truncate(end); err != nil {
		f.Close()
		return nil, nil, fmt.Errorf("cutting the incomplete last record off %s: %w", path, err)
	}
	if _, err := f.Seek(end, io.SeekStart); err != nil {
		f.Close()
		return nil, nil, err
	}
	return &PartWriter{f: f, path: path}, recs, nil
}

// Append saves one record: it is on disk (in the system's cache, so it
// survives the process being killed) when Append returns.
func (w *PartWriter) Append(rec any) error {
	w.buf.Reset()
	w.buf.Write(make([]byte, 8)) // the frame's length and CRC, filled in below
	if err := gob.NewEncoder(&w.buf).Encode(rec); err != nil {
		return fmt.Errorf("encoding a record for %s: %w", w.path, err)
	}
	b := w.buf.Bytes()
	payload := b[8:]
	binary.LittleEndian.PutUint32(b[0:], uint32(len(payload)))
	binary.LittleEndian.PutUint32(b[4:], crc32.Checksum(payload, castagnoli))
	if _, err := w.f.Write(b); err != nil {
		return fmt.Errorf("saving a record to %s: %w", w.path, err)
	}
	return nil
}

// Close syncs the part file to disk and closes it.
func (w *PartWriter) Close() error {
	err := w.f.Sync()
	if cerr := w.f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("closing %s: %w", w.path, err)
	}
	return nil
}

// Path is the part file's path.
func (w *PartWriter) Path() string { return w.path }

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// ReadPart reads the part file at path: its header and its complete records.
func ReadPart[T any](path string) (PartHeader, []T, error) {
	h, recs, _, err := readPart[T](path)
	return h, recs, err
}

// ReadPartHeader reads only the header of the part file at path.
func ReadPartHeader(path string) (PartHeader, error) {
	f, err := os.Open(path)
	if err != nil {
		return PartHeader{}, err
	}
	defer f.Close()
	h, _, err := readPartHeader(bufio.NewReader(f), path)
	return h, err
}

func readPartHeader(r *bufio.Reader, path string) (PartHeader, int64, error) {
	var h PartHeader
	magic := make([]byte, len(partMagic))
	if _, err := io.ReadFull(r, magic); err != nil || string(magic) != partMagic {
		return h, 0, fmt.Errorf("%s is not an spsim part file (it does not start with %q)", path, strings.TrimSpace(partMagic))
	}
	line, err := r.ReadBytes('\n')
	if err != nil {
		return h, 0, fmt.Errorf("%s: the header is incomplete", path)
	}
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&h); err != nil {
		return h, 0, fmt.Errorf("%s: reading the header: %v", path, err)
	}
	if h.Shards < 1 || h.Shard < 0 || h.Shard >= h.Shards || h.First < 0 || h.Count < 0 || h.First+h.Count > h.Units {
		return h, 0, fmt.Errorf("%s: the header is inconsistent (shard %d/%d, units %d-%d of %d)", path, h.Shard, h.Shards, h.First, h.First+h.Count-1, h.Units)
	}
	return h, int64(len(partMagic) + len(line)), nil
}

// readPart reads a part file's header and complete records, and returns the
// offset just past the last complete record.
func readPart[T any](path string) (PartHeader, []T, int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return PartHeader{}, nil, 0, err
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 1<<16)
	h, end, err := readPartHeader(r, path)
	if err != nil {
		return h, nil, 0, err
	}
	fi, err := f.Stat()
	if err != nil {
		return h, nil, 0, err
	}
	var recs []T
	var frame [8]byte
	var payload []byte
	for {
		if _, err := io.ReadFull(r, frame[:]); err != nil {
			break // end of file, or an incomplete frame header
		}
		n := int64(binary.LittleEndian.Uint32(frame[0:]))
		left := fi.Size() - end - 8
		if n == 0 || n > left {
			break // a frame cut short (or a zero-filled tail): the end of what was saved
		}
		payload = slices.Grow(payload[:0], int(n))[:n]
		if _, err := io.ReadFull(r, payload); err != nil {
			break
		}
		if crc32.Checksum(payload, castagnoli) != binary.LittleEndian.Uint32(frame[4:]) {
			if n == left {
				break // the last frame, damaged as the file's end was being written
			}
			return h, nil, 0, fmt.Errorf("%s: record %d is corrupt (checksum mismatch at byte %d)", path, len(recs)+1, end)
		}
		var rec T
		if err := gob.NewDecoder(bytes.NewReader(payload)).Decode(&rec); err != nil {
			return h, nil, 0, fmt.Errorf("%s: record %d: %v", path, len(recs)+1, err)
		}
		recs = append(recs, rec)
		end += 8 + n
	}
	return h, recs, end, nil
}

// FindPart returns the part file named by arg: arg itself if it is a file,
// or PartFile inside it if it is a directory (a shard's output).
func FindPart(arg string) (string, error) {
	fi, err := os.Stat(arg)
	if err != nil {
		return "", err
	}
	if !fi.IsDir() {
		return arg, nil
	}
	p := arg + string(os.PathSeparator) + PartFile
	if _, err := os.Stat(p); err != nil {
		return "", fmt.Errorf("%s holds no %s: it is not a shard's output directory", arg, PartFile)
	}
	return p, nil
}
