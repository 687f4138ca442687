package sim

import (
	"fmt"
	"math"
	"runtime"
	"strconv"
)

// Peak memory is estimated before a run starts, so that a scenario too large
// for the machine is refused with the estimate instead of being killed part
// way through. The constants were calibrated on the peak resident set size
// (/usr/bin/time -v) of spsim run with Go 1.26 on amd64 (GOGC=100, so the
// heap may grow to twice what is live before it is collected; the constants
// include that headroom); with the output package's estimate of what the
// collector keeps, the estimates came out as:
//
//	spsim run (2 cores)                                   estimate  measured
//	pcn-typical --runs 2 --workers 1                        57 MiB    52 MiB
//	pcn-typical --runs 20 --workers 2                      102 MiB    97 MiB
//	one PCN of 100,000 registered, 10 years, 1 worker      137 MiB   153 MiB
//	one PCN of 263,827 (england's largest), 5 years        279 MiB   228 MiB
//	one PCN of 263,827, 10 years, 1 worker                 335 MiB   304 MiB
//	two PCNs of 263,827, 10 years, 2 workers               653 MiB   513 MiB
//	one PCN of 1,000,000, 10 years, 1 worker              1223 MiB  1119 MiB
//	england --runs 2 --workers 2                           294 MiB   225 MiB
//	one PCN of 1,000 over a quarter year, no burn-in        17 MiB    16 MiB
//
// and within -21% to +15% on the runs that calibrated the collector (see
// output.CollectorMemory): a guide to what fits, not an exact figure.
const (
	// MemoryBase is the resident memory of the program itself: runtime,
	// code and embedded files.
	MemoryBase = 16 << 20

	// memPerPersonSlot is the memory of one person of a PCN being simulated
	// (both arms: the population's attributes, the event engine's clocks
	// and calendar, growth headroom of the slices), per person registered
	// at some time during the simulated weeks.
	memPerPersonSlot = 1000

	// memPerReferral is what one referral record costs with KeepReferred:
	// the 24-byte record in the run's result and the 40-byte study person
	// the pool makes of it, twice (slice growth and garbage).
	memPerReferral = 200

	// referralsPerRegisteredYear bounds the first referrals per registered
	// person per year of the horizon: pcn-typical refers 0.016 (3,194 of
	// 40,000 in 5 years) and the national calibration target is 0.02.
	referralsPerRegisteredYear = 0.03
)

// Memory is an estimate of peak resident memory, in parts.
type Memory struct {
	Parts []MemoryPart
}

// MemoryPart is one part of a memory estimate.
type MemoryPart struct {
	Bytes float64
	What  string // what the memory holds
}

// Add appends a part.
func (m *Memory) Add(bytes float64, format string, a ...any) {
	m.Parts = append(m.Parts, MemoryPart{Bytes: bytes, What: fmt.Sprintf(format, a...)})
}

// Total is the sum of the parts.
func (m Memory) Total() float64 {
	var t float64
	for _, p := range m.Parts {
		t += p.Bytes
	}
	return t
}

// Memory estimates the peak memory of running the ensemble with the
// scenario arm p, which gives the calendar, the population turnover and
// sample_pcns: the program, the people of the PCNs being simulated at once
// (each worker keeps the memory of the largest PCN it has simulated), and
// with KeepReferred the referral records. What the caller keeps of each
// run's results (an output collector) is the caller's to add.
func (e Ensemble) Memory(p Params) Memory {
	var m Memory
	m.Add(MemoryBase, "the program")
	perRun := len(e.PCNs)
	if k := p.SamplePCNs; k > 0 && k < perRun {
		perRun = k
	}
	workers := e.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	// Over the runs every worker may come to simulate the largest PCN.
	inFlight := min(workers, max(e.Runs, 0)*perRun)
	var largest, all float64
	for _, pcn := range e.PCNs {
		n := pcn.Registered()
		largest = max(largest, n)
		all += n
	}
	registered := float64(inFlight) * largest
	weeks := p.Simulation.BurnInWeeks + HorizonWeeks(p)
	slots := registered * p.Population.AdultShare * (1 + annualTurnover(p)*float64(weeks)/52)
	if inFlight > 0 {
		m.Add(slots*memPerPersonSlot, "the people of the PCNs simulated at once: %d (one a worker) of up to %s registered, over %d weeks",
			inFlight, thousands(largest), weeks)
	}
	if e.KeepReferred && e.Runs > 0 {
		perPCN := float64(perRun) / float64(max(len(e.PCNs), 1))
		referrals := float64(e.Runs) * all * perPCN * p.Simulation.Years * referralsPerRegisteredYear
		m.Add(referrals*memPerReferral, "records of the people referred: up to %s in %d runs", thousands(referrals), e.Runs)
	}
	return m
}

// annualTurnover is the share of adults replaced each year by registrations
// (deaths, moves away and list growth), as the population registers them.
func annualTurnover(p Params) float64 {
	pp := &p.Population
	t := pp.LeaveAnnual + pp.ListGrowthAnnual
	for b, s := range pp.AgeShares {
		if b < len(pp.DeathAnnual) {
			t += s * pp.DeathAnnual[b]
		}
	}
	return max(t, 0)
}

// thousands writes a non-negative count with thousands separators.
func thousands(x float64) string {
	s := strconv.FormatFloat(math.Round(x), 'f', 0, 64)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
