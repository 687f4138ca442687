package study

import "unsafe"

// Memory estimates the peak memory, in bytes, that Run with workers workers
// needs beyond the program: every study's estimates in both worlds, kept
// for the summary, and each worker's observations of its largest study with
// the analyses' working copies of them, all with the garbage collector's
// headroom (the heap may reach twice what is live).
func (p Plan) Memory(workers int) float64 {
	perStudy := float64(len(p.Analyses))*float64(unsafe.Sizeof(pair{})) + float64(unsafe.Sizeof(0))
	est := float64(len(p.Sizes)) * float64(max(p.Studies, 0)) * perStudy
	var people float64
	for _, x := range p.Sizes {
		people = max(people, p.at(x).people())
	}
	obs := float64(max(workers, 1)) * people * float64(unsafe.Sizeof(Obs{})) * 4
	return 2 * (est + obs)
}

// people is the expected number of observations in one study of the design.
func (d Design) people() float64 {
	switch d.Kind {
	case kindRCT:
		return 2 * float64(d.PerArm)
	case kindBeforeAfter:
		return float64(d.PerArm)
	case kindSteppedWedge:
		return float64(d.Clusters) * d.ClusterSize * float64(d.Steps+1)
	}
	return float64(d.Clusters) * d.ClusterSize
}
