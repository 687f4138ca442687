package scenarios

import (
	"fmt"
	"reflect"
	"sort"

	"spsim/sim"
)

// Scenario is a loaded and validated scenario with its comparator arm.
// It is read-only after Load, so its methods may be called concurrently.
type Scenario struct {
	Name, Description string
	Source            string // path of the file, or "embedded:NAME"

	base    sim.Params    // scenario arm, each distribution at its representative value
	dists   []slotDist    // scenario arm's distributions, sorted by slot
	overlay []assignment  // comparator overlay, in dictionary order
	pcns    []sim.PCNSpec // PCNs read from pcns.csv, or nil for synthetic PCNs
}

// Arms returns the parameters of the scenario and comparator arms for the
// run whose seed is seed, and the values drawn for keys given as
// distributions, sorted by key. Each value depends only on seed and its key,
// so Arms is a pure function of its arguments (run is not used beyond
// that). The comparator inherits the scenario's drawn values except where
// its overlay sets a key; a distribution in the overlay is drawn from the
// same stream as the scenario's key, so the two arms get the same value when
// they give the same distribution, and is listed as "comparator.<key>".
func (s *Scenario) Arms(run int, seed uint64) (scenario, comparator sim.Params, draws []sim.Draw, err error) {
	scenario = cloneParams(s.base)
	sv := reflect.ValueOf(&scenario).Elem()
	for _, d := range s.dists {
		x, err := d.draw(seed)
		if err != nil {
			return sim.Params{}, sim.Params{}, nil, fmt.Errorf("run %d: %w", run, err)
		}
		d.set(sv, x)
		draws = append(draws, sim.Draw{Key: d.slot, Value: x})
	}
	comparator = cloneParams(scenario)
	cv := reflect.ValueOf(&comparator).Elem()
	for _, a := range s.overlay {
		a.apply(cv)
		for _, d := range a.dists {
			x, err := d.draw(seed)
			if err != nil {
				return sim.Params{}, sim.Params{}, nil, fmt.Errorf("run %d: comparator.%w", run, err)
			}
			d.set(cv, x)
			draws = append(draws, sim.Draw{Key: "comparator." + d.slot, Value: x})
		}
	}
	sort.Slice(draws, func(i, j int) bool { return draws[i].Key < draws[j].Key })
	return scenario, comparator, draws, nil
}

// Base returns the scenario arm with each distribution replaced by its mean
// (kept within the key's range, rounded for integers): for display, and for
// what does not vary between runs, such as the PCN structure.
func (s *Scenario) Base() sim.Params { return cloneParams(s.base) }

// comparatorBase is the comparator arm with distributions at their means.
func (s *Scenario) comparatorBase() sim.Params {
	c := cloneParams(s.base)
	cv := reflect.ValueOf(&c).Elem()
	for _, a := range s.overlay {
		a.apply(cv)
	}
	return c
}

// PCNs returns the PCNs simulated: read from pcns.csv if it is set, else
// built by sim.SyntheticPCNs from Base.
func (s *Scenario) PCNs() []sim.PCNSpec {
	if s.pcns == nil {
		return sim.SyntheticPCNs(s.Base())
	}
	out := make([]sim.PCNSpec, len(s.pcns))
	for i, p := range s.pcns {
		out[i] = p
		out[i].Practices = append([]sim.PracticeSpec(nil), p.Practices...)
	}
	return out
}

// Dists returns the keys given as distributions, as the draw keys of Arms:
// "effects.wellbeing", "needs.money.imd_rr[0]", "rollout.phases[1].share",
// and "comparator.<key>" for distributions in the comparator overlay.
func (s *Scenario) Dists() []string {
	var keys []string
	for _, d := range s.dists {
		keys = append(keys, d.slot)
	}
	for _, a := range s.overlay {
		for _, d := range a.dists {
			keys = append(keys, "comparator."+d.slot)
		}
	}
	sort.Strings(keys)
	return keys
}
