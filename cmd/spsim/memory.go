package main

import (
	"bufio"
	"bytes"
	"cmp"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strconv"
	"strings"

	"spsim/output"
	"spsim/scenarios"
	"spsim/sim"
)

// The memory check. Before a run starts, run, compare and power estimate
// its peak memory (sim.Ensemble.Memory, the collectors', study.Plan.Memory)
// and refuse, with the estimate, a run that would not fit in the memory
// available, rather than start one the kernel would kill part way through.
// --no-memory-check runs it anyway.

const noMemoryCheckDoc = "run even if the estimated peak memory is more than the memory available (the check reads /proc/meminfo and any cgroup limit)"

// checkRunMemory checks the memory of spsim run: the ensemble of s and the
// collector of its runs.
func checkRunMemory(e *env, o ensembleOptions, s *scenarios.Scenario, runs int) int {
	base := s.Base()
	pcns := s.PCNs()
	ens := sim.Ensemble{PCNs: pcns, Runs: runs, Workers: o.workers}
	m := ens.Memory(base)
	perRun := len(pcns)
	if k := base.SamplePCNs; k > 0 && k < perRun {
		perRun = k
	}
	m.Parts = append(m.Parts, output.CollectorMemory(runs, perRun, len(pcns), sim.HorizonWeeks(base)))
	return checkMemory(e, o.noMemoryCheck, s.Source, m,
		"Simulate fewer runs (--runs, simulation.runs), fewer or smaller PCNs (pcns.count, sample_pcns, pcns.registered, pcns.registered_max) or with fewer --workers")
}

// checkCompareMemory checks the memory of spsim compare: one option's
// ensemble at a time, and every option's costs and QALYs in every run.
func checkCompareMemory(e *env, o ensembleOptions, cmp *scenarios.Comparison, runs int) int {
	comparator := cmp.Options[cmp.Comparator].Scenario
	base := comparator.Base()
	ens := sim.Ensemble{PCNs: comparator.PCNs(), Runs: runs, Workers: o.workers}
	m := ens.Memory(base)
	m.Parts = append(m.Parts, output.ComparisonMemory(len(cmp.Options), runs, sim.HorizonWeeks(base)))
	return checkMemory(e, o.noMemoryCheck, cmp.Source, m,
		"Compare with fewer runs (--runs, runs) or fewer or smaller PCNs (pcns.count, sample_pcns, pcns.registered in [set]) or with fewer --workers")
}

// checkPowerMemory checks the memory of spsim power: in abm mode the world
// simulated with its referral records, and the simulated studies.
func checkPowerMemory(e *env, o powerOptions, st *scenarios.Study) int {
	var m sim.Memory
	if st.Mode == "abm" {
		ens := sim.Ensemble{PCNs: st.World.PCNs(), Runs: st.WorldRuns, Workers: o.workers, KeepReferred: true}
		m = ens.Memory(st.World.Base())
	} else {
		m.Add(sim.MemoryBase, "the program")
	}
	m.Add(st.Plan.Memory(o.workers), "the simulated studies' estimates and observations")
	return checkMemory(e, o.noMemoryCheck, st.Source, m,
		"Simulate a smaller world (study.world_runs; pcns.count, sample_pcns in [set]) or fewer or smaller studies (study.studies, study.sizes)")
}

// checkMemory compares the estimate m with the memory available and, if it
// is more, reports both with the parts of the estimate and hint (how to
// need less), and returns exitUsage. It returns exitOK when the estimate
// fits, when skip is set, or when the memory available cannot be read.
func checkMemory(e *env, skip bool, source string, m sim.Memory, hint string) int {
	if skip {
		return exitOK
	}
	avail, ok := e.availableMemory()
	need := m.Total()
	if !ok || need <= avail {
		return exitOK
	}
	parts := slices.Clone(m.Parts)
	slices.SortStableFunc(parts, func(a, b sim.MemoryPart) int { return cmp.Compare(b.Bytes, a.Bytes) })
	var b strings.Builder
	fmt.Fprintf(&b, "%s: needs about %s of memory to run, but %s is available:\n", source, formatBytes(need), formatBytes(avail))
	for _, p := range parts {
		fmt.Fprintf(&b, "  %9s  %s\n", formatBytes(p.Bytes), p.What)
	}
	fmt.Fprintf(&b, "%s, or use --no-memory-check to run anyway.", hint)
	errorf(e.stderr, "%s", b.String())
	return exitUsage
}

// availableMemory is the memory this process may use, in bytes, and
// whether it could be read.
func (e *env) availableMemory() (float64, bool) {
	if e.memAvailable != nil {
		return e.memAvailable()
	}
	return systemMemory(os.DirFS("/"))
}

// systemMemory reads, from the root file system root, MemAvailable of
// /proc/meminfo and, where a cgroup limits this process's memory (cgroup v2
// memory.max or v1 memory.limit_in_bytes, as a container or a batch
// scheduler's job sees them at /sys/fs/cgroup), the limit less what the
// cgroup uses, and returns the smaller.
func systemMemory(root fs.FS) (float64, bool) {
	avail, ok := memAvailable(root)
	for _, lim := range [][2]string{
		{"sys/fs/cgroup/memory.max", "sys/fs/cgroup/memory.current"},
		{"sys/fs/cgroup/memory/memory.limit_in_bytes", "sys/fs/cgroup/memory/memory.usage_in_bytes"},
	} {
		limit, okL := readNumber(root, lim[0])
		used, okU := readNumber(root, lim[1])
		if !okL || !okU || limit >= 1<<60 { // "max", or v1's "no limit" (a page short of 2^63)
			continue
		}
		free := max(limit-used, 0)
		if !ok || free < avail {
			avail, ok = free, true
		}
	}
	return avail, ok
}

// memAvailable reads MemAvailable (kB) from proc/meminfo.
func memAvailable(root fs.FS) (float64, bool) {
	data, err := fs.ReadFile(root, "proc/meminfo")
	if err != nil {
		return 0, false
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		rest, found := strings.CutPrefix(sc.Text(), "MemAvailable:")
		if !found {
			continue
		}
		kb, err := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 64)
		return kb * 1024, err == nil
	}
	return 0, false
}

// readNumber reads a file holding one number.
func readNumber(root fs.FS, name string) (float64, bool) {
	data, err := fs.ReadFile(root, name)
	if err != nil {
		return 0, false
	}
	x, err := strconv.ParseFloat(strings.TrimSpace(string(data)), 64)
	return x, err == nil
}

// formatBytes writes a size in binary units: 512 B, 16 MiB, 4.0 TiB.
func formatBytes(b float64) string {
	units := []string{"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"}
	i := 0
	for b >= 1024 && i < len(units)-1 {
		b /= 1024
		i++
	}
	if i == 0 || b >= 10 {
		return fmt.Sprintf("%.0f %s", b, units[i])
	}
	return fmt.Sprintf("%.1f %s", b, units[i])
}
