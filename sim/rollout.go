package sim

import "sort"

// GoLiveDates returns each PCN's service go-live date under p's rollout: a
// CSV date where given, else the phase the PCN falls in (in phase_order),
// else rollout.go_live.
func GoLiveDates(p Params, pcns []PCNSpec) []Date {
	d := make([]Date, len(pcns))
	for i := range d {
		d[i] = p.Rollout.GoLive
	}
	if len(p.Rollout.Phases) > 0 {
		order := make([]int, len(pcns))
		for i := range order {
			order[i] = i
		}
		deprived := func(i int) float64 { s := pcns[i].IMDShares(); return s[0] + s[1] }
		switch p.Rollout.Order {
		case "deprived_first":
			sort.SliceStable(order, func(a, b int) bool { return deprived(order[a]) > deprived(order[b]) })
		case "least_deprived_first":
			sort.SliceStable(order, func(a, b int) bool { return deprived(order[a]) < deprived(order[b]) })
		}
		var cum float64
		k := 0
		for ph, phase := range p.Rollout.Phases {
			cum += phase.Share
			end := int(cum*float64(len(pcns)) + 0.5)
			if ph == len(p.Rollout.Phases)-1 {
				end = len(pcns)
			}
			for ; k < end && k < len(pcns); k++ {
				d[order[k]] = phase.GoLive
			}
		}
	}
	for i, pc := range pcns {
		if pc.GoLive != 0 {
			d[i] = pc.GoLive
		}
	}
	return d
}
