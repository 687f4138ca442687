package study

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"gonum.org/v1/gonum/stat"
)

// mcResult summarises a Monte Carlo run of one design and analysis.
type mcResult struct {
	nsim, rejected, failed int
	effects, ses           []float64 // per OK study
}

func (m mcResult) rate() float64 { return float64(m.rejected) / float64(m.nsim) }

// simulate generates nsim studies with a fixed seed and analyses each.
func simulate(seed uint64, nsim int, d Design, w World, analyse func([]Obs) Estimate) mcResult {
	r := rand.New(rand.NewPCG(seed, 0x5eed))
	res := mcResult{nsim: nsim}
	var obs []Obs
	for range nsim {
		obs = Generate(obs[:0], r, d, w)
		e := analyse(obs)
		if !e.OK {
			res.failed++
			continue
		}
		if e.Reject(0.05) {
			res.rejected++
		}
		res.effects = append(res.effects, e.Effect)
		res.ses = append(res.ses, e.SE)
	}
	return res
}

// checkPower fails unless the simulated rejection rate is within 3 Monte
// Carlo SEs, √(p(1 − p)/nsim), of the closed-form power want, and logs the
// comparison (go test -v shows the measured values).
func checkPower(t *testing.T, name string, res mcResult, want float64) {
	t.Helper()
	got := res.rate()
	se := math.Sqrt(want * (1 - want) / float64(res.nsim))
	t.Logf("%-44s simulated %.4f  closed form %.6f  (%+.2f MC SE, nsim %d, failed fits %d)",
		name, got, want, (got-want)/se, res.nsim, res.failed)
	if math.Abs(got-want) > 3*se {
		t.Errorf("%s: simulated power %.4f, closed form %.6f: more than 3 MC SE (%.4f) apart", name, got, want, se)
	}
}

// checkSize fails unless the simulated type I error rate lies in [lo, hi].
func checkSize(t *testing.T, name string, res mcResult, lo, hi float64) {
	t.Helper()
	got := res.rate()
	t.Logf("%-44s type I error %.4f (nsim %d, failed fits %d), accepted [%.3f, %.3f]", name, got, res.nsim, res.failed, lo, hi)
	if got < lo || got > hi || res.failed > res.nsim/100 {
		t.Errorf("%s: type I error %.4f outside [%.3f, %.3f] or %d failed fits", name, got, lo, hi, res.failed)
	}
}

func TestDesignValidate(t *testing.T) {
	good := []Design{
		{Kind: "rct", PerArm: 2},
		{Kind: "before_after", PerArm: 50},
		{Kind: "cluster_rct", Clusters: 4, ClusterSize: 1},
		{Kind: "controlled_before_after", Clusters: 9, ClusterSize: 12.5, ClusterCV: 0.65},
		{Kind: "stepped_wedge", Clusters: 10, Steps: 4, ClusterSize: 10},
	}
	for _, d := range good {
		if err := d.Validate(); err != nil {
			t.Errorf("%+v: unexpected error %v", d, err)
		}
	}
	bad := []struct {
		d    Design
		want string
	}{
		{Design{Kind: "rtc", PerArm: 100}, "unknown design kind"},
		{Design{Kind: "", PerArm: 100}, "unknown design kind"},
		{Design{Kind: "rct", PerArm: 1}, "PerArm ≥ 2"},
		{Design{Kind: "before_after"}, "PerArm ≥ 2"},
		{Design{Kind: "cluster_rct", Clusters: 3, ClusterSize: 20}, "Clusters ≥ 4"},
		{Design{Kind: "controlled_before_after", Clusters: 10, ClusterSize: 0.5}, "ClusterSize ≥ 1"},
		{Design{Kind: "cluster_rct", Clusters: 10, ClusterSize: math.NaN()}, "ClusterSize ≥ 1"},
		{Design{Kind: "cluster_rct", Clusters: 10, ClusterSize: 20, ClusterCV: -0.1}, "ClusterCV"},
		{Design{Kind: "stepped_wedge", Clusters: 10, Steps: 1, ClusterSize: 10}, "Steps ≥ 2"},
		{Design{Kind: "stepped_wedge", Clusters: 3, Steps: 4, ClusterSize: 10}, "Clusters ≥ Steps"},
		{Design{Kind: "stepped_wedge", Clusters: 8, Steps: 4}, "ClusterSize ≥ 1"},
	}
	for _, c := range bad {
		err := c.d.Validate()
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: error %v, want one mentioning %q", c.d, err, c.want)
		}
	}
}

func TestGeneratePanicsOnInvalidInput(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 1))
	okDesign := Design{Kind: "rct", PerArm: 10}
	for name, f := range map[string]func(){
		"bad design": func() { Generate(nil, r, Design{Kind: "cohort"}, World{SD: 1}) },
		"ICC > 1":    func() { Generate(nil, r, okDesign, World{SD: 1, ICC: 1.5}) },
		"Rho < -1":   func() { Generate(nil, r, okDesign, World{SD: 1, Rho: -2}) },
		"SD < 0":     func() { Generate(nil, r, okDesign, World{SD: -1}) },
		"CAC NaN":    func() { Generate(nil, r, okDesign, World{SD: 1, CAC: math.NaN()}) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: Generate did not panic", name)
				}
			}()
			f()
		}()
	}
}

func TestGenerateLayout(t *testing.T) {
	r := rand.New(rand.NewPCG(2, 3))
	w := World{Effect: 1, SD: 9, ICC: 0.05, CAC: 1, Rho: 0.5}

	// Appends to dst and is reproducible from the seed.
	prefix := []Obs{{Cluster: 99, Y: 42}}
	obs := Generate(prefix, rand.New(rand.NewPCG(7, 7)), Design{Kind: "rct", PerArm: 30}, w)
	again := Generate(nil, rand.New(rand.NewPCG(7, 7)), Design{Kind: "rct", PerArm: 30}, w)
	if len(obs) != 61 || obs[0].Cluster != 99 || obs[1] != again[0] || obs[60] != again[59] {
		t.Errorf("Generate should append to dst and reproduce from the seed")
	}

	obs = Generate(nil, r, Design{Kind: "rct", PerArm: 30}, w)
	treated := 0
	for _, o := range obs {
		if o.Cluster != 0 || o.Period != 0 || math.IsNaN(o.Base) {
			t.Fatalf("rct obs %+v: want cluster 0, period 0 and a baseline", o)
		}
		if o.Treated {
			treated++
		}
	}
	if len(obs) != 60 || treated != 30 {
		t.Errorf("rct: %d people, %d treated; want 60, 30", len(obs), treated)
	}

	// Odd number of clusters: the extra one is a control.
	obs = Generate(nil, r, Design{Kind: "cluster_rct", Clusters: 5, ClusterSize: 7}, w)
	arm := map[int]bool{}
	size := map[int]int{}
	for _, o := range obs {
		if prev, seen := arm[o.Cluster]; seen && prev != o.Treated {
			t.Fatalf("cluster %d is not wholly in one arm", o.Cluster)
		}
		arm[o.Cluster] = o.Treated
		size[o.Cluster]++
	}
	nTreated := 0
	for c := 0; c < 5; c++ {
		if size[c] != 7 {
			t.Errorf("cluster %d has %d people, want 7", c, size[c])
		}
		if arm[c] {
			nTreated++
		}
	}
	if nTreated != 2 {
		t.Errorf("5 clusters: %d treated, want 2 (extra cluster to control)", nTreated)
	}

	// Stepped wedge: the SWDesign(I, S, 1, 1) layout, including a remainder
	// (10 clusters over 4 steps: 3, 3, 2, 2).
	for _, c := range []struct{ I, S int }{{20, 4}, {10, 4}} {
		obs = Generate(nil, r, Design{Kind: "stepped_wedge", Clusters: c.I, Steps: c.S, ClusterSize: 3}, w)
		if len(obs) != c.I*(c.S+1)*3 {
			t.Errorf("SW %v: %d obs, want %d", c, len(obs), c.I*(c.S+1)*3)
		}
		want := make([][]bool, c.I)
		cl := 0
		for s := 0; s < c.S; s++ {
			n := c.I / c.S
			if s < c.I%c.S {
				n++
			}
			for range n {
				want[cl] = make([]bool, c.S+1)
				for j := s + 1; j <= c.S; j++ {
					want[cl][j] = true
				}
				cl++
			}
		}
		for _, o := range obs {
			if !math.IsNaN(o.Base) || o.Treated != want[o.Cluster][o.Period] {
				t.Fatalf("SW %v: obs %+v does not follow the layout", c, o)
			}
		}
		if c.I == 20 {
			X := SWDesign(20, 4, 1, 1)
			for i := range X {
				for j := range X[i] {
					if (X[i][j] == 1) != want[i][j] {
						t.Fatalf("SW layout differs from SWDesign at (%d, %d)", i, j)
					}
				}
			}
		}
	}
}

func TestGenerateMoments(t *testing.T) {
	r := rand.New(rand.NewPCG(4, 5))

	// Individual level: SD, Rho, Effect and Secular.
	w := World{Effect: 3, SD: 9, Rho: 0.6, Secular: 1.5}
	obs := Generate(nil, r, Design{Kind: "rct", PerArm: 20000}, w)
	var base, y, yc []float64
	var sumT, sumC float64
	for _, o := range obs {
		base = append(base, o.Base)
		y = append(y, o.Y)
		if o.Treated {
			sumT += o.Y
		} else {
			sumC += o.Y
			yc = append(yc, o.Y)
		}
	}
	near(t, "rct corr(Base, Y)", stat.Correlation(base, y, nil), 0.6, 0.01)
	near(t, "rct SD of control Y", stat.StdDev(yc, nil), 9, 0.1)
	near(t, "rct mean difference", (sumT-sumC)/20000, 3, 4*9*math.Sqrt(2.0/20000))
	near(t, "rct control mean (Secular)", sumC/20000, 1.5, 4*9/math.Sqrt(20000))

	ba := BeforeAfter(Generate(nil, r, Design{Kind: "before_after", PerArm: 20000}, w))
	near(t, "before-after change = Effect + Secular", ba.Effect, 4.5, 4*ba.SE)

	// Cluster level: ICC (one-way ANOVA estimator), CAC (correlation of the
	// cluster means at baseline and follow-up) and cluster-size CV.
	const K, m = 2000, 40
	w = World{SD: 9, ICC: 0.1, CAC: 0.6, Rho: 0.5}
	obs = Generate(nil, r, Design{Kind: "cluster_rct", Clusters: K, ClusterSize: m}, w)
	meanY := make([]float64, K)
	meanB := make([]float64, K)
	for _, o := range obs {
		meanY[o.Cluster] += o.Y / m
		meanB[o.Cluster] += o.Base / m
	}
	var ssw float64
	for _, o := range obs {
		ssw += (o.Y - meanY[o.Cluster]) * (o.Y - meanY[o.Cluster])
	}
	msw := ssw / float64(K*(m-1))
	msb := m * stat.Variance(meanY, nil)
	tau2 := (msb - msw) / m
	near(t, "ICC (ANOVA estimate)", tau2/(tau2+msw), 0.1, 0.012)
	// Corr of cluster means = (CAC·τ² + Rho·σ²/m)/(τ² + σ²/m).
	tau2w, s2w := 0.1*81.0, 0.9*81.0
	wantCorr := (0.6*tau2w + 0.5*s2w/m) / (tau2w + s2w/m)
	near(t, "corr of cluster means (CAC, Rho)", stat.Correlation(meanB, meanY, nil), wantCorr, 0.04)

	obs = Generate(nil, r, Design{Kind: "cluster_rct", Clusters: K, ClusterSize: 20, ClusterCV: 0.65}, World{SD: 1})
	sizes := make([]float64, K)
	for _, o := range obs {
		sizes[o.Cluster]++
	}
	mean, sd := stat.MeanStdDev(sizes, nil)
	near(t, "mean cluster size", mean, 20, 0.9)
	near(t, "CV of cluster sizes", sd/mean, 0.65, 0.03)

	// Stepped wedge: Secular per period, CAC < 1 between periods (Effect 0,
	// so every period mean is Secular × period).
	const I = 1000
	obs = Generate(nil, r, Design{Kind: "stepped_wedge", Clusters: I, Steps: 4, ClusterSize: 20},
		World{SD: 9, ICC: 0.2, CAC: 0.5, Secular: 2})
	cp := make([][]float64, 5) // cluster-period means by period
	for j := range cp {
		cp[j] = make([]float64, I)
	}
	for _, o := range obs {
		cp[o.Period][o.Cluster] += o.Y / 20
	}
	// SE of a difference of period means: √(2(τ²(1 − CAC) + σ²/m)/I) ≈ 0.15.
	near(t, "SW period 3 − period 0 mean (3 × Secular)", stat.Mean(cp[3], nil)-stat.Mean(cp[0], nil), 6, 0.5)
	// Corr of cluster-period means across periods = CAC·τ²/(τ² + σ²/m).
	wantCorr = 0.5 * 0.2 * 81 / (0.2*81 + 0.8*81/20)
	near(t, "SW corr of cluster-period means (CAC)", stat.Correlation(cp[0], cp[4], nil), wantCorr, 0.08)
}

func TestGenerateAttrition(t *testing.T) {
	r := rand.New(rand.NewPCG(6, 7))
	w := World{SD: 1, Attrition: 0.2, AttritionTreatedExtra: 0.1}
	obs := Generate(nil, r, Design{Kind: "rct", PerArm: 20000}, w)
	var nt, nc float64
	for _, o := range obs {
		if o.Treated {
			nt++
		} else {
			nc++
		}
	}
	tol := 4 * math.Sqrt(0.25/20000)
	near(t, "control retention", nc/20000, 0.8, tol)
	near(t, "treated retention", nt/20000, 0.7, tol)
	obs = Generate(nil, r, Design{Kind: "cluster_rct", Clusters: 10, ClusterSize: 10}, World{SD: 1, Attrition: 1})
	if len(obs) != 0 {
		t.Errorf("attrition 1 left %d people", len(obs))
	}
	if e := TTest(obs); e.OK {
		t.Errorf("TTest on an empty study should not be OK")
	}
}
