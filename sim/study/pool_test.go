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

// Attrition that is higher among the deprived removes them from the
// analysed sample, and measurement error widens the estimates' spread.
func TestPoolDifferentialAttritionAndMeasurementError(t *testing.T) {
	p := testPool()
	obs := p.Recruit(nil, rand.New(rand.NewPCG(7, 8)), Design{Kind: "rct", PerArm: 150}, World{AttritionDeprivedExtra: 1}, true)
	// Quintiles 1-2 are 2 of every 5 clusters: all of them are lost.
	if n := len(obs); n == 0 || n > 300*3/5+20 {
		t.Errorf("%d of 300 followed up with every deprived person lost, want about 180", n)
	}
	plan := func(me float64) Plan {
		return Plan{Design: Design{Kind: "rct", PerArm: 50}, World: World{MeasurementSD: me}, Pool: p,
			Analyses: []string{"ttest"}, Vary: "per_arm", Sizes: []float64{50}, Studies: 300, Alpha: 0.05, Power: 0.8, Seed: 1}
	}
	a, err := plan(0).Run(t.Context(), 2, nil)
	if err != nil {
		t.Fatal(err)
	}
	b, err := plan(8).Run(t.Context(), 2, nil)
	if err != nil {
		t.Fatal(err)
	}
	// Outcome SD 8 plus error SD 8: the SE grows by about √2.
	if r := b.Points[0].EmpiricalSE / a.Points[0].EmpiricalSE; r < 1.25 || r > 1.6 {
		t.Errorf("measurement error SD 8 multiplies the empirical SE by %v, want about 1.41", r)
	}
}
