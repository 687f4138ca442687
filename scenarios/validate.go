package scenarios

import (
	"fmt"
	"math"
	"strings"

	"spsim/sim"
)

// shareTolerance is how far shares may sum from 1.
const shareTolerance = 1e-6

// shareLists are keys whose values must sum to 1, so they cannot be drawn
// (their fields are tagged nodist; the loader names the reason).
var shareLists = []string{"population.age_shares", "population.new_registrant_ages", "rollout.phases"}

// validate checks what single keys cannot: that shares sum to 1, bounds
// given by other keys, dates in order. Both arms are checked, with each
// distribution at its representative value.
func (s *Scenario) validate() *Error {
	if e := checkParams(s.base); e != nil {
		return e
	}
	if e := checkParams(s.comparatorBase()); e != nil {
		e.Key = "comparator." + e.Key
		e.Msg += " (in the comparator arm)"
		return e
	}
	return nil
}

// checkParams checks the relations between the keys of one arm.
func checkParams(p sim.Params) *Error {
	if e := checkShares("population.age_shares", p.Population.AgeShares); e != nil {
		return e
	}
	if e := checkShares("population.new_registrant_ages", p.Population.NewRegistrantAges); e != nil {
		return e
	}
	if len(p.Rollout.Phases) > 0 {
		shares := make([]float64, len(p.Rollout.Phases))
		for i, ph := range p.Rollout.Phases {
			shares[i] = ph.Share
		}
		if e := checkShares("rollout.phases", shares); e != nil {
			e.Msg = strings.Replace(e.Msg, "values", "phase shares", 1)
			return e
		}
	}
	c := p.PCNs
	if !(c.RegisteredMin <= c.Registered && c.Registered <= c.RegisteredMax) {
		return &Error{Key: "pcns.registered", Msg: fmt.Sprintf("= %s is outside [pcns.registered_min, pcns.registered_max] = [%s, %s]",
			formatFloat(c.Registered), formatFloat(c.RegisteredMin), formatFloat(c.RegisteredMax))}
	}
	if c.PracticeDeprivationSD > c.DeprivationWithinSD {
		return &Error{Key: "pcns.practice_deprivation_sd", Msg: fmt.Sprintf("= %s is more than pcns.deprivation_within_sd = %s, of which it is a part",
			formatFloat(c.PracticeDeprivationSD), formatFloat(c.DeprivationWithinSD))}
	}
	if c.CSV != "" && c.Count != sim.DefaultParams().PCNs.Count {
		return &Error{Key: "pcns.count", Msg: fmt.Sprintf("= %d, but pcns.csv is set and the PCNs come from the CSV; remove pcns.count", c.Count)}
	}
	if p.Support.ContactsMin > p.Support.ContactsMax {
		return &Error{Key: "support.contacts_min", Msg: fmt.Sprintf("= %d is more than support.contacts_max = %d", p.Support.ContactsMin, p.Support.ContactsMax)}
	}
	for i, g := range p.Services.Grants {
		if g.End <= g.Start {
			return &Error{Key: fmt.Sprintf("services.grants[%d].end", i), Msg: fmt.Sprintf("= %s is not after its start %s", g.End, g.Start)}
		}
	}
	path := p.LinkWorkers.FTEPath
	if p.Rollout.Enabled && len(path) == 0 {
		return &Error{Key: "link_workers.fte_path", Msg: "is empty, but rollout.enabled = true: give at least one {date, fte_per_50k}"}
	}
	for i := 1; i < len(path); i++ {
		if path[i].Date <= path[i-1].Date {
			return &Error{Key: fmt.Sprintf("link_workers.fte_path[%d].date", i), Msg: fmt.Sprintf("= %s is not after the previous date %s; dates must be strictly ascending", path[i].Date, path[i-1].Date)}
		}
	}
	if p.Simulation.Years*52 < 1 {
		return &Error{Key: "simulation.years", Msg: fmt.Sprintf("= %s is shorter than one week", formatFloat(p.Simulation.Years))}
	}
	return nil
}

// checkShares checks that shares sum to 1.
func checkShares(key string, shares []float64) *Error {
	var sum float64
	for _, x := range shares {
		sum += x
	}
	if math.Abs(sum-1) > shareTolerance {
		parts := make([]string, len(shares))
		for i, x := range shares {
			parts[i] = formatFloat(x)
		}
		return &Error{Key: key, Msg: fmt.Sprintf("= [%s] sums to %.10g; the values must sum to 1 (within %g)", strings.Join(parts, ", "), sum, shareTolerance)}
	}
	return nil
}
