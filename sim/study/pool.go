package study

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"
)

// Person is one person an evaluation could recruit from a simulated world
// (abm mode): the cluster they are registered in, their deprivation, their
// measurement when they were referred, and their follow-up measurement with
// the intervention and without it. The simulation knows both, so every
// design can be graded against the true effect.
type Person struct {
	Cluster   int     // practice or PCN
	IMD       int     // IMD quintile, 1 most deprived
	Base      float64 // measured at referral (the low point that selects people)
	Treated   float64 // follow-up with the intervention
	Untreated float64 // follow-up without it (the counterfactual)
}

// Pool is the people a simulated world offers a study, grouped by cluster.
type Pool struct {
	people   []Person
	clusters [][]int // indices into people, by cluster in order of first appearance
	depOrder []int   // clusters from most to least deprived (mean IMD)
	effect   float64 // mean individual effect, Treated − Untreated
}

// NewPool groups people by cluster.
func NewPool(people []Person) *Pool {
	p := &Pool{people: people}
	index := map[int]int{}
	var imd []float64
	for i, x := range people {
		c, ok := index[x.Cluster]
		if !ok {
			c = len(p.clusters)
			index[x.Cluster] = c
			p.clusters = append(p.clusters, nil)
			imd = append(imd, 0)
		}
		p.clusters[c] = append(p.clusters[c], i)
		imd[c] += float64(x.IMD)
		p.effect += x.Treated - x.Untreated
	}
	p.effect /= float64(len(people))
	for c := range p.clusters {
		imd[c] /= float64(len(p.clusters[c]))
		p.depOrder = append(p.depOrder, c)
	}
	slices.SortStableFunc(p.depOrder, func(a, b int) int { return cmp.Compare(imd[a], imd[b]) })
	return p
}

// Len is the number of people in the pool; Clusters the number of clusters.
func (p *Pool) Len() int      { return len(p.people) }
func (p *Pool) Clusters() int { return len(p.clusters) }

// TrueEffect is the mean individual effect over the pool: the average
// effect of treatment among the people referred, which every design
// estimates.
func (p *Pool) TrueEffect() float64 { return p.effect }

// Recruit appends one study of design d recruited from the pool to dst:
// people sampled without replacement (within each cluster for cluster
// designs, with replacement only when a cluster has fewer people than the
// study needs), each measured at referral and at follow-up, Treated per the
// design. withEffect false gives the null world: everyone's untreated
// follow-up. Attrition follows w.Attrition, w.AttritionTreatedExtra and
// w.AttritionDeprivedExtra (IMD quintiles 1-2); the other fields of w are
// the parametric world's and are not used (Plan.Run adds MeasurementSD).
//
// Allocation: individuals (rct) and clusters (cluster_rct, the order of
// stepped_wedge steps) are randomised; in controlled_before_after the more
// deprived half of the clusters is the intervention group and the rest the
// comparison, as rollouts that target deprived areas first are evaluated, so
// its bias is what such a comparison gives, not assumed away.
func (p *Pool) Recruit(dst []Obs, r *rand.Rand, d Design, w World, withEffect bool) []Obs {
	add := func(cluster, period int, treated bool, x Person) {
		lost := w.Attrition
		if treated {
			lost += w.AttritionTreatedExtra
		}
		if x.IMD <= 2 {
			lost += w.AttritionDeprivedExtra
		}
		if r.Float64() < lost {
			return
		}
		y := x.Untreated
		if treated && withEffect {
			y = x.Treated
		}
		dst = append(dst, Obs{Cluster: cluster, Period: period, Treated: treated, Base: x.Base, Y: y})
	}
	switch d.Kind {
	case kindRCT, kindBeforeAfter:
		n := d.PerArm
		if d.Kind == kindRCT {
			n *= 2
		}
		for k, i := range sampleIndices(r, len(p.people), n) {
			treated := d.Kind == kindBeforeAfter || k < d.PerArm
			add(0, 0, treated, p.people[i])
		}
	case kindClusterRCT, kindCBA, kindSteppedWedge:
		k := min(d.Clusters, len(p.clusters))
		chosen := sampleIndices(r, len(p.clusters), k)
		if d.Kind == kindCBA {
			// The sampled clusters in order of deprivation, most deprived
			// first: the first half is the intervention group.
			slices.Sort(chosen)
			for i, j := range chosen {
				chosen[i] = p.depOrder[j]
			}
		}
		m := int(math.Round(d.ClusterSize))
		periods := 1
		if d.Kind == kindSteppedWedge {
			periods = d.Steps + 1
		}
		var X [][]float64
		if d.Kind == kindSteppedWedge {
			X = stepDesign(k, d.Steps)
		}
		for ci, c := range chosen {
			members := p.clusters[c]
			idx := sampleIndices(r, len(members), m*periods)
			for j := 0; j < periods; j++ {
				var treated bool
				switch d.Kind {
				case kindClusterRCT:
					treated = ci < k/2 // chosen is in random order
				case kindCBA:
					treated = ci < k/2 // the more deprived half
				case kindSteppedWedge:
					treated = X[ci][j] == 1
				}
				for _, i := range idx[j*m : (j+1)*m] {
					add(ci, j, treated, p.people[members[i]])
				}
			}
		}
	}
	return dst
}

// sampleIndices draws n indices from 0..size-1: without replacement (a
// partial Fisher–Yates shuffle, so in random order) while they last, then
// with replacement.
func sampleIndices(r *rand.Rand, size, n int) []int {
	out := make([]int, 0, n)
	perm := make([]int, size)
	for i := range perm {
		perm[i] = i
	}
	for len(out) < n && len(out) < size {
		j := len(out) + r.IntN(size-len(out))
		perm[len(out)], perm[j] = perm[j], perm[len(out)]
		out = append(out, perm[len(out)])
	}
	for len(out) < n {
		out = append(out, r.IntN(size))
	}
	return out
}
