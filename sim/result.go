package sim

// RunResult is everything one run produces: both arms' metrics, weekly
// series and per-PCN values. Results of different runs are independent, so
// any split of an ensemble across workers or machines gives the same set.
type RunResult struct {
	Run  int    // run index within the ensemble, from 0
	Seed uint64 // the run's derived seed

	// Values[arm][metric][group]; NaN marks a value undefined in that run
	// (see Defined). Metrics marked AllOnly are NaN outside GroupAll.
	Values [NumArms][NumMetrics][NumGroups]float64

	// Weekly[arm][series][week] over the horizon; NaN where undefined.
	Weekly [NumArms][NumSeries][]float64

	// PCNs holds the PCNs simulated in this run (all of them, or the run's
	// sample), in PCN index order.
	PCNs []PCNRun

	// Draws lists the values drawn this run for parameters given as
	// distributions, sorted by key.
	Draws []Draw

	// Referred lists the people the scenario arm referred, in PCN then
	// person order, when Ensemble.KeepReferred is set.
	Referred []Referred

	// Scale is the factor applied to sums when PCNs were sampled (1 otherwise).
	Scale float64

	// AdultsSimulated counts distinct adults simulated (per arm, before scaling);
	// PersonYears the adult person-years simulated in the horizon, burn-in excluded.
	AdultsSimulated [NumArms]float64
	PersonYears     [NumArms]float64

	// Timing (the only fields that vary between identical runs): wall and
	// CPU seconds the run's PCN units took, summed over units.
	WallSeconds, CPUSeconds float64
}

// PCNRun holds one PCN's group-"all" metric values in one run.
type PCNRun struct {
	PCN    int // index into the ensemble's PCN list
	Values [NumArms][NumMetrics]float64
}

// Draw is one parameter value drawn for a run.
type Draw struct {
	Key   string
	Value float64
}
