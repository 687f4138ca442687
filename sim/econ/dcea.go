package econ

import (
	"errors"
	"fmt"
	"math"

	"spsim/sim/inequality"
)

// DCEAInput holds the inputs for a distributional cost-effectiveness
// analysis by deprivation group (e.g. IMD quintile), most deprived first.
// All group slices must have the same length.
type DCEAInput struct {
	BaselineQALE  []float64 // baseline quality-adjusted life expectancy per person
	Population    []float64 // people in each group
	IncQALY       []float64 // total incremental QALYs gained in each group (not per person)
	IncCost       float64   // total incremental cost, £
	Threshold     float64   // opportunity-cost threshold k, £ per QALY forgone
	OppCostShares []float64 // share of the forgone QALYs ΔC/k borne by each group; must sum to 1
	AtkinsonEps   []float64 // Atkinson aversions to evaluate (e.g. 0, 1, 10.95)
	KolmAlpha     []float64 // Kolm aversions to evaluate (e.g. 0.15)
}

// SWFResult is the social-welfare evaluation at one inequality aversion.
type SWFResult struct {
	Aversion                float64 // ε (Atkinson) or α (Kolm)
	IndexBefore, IndexAfter float64 // inequality index at baseline and after
	EDEBefore, EDEAfter     float64 // equally-distributed equivalent QALE per person
	// EquityWeightedQALY is (EDEAfter − EDEBefore) × total population: the
	// welfare gain in equity-weighted QALYs. At zero aversion it equals the
	// total NHB.
	EquityWeightedQALY float64
	// FirstOrder is Σ_i w_i NHB_i with the equity weights at baseline
	// (inequality.AtkinsonWeights / KolmWeights, population mean 1), the
	// linear approximation to EquityWeightedQALY.
	FirstOrder float64
}

// DCEAResult holds the distributional results.
type DCEAResult struct {
	OppCostQALY []float64 // QALYs forgone by group: share_i × ΔC/k
	NHB         []float64 // net health benefit by group: IncQALY_i − OppCostQALY_i
	TotalNHB    float64   // Σ NHB = ΣIncQALY − ΔC/k
	PostQALE    []float64 // BaselineQALE_i + NHB_i/Population_i
	// SIIBefore and SIIAfter are the PHE SII of QALE (least minus most
	// deprived) before and after; a fall means a narrower gap.
	SIIBefore, SIIAfter float64
	Atkinson            []SWFResult // one per DCEAInput.AtkinsonEps
	Kolm                []SWFResult // one per DCEAInput.KolmAlpha
}

// DCEA runs an aggregate distributional cost-effectiveness analysis (Asaria,
// Griffin & Cookson 2016): the opportunity cost ΔC/k is distributed across
// groups by OppCostShares, giving NHB by group; the post-intervention QALE
// distribution is baseline + NHB/population; and each social welfare index
// (Atkinson EDE for each ε, Kolm EDE for each α, population-weighted) is
// compared before and after, reporting ΔEDE × N as equity-weighted QALYs.
// Adjustment for fair versus unfair sources of variation is left to the
// caller (pass the QALE to be evaluated).
func DCEA(in DCEAInput) (DCEAResult, error) {
	n := len(in.BaselineQALE)
	if n == 0 {
		return DCEAResult{}, errors.New("econ: DCEA needs at least one group")
	}
	if len(in.Population) != n || len(in.IncQALY) != n || len(in.OppCostShares) != n {
		return DCEAResult{}, errors.New("econ: DCEA group slices differ in length")
	}
	if !(in.Threshold > 0) || math.IsInf(in.Threshold, 0) {
		return DCEAResult{}, errors.New("econ: DCEA threshold k must be positive and finite")
	}
	totPop, totShare := 0.0, 0.0
	for i := 0; i < n; i++ {
		if !(in.Population[i] > 0) {
			return DCEAResult{}, fmt.Errorf("econ: DCEA population of group %d must be positive", i+1)
		}
		if in.OppCostShares[i] < 0 {
			return DCEAResult{}, fmt.Errorf("econ: DCEA opportunity-cost share of group %d is negative", i+1)
		}
		totPop += in.Population[i]
		totShare += in.OppCostShares[i]
	}
	if math.Abs(totShare-1) > 1e-9 {
		return DCEAResult{}, fmt.Errorf("econ: DCEA opportunity-cost shares sum to %g, not 1", totShare)
	}

	forgone := in.IncCost / in.Threshold
	r := DCEAResult{
		OppCostQALY: make([]float64, n),
		NHB:         make([]float64, n),
		PostQALE:    make([]float64, n),
	}
	for i := 0; i < n; i++ {
		r.OppCostQALY[i] = in.OppCostShares[i] * forgone
		r.NHB[i] = in.IncQALY[i] - r.OppCostQALY[i]
		r.TotalNHB += r.NHB[i]
		r.PostQALE[i] = in.BaselineQALE[i] + r.NHB[i]/in.Population[i]
	}
	var err error
	if n >= 2 {
		if r.SIIBefore, _, err = inequality.SII(in.BaselineQALE, in.Population); err != nil {
			return DCEAResult{}, err
		}
		if r.SIIAfter, _, err = inequality.SII(r.PostQALE, in.Population); err != nil {
			return DCEAResult{}, err
		}
	}

	firstOrder := func(w []float64) float64 {
		s := 0.0
		for i, wi := range w {
			s += wi * r.NHB[i]
		}
		return s
	}
	for _, eps := range in.AtkinsonEps {
		s := SWFResult{Aversion: eps}
		if s.IndexBefore, s.EDEBefore, err = inequality.Atkinson(in.BaselineQALE, in.Population, eps); err != nil {
			return DCEAResult{}, err
		}
		if s.IndexAfter, s.EDEAfter, err = inequality.Atkinson(r.PostQALE, in.Population, eps); err != nil {
			return DCEAResult{}, err
		}
		w, err := inequality.AtkinsonWeights(in.BaselineQALE, in.Population, eps)
		if err != nil {
			return DCEAResult{}, err
		}
		s.EquityWeightedQALY = (s.EDEAfter - s.EDEBefore) * totPop
		s.FirstOrder = firstOrder(w)
		r.Atkinson = append(r.Atkinson, s)
	}
	for _, alpha := range in.KolmAlpha {
		s := SWFResult{Aversion: alpha}
		if s.IndexBefore, s.EDEBefore, err = inequality.Kolm(in.BaselineQALE, in.Population, alpha); err != nil {
			return DCEAResult{}, err
		}
		if s.IndexAfter, s.EDEAfter, err = inequality.Kolm(r.PostQALE, in.Population, alpha); err != nil {
			return DCEAResult{}, err
		}
		w, err := inequality.KolmWeights(in.BaselineQALE, in.Population, alpha)
		if err != nil {
			return DCEAResult{}, err
		}
		s.EquityWeightedQALY = (s.EDEAfter - s.EDEBefore) * totPop
		s.FirstOrder = firstOrder(w)
		r.Kolm = append(r.Kolm, s)
	}
	return r, nil
}
