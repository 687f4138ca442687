package output

import (
	"unsafe"

	"spsim/sim"
)

// What a collector keeps, for the estimate of a run's peak memory made
// before it starts (see sim.Ensemble.Memory). Calibrated, with it, on the
// peak resident set size of spsim run with 2 workers:
//
//	                                                 runs  estimate  measured
//	one PCN of 1,000 registered, 5 years              30    28 MiB    33 MiB
//	                                                  200    86 MiB    84 MiB
//	                                                  300   111 MiB   140 MiB
//	                                                 3000   774 MiB   675 MiB
//	2,000 PCNs of 1,000, a quarter year, no burn-in     5    43 MiB    44 MiB
//	                                                   20    97 MiB    89 MiB
//
// Each constant includes the garbage collector's headroom (the heap may
// reach twice what is live).
const (
	// memPerRun is what each run adds: its metrics by arm and group (13
	// KiB) and its rows of runs.csv, about 82 KB of text a run, built in
	// one growing buffer before the files are written. Measured: 208 to
	// 306 KiB a run.
	memPerRun = 250 << 10

	// memPerPCNRun is a PCN's metrics in one run (by_pcn.csv), twice the
	// 872-byte record; measured 1.5 KiB.
	memPerPCNRun = 2 * unsafe.Sizeof(sim.PCNRun{})

	// memPerPCN is a PCN's rows of by_pcn.csv (about 1.5 KB of text),
	// with room for the buffer's growth.
	memPerPCN = 4 << 10
)

// CollectorMemory estimates what a Collector adds to peak memory for runs
// runs of pcnsPerRun PCNs each (sample_pcns, or all of them) out of pcns,
// over weeks horizon weeks, up to writing the files.
func CollectorMemory(runs, pcnsPerRun, pcns, weeks int) sim.MemoryPart {
	r := float64(runs)
	weekly := float64(min(runs, WeeklyRuns)) * float64(weeks) * float64(sim.NumArms) * float64(sim.NumSeries) * 8 * 2
	b := r*memPerRun + r*float64(pcnsPerRun)*float64(memPerPCNRun) + float64(pcns)*memPerPCN + weekly
	return sim.MemoryPart{Bytes: b, What: "the results of every run, kept to summarise and write"}
}

// ComparisonMemory estimates what a Comparison of options options adds to
// peak memory for runs runs each over weeks horizon weeks: each option's
// costs and QALYs in each run with its budget by financial year, and the
// analysis's copies of them, with the garbage collector's headroom.
func ComparisonMemory(options, runs, weeks int) sim.MemoryPart {
	years := weeks/52 + 2 // financial years the horizon touches
	perRun := unsafe.Sizeof(optionRun{}) + uintptr(years)*unsafe.Sizeof([len(payers)]float64{}) + unsafe.Sizeof(true)
	b := float64(options) * float64(runs) * float64(perRun) * 2 * 2
	return sim.MemoryPart{Bytes: b, What: "the costs and QALYs of every option in every run"}
}
