package econ

import (
	"fmt"
	"sort"
	"time"
)

// FinancialYear returns the NHS financial year (1 April – 31 March) that
// contains t, identified by the calendar year in which it starts: 31 March
// 2026 is in FY 2025 (2025/26), 1 April 2026 in FY 2026. t's own location
// decides the calendar day.
func FinancialYear(t time.Time) int {
	if t.Month() >= time.April {
		return t.Year()
	}
	return t.Year() - 1
}

// FinancialYearLabel formats a financial year as "2025/26".
func FinancialYearLabel(fy int) string {
	return fmt.Sprintf("%d/%02d", fy, (fy+1)%100)
}

// CostFlow is a cost (positive) or saving (negative) to a payer, dated to
// the day it falls, in nominal pounds.
type CostFlow struct {
	Date   time.Time
	Payer  string // e.g. "ICB", "Local authority", "VCSE"
	Amount float64
}

// FYTotal is a payer's undiscounted total for one financial year.
type FYTotal struct {
	FY    int // start year, see FinancialYear
	Payer string
	Total float64
}

// Label returns the row's financial year as "2025/26".
func (r FYTotal) Label() string { return FinancialYearLabel(r.FY) }

// BudgetImpact sums cost flows into undiscounted, nominal totals per
// financial year and payer (ISPOR budget-impact practice). Each flow is
// assigned whole to the financial year containing its Date; flows are not
// apportioned across 31 March, so date weekly flows by the day their cost is
// incurred (see WeeklyFlows). Rows are sorted by FY, then payer; only
// (FY, payer) pairs with at least one flow appear. Use BudgetImpactByFY for
// all-payer totals.
func BudgetImpact(flows []CostFlow) []FYTotal {
	type key struct {
		fy    int
		payer string
	}
	sums := map[key]float64{}
	for _, f := range flows {
		sums[key{FinancialYear(f.Date), f.Payer}] += f.Amount
	}
	out := make([]FYTotal, 0, len(sums))
	for k, v := range sums {
		out = append(out, FYTotal{FY: k.fy, Payer: k.payer, Total: v})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].FY != out[j].FY {
			return out[i].FY < out[j].FY
		}
		return out[i].Payer < out[j].Payer
	})
	return out
}

// BudgetImpactByFY returns the all-payer undiscounted total per financial
// year, in the same sorted order as BudgetImpact (one entry per FY).
func BudgetImpactByFY(flows []CostFlow) []FYTotal {
	all := make([]CostFlow, len(flows))
	for i, f := range flows {
		all[i] = CostFlow{Date: f.Date, Payer: "All payers", Amount: f.Amount}
	}
	return BudgetImpact(all)
}

// WeeklyFlows dates a weekly series of amounts for one payer: week w falls
// on start + 7w days (so date weeks by their first day). Combine with
// BudgetImpact for per-FY totals.
func WeeklyFlows(start time.Time, payer string, amounts []float64) []CostFlow {
	out := make([]CostFlow, len(amounts))
	for w, a := range amounts {
		out[w] = CostFlow{Date: start.AddDate(0, 0, 7*w), Payer: payer, Amount: a}
	}
	return out
}

// NetBudgetImpact is the simple ISPOR formula per year y,
//
//	BI_y = eligible_y × uptake_y × (unitCost − offsets),
//
// undiscounted and nominal. eligible and uptake are per year and must be the
// same length (it panics otherwise).
func NetBudgetImpact(eligible, uptake []float64, unitCost, offsets float64) []float64 {
	if len(eligible) != len(uptake) {
		panic("econ: NetBudgetImpact needs eligible and uptake for the same years")
	}
	out := make([]float64, len(eligible))
	for y := range eligible {
		out[y] = eligible[y] * uptake[y] * (unitCost - offsets)
	}
	return out
}
