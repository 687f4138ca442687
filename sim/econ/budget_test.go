package econ

import (
	"testing"
	"time"
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestFinancialYear(t *testing.T) {
	for _, c := range []struct {
		t  time.Time
		fy int
	}{
		{day(2026, time.March, 31), 2025},
		{day(2026, time.April, 1), 2026},
		{day(2026, time.January, 1), 2025},
		{day(2025, time.December, 31), 2025},
	} {
		if got := FinancialYear(c.t); got != c.fy {
			t.Errorf("FinancialYear(%s) = %d, want %d", c.t.Format("2006-01-02"), got, c.fy)
		}
	}
	if FinancialYearLabel(2025) != "2025/26" || FinancialYearLabel(2099) != "2099/00" {
		t.Error("FinancialYearLabel")
	}
}

// Worked example of methods.md §4.3: 300,000 adults × 2% referred × uptake
// 40/60/80% = 2400/3600/4800 treated; £320 each less £90 offsets; net
// £552k / £828k / £1.104m, £2.484m over 3 years.
func TestBudgetImpactWorkedExample(t *testing.T) {
	referred := 300000 * 0.02
	bi := NetBudgetImpact([]float64{referred, referred, referred}, []float64{0.4, 0.6, 0.8}, 320, 90)
	want := []float64{552000, 828000, 1104000}
	total := 0.0
	for y := range want {
		near(t, "BI year", bi[y], want[y], 1e-6)
		total += bi[y]
	}
	near(t, "BI 3-year total", total, 2.484e6, 1e-6)

	// Same example as weekly dated flows by payer: link-worker cost to the
	// ICB and offsets (savings) to general practice, spread evenly over the
	// 52 weeks from 1 April of each financial year.
	var flows []CostFlow
	for y, treated := range []float64{2400, 3600, 4800} {
		start := day(2025+y, time.April, 1)
		cost := make([]float64, 52)
		saving := make([]float64, 52)
		for w := range cost {
			cost[w] = treated * 320 / 52
			saving[w] = -treated * 90 / 52
		}
		flows = append(flows, WeeklyFlows(start, "ICB", cost)...)
		flows = append(flows, WeeklyFlows(start, "General practice", saving)...)
	}
	rows := BudgetImpact(flows)
	wantRows := []FYTotal{
		{2025, "General practice", -216000}, {2025, "ICB", 768000},
		{2026, "General practice", -324000}, {2026, "ICB", 1152000},
		{2027, "General practice", -432000}, {2027, "ICB", 1536000},
	}
	if len(rows) != len(wantRows) {
		t.Fatalf("got %d rows: %+v", len(rows), rows)
	}
	for i, w := range wantRows {
		if rows[i].FY != w.FY || rows[i].Payer != w.Payer {
			t.Errorf("row %d = %d %s, want %d %s", i, rows[i].FY, rows[i].Payer, w.FY, w.Payer)
		}
		near(t, rows[i].Label()+" "+w.Payer, rows[i].Total, w.Total, 1e-6)
	}
	byFY := BudgetImpactByFY(flows)
	total = 0
	for i, w := range want {
		near(t, byFY[i].Label()+" net", byFY[i].Total, w, 1e-6)
		total += byFY[i].Total
	}
	near(t, "dated 3-year total", total, 2.484e6, 1e-6)
}

func TestWeeklyFlowsAcrossYearEnd(t *testing.T) {
	// 53 weeks from 1 April 2025: week 52 starts 31 March 2026 (FY 2025/26);
	// week 53 would start 7 April 2026.
	amounts := make([]float64, 54)
	for i := range amounts {
		amounts[i] = 1
	}
	rows := BudgetImpact(WeeklyFlows(day(2025, time.April, 1), "ICB", amounts))
	if len(rows) != 2 || rows[0].Total != 53 || rows[1].Total != 1 || rows[1].Label() != "2026/27" {
		t.Errorf("year-end split: %+v", rows)
	}
}
