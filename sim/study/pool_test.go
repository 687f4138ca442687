package study

import (
	"math"
	"math/rand/v2"
	"testing"
)

// testPool has 12 clusters of 30 people; cluster c's people have IMD
// quintile c%5+1, and everyone gains exactly 1 point from the intervention.
func testPool() *Pool {
	r := rand.New(rand.NewPCG(1, 2))
	var people []Person
	for c := range 12 {
		for range 30 {
			u := 50 + 8*r.NormFloat64()
			people = append(people, Person{Cluster: 100 + c, IMD: c%5 + 1, Base: u - 3, Treated: u + 1, Untreated: u})
		}
	}
	return NewPool(people)
}

// The same recruitment with and without the effect differs only in the
// treated people's follow-up, by their individual effect: estimates differ
// by exactly the true effect.
func TestPoolRecruitPairsWorlds(t *testing.T) {
	p := testPool()
	if p.Len() != 360 || p.Clusters() != 12 || math.Abs(p.TrueEffect()-1) > 1e-12 {
		t.Fatalf("pool: %d people, %d clusters, effect %v", p.Len(), p.Clusters(), p.TrueEffect())
	}
	for _, d := range []Design{
		{Kind: "rct", PerArm: 40},
		{Kind: "cluster_rct", Clusters: 8, ClusterSize: 10},
		{Kind: "stepped_wedge", Clusters: 8, ClusterSize: 5, Steps: 4},
	} {
		fit := map[string]func([]Obs) Estimate{"rct": TTest, "cluster_rct": ClusterLevel, "stepped_wedge": func(o []Obs) Estimate { return MixedModel(o, true) }}[d.Kind]
		with := fit(p.Recruit(nil, rand.New(rand.NewPCG(3, 4)), d, World{}, true))
		null := fit(p.Recruit(nil, rand.New(rand.NewPCG(3, 4)), d, World{}, false))
		if !with.OK || !null.OK || math.Abs(with.Effect-null.Effect-1) > 1e-6 {
			t.Errorf("%s: estimate %v with the effect, %v without; want a difference of exactly 1", d.Kind, with.Effect, null.Effect)
		}
	}
}

// A controlled before-after study puts the more deprived clusters in the
// intervention group.
func TestPoolCBAInterventionIsMoreDeprived(t *testing.T) {
	p := testPool()
	obs := p.Recruit(nil, rand.New(rand.NewPCG(5, 6)), Design{Kind: "controlled_before_after", Clusters: 12, ClusterSize: 5}, World{}, true)
	imdOf := map[int]float64{}
	for c := range p.clusters {
		imdOf[c] = float64(p.people[p.clusters[c][0]].IMD)
	}
	// Obs clusters are 0..k-1 in order of deprivation; the first half is treated.
	for _, o := range obs {
		if o.Treated != (o.Cluster < 6) {
			t.Fatalf("cluster %d treated %v", o.Cluster, o.Treated)
		}
	}
	var treated, control float64
	order := p.depOrder
	for k, c := range order {
		if k < 6 {
			treated += imdOf[c]
		} else {
			control += imdOf[c]
		}
	}
	if !(treated < control) {
		t.Errorf("mean IMD quintile: intervention %v, comparison %v; want the intervention more deprived", treated/6, control/6)
	}
}
