package output

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"spsim/sim"
)

func testHeader() PartHeader {
	return PartHeader{Kind: "run", Name: "x", Source: "embedded:x", Path: "embedded:x", Hash: "abc", Seed: 7, Version: sim.Version,
		Units: 10, Shard: 1, Shards: 2, First: 5, Count: 5, Command: "spsim run x"}
}

func testRecord(run int) *sim.RunResult {
	r := &sim.RunResult{Run: run, Seed: uint64(run) * 99, Scale: 1}
	r.Values[sim.ScenarioArm][sim.MReferrals][sim.GroupAll] = float64(run) + 0.1
	r.Values[sim.CounterfactualArm][sim.MReferrals][sim.GroupAll] = math.NaN()
	r.Weekly[sim.ScenarioArm][sim.SReferrals] = []float64{1, math.NaN(), math.Inf(-1)}
	r.Draws = []sim.Draw{{Key: "a", Value: 0.5}}
	return r
}

// sameBits compares results bit for bit (NaN equal to NaN).
func sameBits(a, b *sim.RunResult) bool {
	return reflect.DeepEqual(bitsOf(a), bitsOf(b))
}

func bitsOf(r *sim.RunResult) []uint64 {
	var out []uint64
	for a := range r.Values {
		for m := range r.Values[a] {
			for _, v := range r.Values[a][m] {
				out = append(out, math.Float64bits(v))
			}
		}
		for s := range r.Weekly[a] {
			out = append(out, uint64(len(r.Weekly[a][s])))
			for _, v := range r.Weekly[a][s] {
				out = append(out, math.Float64bits(v))
			}
		}
	}
	out = append(out, uint64(r.Run), r.Seed, math.Float64bits(r.Scale))
	for _, d := range r.Draws {
		out = append(out, math.Float64bits(d.Value), uint64(len(d.Key)))
	}
	return out
}

// Records read back are bit-identical (NaN and infinities included), and a
// file cut anywhere in its last record reads as the records before it;
// resuming cuts the incomplete record off and appends after the others.
func TestPartRoundTripAndCutTail(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "p.partial")
	h := testHeader()
	w, err := CreatePart(path, h)
	if err != nil {
		t.Fatal(err)
	}
	for _, run := range []int{5, 6} {
		if err := w.Append(testRecord(run)); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := CreatePart(path, h); err == nil {
		t.Error("CreatePart replaced an existing part file")
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 1 {
		t.Errorf("CreatePart left %d files behind", len(ents))
	}
	gotH, recs, err := ReadPart[*sim.RunResult](path)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(gotH, h) || len(recs) != 2 || !sameBits(recs[0], testRecord(5)) || !sameBits(recs[1], testRecord(6)) {
		t.Fatalf("read back header %+v and %d records, not what was written", gotH, len(recs))
	}

	full, _ := os.ReadFile(path)
	// Run 6's frame starts where a file holding only run 5 ends.
	p1 := filepath.Join(dir, "one")
	w1, _ := CreatePart(p1, h)
	w1.Append(testRecord(5))
	w1.Close()
	st, _ := os.Stat(p1)
	start := int(st.Size())
	cuts := []int{start, start + 1, start + 7, start + 8, start + 9, len(full) - 1}
	for cut := start; cut < len(full); cut += 1 + (len(full)-start)/100 {
		cuts = append(cuts, cut)
	}
	for _, cut := range cuts {
		if err := os.WriteFile(path, full[:cut], 0o644); err != nil {
			t.Fatal(err)
		}
		_, recs, err := ReadPart[*sim.RunResult](path)
		if err != nil || len(recs) != 1 {
			t.Fatalf("cut at %d of %d: %d records, error %v; want run 5 only", cut, len(full), len(recs), err)
		}
	}

	// Resume from a cut file: the incomplete record goes, new ones follow.
	os.WriteFile(path, full[:len(full)-3], 0o644)
	w, done, err := ResumePart[*sim.RunResult](path, h)
	if err != nil {
		t.Fatal(err)
	}
	if len(done) != 1 || done[0].Run != 5 {
		t.Fatalf("resumed with %d records, want run 5", len(done))
	}
	w.Append(testRecord(7))
	w.Close()
	_, recs, err = ReadPart[*sim.RunResult](path)
	if err != nil || len(recs) != 2 || recs[1].Run != 7 {
		t.Fatalf("after resuming: %d records, error %v; want runs 5 and 7", len(recs), err)
	}
}

// A part of another job is not resumed; a corrupt record is an error, not
// silently dropped; a file that is not a part says so.
func TestPartRefusals(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "p.partial")
	h := testHeader()
	w, _ := CreatePart(path, h)
	w.Append(testRecord(5))
	w.Append(testRecord(6))
	w.Close()

	other := h
	other.Seed = 8
	if _, _, err := ResumePart[*sim.RunResult](path, other); err == nil || !strings.Contains(err.Error(), "seed 7, not 8") {
		t.Errorf("resuming with another seed: error %v", err)
	}
	other = h
	other.Shard, other.First = 0, 0
	if _, _, err := ResumePart[*sim.RunResult](path, other); err == nil || !strings.Contains(err.Error(), "shard 1/2, not 0/2") {
		t.Errorf("resuming another shard: error %v", err)
	}

	b, _ := os.ReadFile(path)
	first := bytes.IndexByte(b[len(partMagic):], '\n') + len(partMagic) + 1 // run 5's frame
	last := slices.Clone(b)
	last[len(last)-20] ^= 0xff // inside run 6's payload, the file's last frame
	os.WriteFile(path, last, 0o644)
	if _, recs, err := ReadPart[*sim.RunResult](path); err != nil || len(recs) != 1 {
		t.Errorf("a damaged last record: %d records, error %v; want it cut off like an incomplete one", len(recs), err)
	}
	b[first+20] ^= 0xff // inside run 5's payload, followed by run 6
	os.WriteFile(path, b, 0o644)
	if _, _, err := ReadPart[*sim.RunResult](path); err == nil || !strings.Contains(err.Error(), "record 1 is corrupt") {
		t.Errorf("a flipped byte before the last record: error %v, want record 1 corrupt", err)
	}
	zeros := append(slices.Clone(b[:first]), make([]byte, 100)...) // a zero-filled tail after the header
	os.WriteFile(path, zeros, 0o644)
	if _, recs, err := ReadPart[*sim.RunResult](path); err != nil || len(recs) != 0 {
		t.Errorf("a zero-filled tail: %d records, error %v; want none and no error", len(recs), err)
	}

	junk := filepath.Join(dir, "junk")
	os.WriteFile(junk, []byte("hello\n"), 0o644)
	if _, err := ReadPartHeader(junk); err == nil || !strings.Contains(err.Error(), "not an spsim part file") {
		t.Errorf("a text file: error %v", err)
	}
}

// CheckShards accepts the shards of one job and names what is wrong
// otherwise: another job, a shard twice, shards missing.
func TestCheckShards(t *testing.T) {
	shard := func(i, n int) PartHeader {
		h := testHeader()
		h.Shard, h.Shards = i, n
		h.First, h.Count = ShardRange(h.Units, i, n)
		return h
	}
	if f, c := ShardRange(10, 2, 3); f != 6 || c != 4 {
		t.Errorf("ShardRange(10, 2, 3) = %d, %d; want 6, 4", f, c)
	}
	paths := []string{"a", "b", "c"}
	if err := CheckShards(paths, []PartHeader{shard(2, 3), shard(0, 3), shard(1, 3)}, "run"); err != nil {
		t.Errorf("three shards of one job: %v", err)
	}
	seed := shard(1, 3)
	seed.Seed = 9
	for _, c := range []struct {
		hs   []PartHeader
		want string
	}{
		{[]PartHeader{shard(0, 3), seed, shard(2, 3)}, "b is not a part of the same job as a: seed 9, not 7"},
		{[]PartHeader{shard(0, 3), shard(0, 3), shard(2, 3)}, "shard 0/3 is given twice: a and b"},
		{[]PartHeader{shard(0, 3), shard(2, 3)}, "1 of 3 shards missing: 1 (runs 3-5)"},
		{[]PartHeader{shard(0, 3), shard(1, 2), shard(2, 3)}, "shards 2, not 3"},
	} {
		err := CheckShards(paths[:len(c.hs)], c.hs, "run")
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("error %v, want one containing %q", err, c.want)
		}
	}
}

// UnitTally finds duplicates and lists what is missing as ranges.
func TestUnitTally(t *testing.T) {
	h := testHeader() // units 5-9
	u := NewUnitTally("p", h, "run", 2)
	for _, s := range [][2]int{{5, 0}, {5, 1}, {6, 0}, {8, 0}, {8, 1}} {
		if err := u.See(s[0], s[1]); err != nil {
			t.Fatal(err)
		}
	}
	if err := u.See(5, 1); err == nil || !strings.Contains(err.Error(), "run 5 twice") {
		t.Errorf("duplicate: %v", err)
	}
	if err := u.See(4, 0); err == nil || !strings.Contains(err.Error(), "outside its runs 5-9") {
		t.Errorf("outside: %v", err)
	}
	if got := u.Missing(); got != "6-7, 9" {
		t.Errorf("Missing() = %q, want 6-7, 9", got)
	}
	if u.Done() != 2 || !u.Has(6, 0) || u.Has(6, 1) {
		t.Errorf("Done %d, Has(6,0) %v, Has(6,1) %v", u.Done(), u.Has(6, 0), u.Has(6, 1))
	}
}

// BenchmarkPartAppend measures saving one run of pcn-typical's size (values
// of both arms, 12 weekly series of 5 years): the cost each run adds.
func BenchmarkPartAppend(b *testing.B) {
	r := testRecord(1)
	for a := range r.Weekly {
		for s := range r.Weekly[a] {
			r.Weekly[a][s] = make([]float64, 260)
			for w := range r.Weekly[a][s] {
				r.Weekly[a][s][w] = float64(w) * 1.37
			}
		}
	}
	w, err := CreatePart(filepath.Join(b.TempDir(), "p"), testHeader())
	if err != nil {
		b.Fatal(err)
	}
	defer w.Close()
	b.ResetTimer()
	for b.Loop() {
		if err := w.Append(r); err != nil {
			b.Fatal(err)
		}
	}
}

// Only one process at a time may append to a part file.
func TestPartLock(t *testing.T) {
	path := filepath.Join(t.TempDir(), "p.partial")
	w, err := CreatePart(path, testHeader())
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := ResumePart[*sim.RunResult](path, testHeader()); err == nil || !strings.Contains(err.Error(), "another spsim process") {
		t.Errorf("resuming a part file being written: error %v", err)
	}
	w.Close()
	w, _, err = ResumePart[*sim.RunResult](path, testHeader())
	if err != nil {
		t.Fatalf("resuming once the writer has closed: %v", err)
	}
	w.Close()
}
