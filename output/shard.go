package output

import (
	"encoding/json"
	"fmt"
	"strings"

	"spsim/sim"
)

// shardManifest is a shard's manifest.json: which job and units its part
// holds, for people and scripts (merge reads the part's own header).
type shardManifest struct {
	SchemaVersion int        `json:"schema_version"`
	Version       string     `json:"version"`
	Part          PartHeader `json:"part"`
	WallSeconds   float64    `json:"wall_seconds"`
	CPUSeconds    float64    `json:"cpu_seconds"`
}

// WriteShardDir writes a shard's output directory dir: the complete part
// file, moved there from partial, and a manifest.json describing it. Like
// WriteDir, it is all or nothing, and replaces an existing dir only with force.
func WriteShardDir(dir string, force bool, partial string, h PartHeader, timing Timing) error {
	if err := CheckDir(dir, force); err != nil {
		return err
	}
	m, err := json.MarshalIndent(shardManifest{sim.SchemaVersion, sim.Version, h, timing.WallSeconds, timing.CPUSeconds}, "", "  ")
	if err != nil {
		return err
	}
	return writeDir(dir, force, []file{{name: "manifest.json", data: append(m, '\n')}, {name: PartFile, from: partial}})
}

// CheckShards checks that the parts with headers hs (read from paths) are
// the shards of one job, each exactly once, so that together they hold
// every unit once. unit names the units in messages ("run", "batch").
func CheckShards(paths []string, hs []PartHeader, unit string) error {
	if len(hs) == 0 {
		return fmt.Errorf("no parts to merge")
	}
	first := hs[0]
	byShard := make([]int, first.Shards)
	for i := range byShard {
		byShard[i] = -1
	}
	for k, h := range hs {
		if d := h.Mismatch(first); d != "" {
			return fmt.Errorf("%s is not a part of the same job as %s: %s", paths[k], paths[0], d)
		}
		if f, c := ShardRange(h.Units, h.Shard, h.Shards); h.First != f || h.Count != c {
			return fmt.Errorf("%s: shard %d/%d should hold %ss %s, but its header says %s", paths[k], h.Shard, h.Shards, unit, unitRange(f, c), unitRange(h.First, h.Count))
		}
		if j := byShard[h.Shard]; j >= 0 {
			return fmt.Errorf("shard %d/%d is given twice: %s and %s", h.Shard, h.Shards, paths[j], paths[k])
		}
		byShard[h.Shard] = k
	}
	var missing []string
	for i, k := range byShard {
		if k < 0 {
			f, c := ShardRange(first.Units, i, first.Shards)
			missing = append(missing, fmt.Sprintf("%d (%ss %s)", i, unit, unitRange(f, c)))
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("%d of %d shards missing: %s", len(missing), first.Shards, strings.Join(missing, ", "))
	}
	return nil
}

// unitRange writes the units first..first+count-1.
func unitRange(first, count int) string {
	switch count {
	case 0:
		return "(none)"
	case 1:
		return fmt.Sprint(first)
	}
	return fmt.Sprintf("%d-%d", first, first+count-1)
}

// UnitTally checks that the records of a part hold each of its units
// exactly once: each unit has slots records (a comparison has one per
// option simulated), told apart by slot number.
type UnitTally struct {
	path, unit string
	h          PartHeader
	slots      int
	seen       []bool // [unit-First][slot]
}

// NewUnitTally starts checking the records of the part at path (header h),
// expecting slots records of each unit.
func NewUnitTally(path string, h PartHeader, unit string, slots int) *UnitTally {
	return &UnitTally{path: path, unit: unit, h: h, slots: slots, seen: make([]bool, h.Count*slots)}
}

// Tally checks the records recs of the part at path (header h), each of
// unit and slot given by unitOf, and passes each to add in order. It stops
// at the first record outside the part's units or seen before.
func Tally[T any](path string, h PartHeader, unit string, slots int, recs []T, unitOf func(T) (u, slot int), add func(T)) (*UnitTally, error) {
	t := NewUnitTally(path, h, unit, slots)
	for _, r := range recs {
		if err := t.See(unitOf(r)); err != nil {
			return nil, err
		}
		add(r)
	}
	return t, nil
}

// See records the record of unit u in slot.
func (t *UnitTally) See(u, slot int) error {
	if u < t.h.First || u >= t.h.First+t.h.Count {
		return fmt.Errorf("%s holds %s %d, outside its %ss %s", t.path, t.unit, u, t.unit, unitRange(t.h.First, t.h.Count))
	}
	if slot < 0 || slot >= t.slots {
		return fmt.Errorf("%s holds a record of %s %d that is none of the job's (slot %d of %d)", t.path, t.unit, u, slot, t.slots)
	}
	i := (u-t.h.First)*t.slots + slot
	if t.seen[i] {
		return fmt.Errorf("%s holds %s %d twice", t.path, t.unit, u)
	}
	t.seen[i] = true
	return nil
}

// Has reports whether the record of unit u in slot was seen.
func (t *UnitTally) Has(u, slot int) bool {
	return u >= t.h.First && u < t.h.First+t.h.Count && t.seen[(u-t.h.First)*t.slots+slot]
}

// Done counts the units with every slot seen.
func (t *UnitTally) Done() int {
	n := 0
	for u := range t.h.Count {
		if t.complete(u) {
			n++
		}
	}
	return n
}

func (t *UnitTally) complete(u int) bool {
	for s := range t.slots {
		if !t.seen[u*t.slots+s] {
			return false
		}
	}
	return true
}

// Missing lists the part's incomplete units as ranges ("" if none).
func (t *UnitTally) Missing() string {
	var out []string
	for i := 0; i < t.h.Count; {
		if t.complete(i) {
			i++
			continue
		}
		j := i
		for j < t.h.Count && !t.complete(j) {
			j++
		}
		out = append(out, unitRange(t.h.First+i, j-i))
		i = j
	}
	return strings.Join(out, ", ")
}
