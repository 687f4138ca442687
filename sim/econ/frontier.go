package econ

import (
	"math"
	"sort"
)

// Option is one funding option in an incremental analysis: its expected
// (typically discounted, per-person or total) cost and QALYs.
type Option struct {
	Name string
	Cost float64
	QALY float64
}

// Status is an option's place in the incremental analysis.
type Status int

const (
	// Reference is the cheapest non-dominated option, the frontier's start.
	Reference Status = iota
	// OnFrontier is non-dominated; its ICER is against the previous
	// frontier option.
	OnFrontier
	// StronglyDominated options cost at least as much as another option and
	// are no more effective.
	StronglyDominated
	// ExtendedlyDominated options are beaten by a mix of two other options:
	// their ICER exceeds the next more effective option's.
	ExtendedlyDominated
)

// String returns the status as used in reports.
func (s Status) String() string {
	switch s {
	case Reference:
		return "reference"
	case OnFrontier:
		return "on frontier"
	case StronglyDominated:
		return "strongly dominated"
	case ExtendedlyDominated:
		return "extendedly dominated"
	}
	return "unknown"
}

// FrontierRow is one option's result.
type FrontierRow struct {
	Option
	Index  int    // position in the input slice
	Status Status // reference, on frontier, or dominated
	// Comparator is the previous frontier option (OnFrontier rows only);
	// for StronglyDominated rows it is the option that dominates it.
	Comparator string
	// IncCost, IncQALY and ICER are against Comparator for OnFrontier rows,
	// and NaN otherwise.
	IncCost, IncQALY, ICER float64
}

// Frontier performs the incremental cost-effectiveness analysis of opts
// (methods §4.1, as dampack::calculate_icers):
//
//  1. sort by cost (ties: more QALYs first, then input order);
//  2. mark strongly dominated options: those whose QALYs do not exceed those
//     of an option earlier in that order (cheaper or equally costly; exact
//     duplicates keep the first);
//  3. among the rest, repeatedly mark as extendedly dominated the first
//     option whose ICER against its predecessor is strictly greater than the
//     next option's ICER against it, until ICERs increase along the frontier;
//  4. the cheapest survivor is the Reference; the others are OnFrontier with
//     ICERs against the previous survivor.
//
// Rows are returned in the sorted (cost) order. At willingness to pay λ the
// optimal option is the last frontier option whose ICER ≤ λ, which is the
// option with the highest NMB. Frontier panics on NaN or infinite inputs.
func Frontier(opts []Option) []FrontierRow {
	if len(opts) == 0 {
		return nil
	}
	for _, o := range opts {
		if math.IsNaN(o.Cost) || math.IsInf(o.Cost, 0) || math.IsNaN(o.QALY) || math.IsInf(o.QALY, 0) {
			panic("econ: Frontier needs finite costs and QALYs")
		}
	}
	order := make([]int, len(opts))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(x, y int) bool {
		a, b := opts[order[x]], opts[order[y]]
		if a.Cost != b.Cost {
			return a.Cost < b.Cost
		}
		return a.QALY > b.QALY
	})
	rows := make([]FrontierRow, len(opts))
	nan := math.NaN()
	for k, i := range order {
		rows[k] = FrontierRow{Option: opts[i], Index: i, Status: OnFrontier, IncCost: nan, IncQALY: nan, ICER: nan}
	}

	// Strong dominance.
	best := -1
	for k := range rows {
		if best >= 0 && rows[k].QALY <= rows[best].QALY {
			rows[k].Status = StronglyDominated
			rows[k].Comparator = rows[best].Name
			continue
		}
		best = k
	}

	// Extended dominance: survivors have strictly increasing cost and QALYs.
	for {
		live := make([]int, 0, len(rows))
		for k := range rows {
			if rows[k].Status == OnFrontier {
				live = append(live, k)
			}
		}
		removed := false
		for j := 1; j+1 < len(live); j++ {
			p, c, n := rows[live[j-1]], rows[live[j]], rows[live[j+1]]
			if (c.Cost-p.Cost)/(c.QALY-p.QALY) > (n.Cost-c.Cost)/(n.QALY-c.QALY) {
				rows[live[j]].Status = ExtendedlyDominated
				removed = true
				break
			}
		}
		if !removed {
			for j, k := range live {
				if j == 0 {
					rows[k].Status = Reference
					continue
				}
				p := rows[live[j-1]]
				r := &rows[k]
				r.Comparator = p.Name
				r.IncCost = r.Cost - p.Cost
				r.IncQALY = r.QALY - p.QALY
				r.ICER = r.IncCost / r.IncQALY
			}
			return rows
		}
	}
}
