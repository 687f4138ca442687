package report

// summaryRecord is one record of summary.json: a metric's statistics
// across runs in one arm and group.
type summaryRecord struct {
	Metric string  `json:"metric"`
	Arm    string  `json:"arm"`
	Group  string  `json:"group"`
	NRuns  int     `json:"n_runs"`
	Mean   float64 `json:"mean"`
	P2_5   float64 `json:"p2_5"`
	P97_5  float64 `json:"p97_5"`
}

// summary is summary.json by metric, arm and group.
type summary map[[3]string]summaryRecord

func readSummary(src source) (summary, error) {
	var doc struct {
		Metrics []summaryRecord `json:"metrics"`
	}
	if err := src.readJSON("summary.json", &doc); err != nil {
		return nil, err
	}
	s := summary{}
	for _, r := range doc.Metrics {
		s[[3]string{r.Metric, r.Arm, r.Group}] = r
	}
	return s, nil
}

// get is the record of metric in arm and group; ok is false where no run
// defines it (summary.json then has no record).
func (s summary) get(metric, arm, group string) (summaryRecord, bool) {
	r, ok := s[[3]string{metric, arm, group}]
	return r, ok
}

// quintileGroups are summary.json's IMD quintile groups, most deprived first.
func quintileGroups() []string {
	return []string{"imd_q1", "imd_q2", "imd_q3", "imd_q4", "imd_q5"}
}

// quintileLabel names quintile q (1-5) on axes, legends and tables.
func quintileLabel(q int) string {
	switch q {
	case 1:
		return "IMD 1 (most deprived)"
	case 5:
		return "IMD 5 (least deprived)"
	}
	return "IMD " + string(rune('0'+q))
}
