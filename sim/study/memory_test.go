package study

import "testing"

// Memory grows with the studies kept and with the largest study's people.
func TestPlanMemory(t *testing.T) {
	p := Plan{Design: Design{Kind: "rct"}, Analyses: []string{"ttest", "ancova"}, Vary: "per_arm",
		Sizes: []float64{50, 100}, Studies: 1000}
	base := p.Memory(1)
	more := p
	more.Studies = 2000
	if more.Memory(1) <= base {
		t.Error("twice the studies need no more memory")
	}
	bigger := p
	bigger.Sizes = []float64{50, 1e7}
	if got := bigger.Memory(2); got < 2*2e7*40 {
		t.Errorf("two workers with studies of 2e7 people: %g bytes, want at least their observations", got)
	}
	sw := Plan{Design: Design{Kind: "stepped_wedge", Clusters: 10, ClusterSize: 20, Steps: 4}, Vary: "cluster_size", Sizes: []float64{20}}
	if got := sw.at(20).people(); got != 10*20*5 {
		t.Errorf("stepped wedge of 10 clusters of 20 over 5 periods: %g people, want 1000", got)
	}
}
