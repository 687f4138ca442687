package study

import (
	"math"
	"testing"
)

func TestDesignEffectGolden(t *testing.T) {
	// C1 (exact, up to float64 rounding of the decimal inputs).
	near(t, "C1 DE m=20 icc=.05", DesignEffect(20, 0.05), 1.95, 1e-14)
	near(t, "C1 Eldridge CV .65", DesignEffectUnequal(20, 0.65, 0.05), 2.3725, 1e-14)
	near(t, "DE m=20 icc=.02", DesignEffect(20, 0.02), 1.38, 1e-14)
	near(t, "DE m=100 icc=.02", DesignEffect(100, 0.02), 2.98, 1e-14)
	near(t, "Eldridge icc=.02", DesignEffectUnequal(20, 0.65, 0.02), 1.549, 1e-14)
	near(t, "van Breukelen RE", RelativeEfficiencyVB(20, 0.65, 0.05), 0.894444, 1e-6)
	near(t, "van Breukelen VIF", VIFTaylor(20, 0.65, 0.05), 2.180124, 1e-6)
}

// Property: DE = 1 at icc = 0 for any cluster size or CV, and RE = 1.
func TestDesignEffectNoClustering(t *testing.T) {
	for _, m := range []float64{1, 5, 20, 137.5} {
		for _, cv := range []float64{0, 0.23, 0.65, 1.2} {
			if DesignEffect(m, 0) != 1 || DesignEffectUnequal(m, cv, 0) != 1 ||
				RelativeEfficiencyVB(m, cv, 0) != 1 || VIFTaylor(m, cv, 0) != 1 {
				t.Fatalf("DE/RE not 1 at icc=0 (m=%g, cv=%g)", m, cv)
			}
		}
		if DesignEffectUnequal(m, 0, 0.05) != DesignEffect(m, 0.05) {
			t.Errorf("Eldridge with CV 0 should be the equal-size DE")
		}
	}
	// With icc = 0 the cluster trial is an individually randomised trial
	// (apart from the df).
	near(t, "CRT z at icc 0", ClusterPowerZ(15, 20, DesignEffect(20, 0), 3, 9, 0.05), PowerZ(300, 3, 9, 0.05, false), 1e-14)
}

func TestClusterPowerGolden(t *testing.T) {
	// C2
	near(t, "C2 ClusterPowerT k=15", ClusterPowerT(15, 20, 0.05, 3, 9, 0.05), 0.805658, 1e-5)
	near(t, "C2 ClusterPowerZ k=15", ClusterPowerZ(15, 20, DesignEffect(20, 0.05), 3, 9, 0.05), 0.8324, 1e-4)
	for i, k := range []float64{10, 14, 20} {
		want := []float64{0.6174, 0.7760, 0.9081}[i]
		near(t, "ClusterPowerT k", ClusterPowerT(k, 20, 0.05, 3, 9, 0.05), want, 5e-5)
	}
	// cpa.normal method = "weighted" / "taylor", CV .65, k = 15.
	near(t, "cpa.normal weighted", ClusterPowerTVIF(15, 20, DesignEffectUnequal(20, 0.65, 0.05), 3, 9, 0.05), 0.725315, 1e-6)
	near(t, "cpa.normal taylor", ClusterPowerTVIF(15, 20, VIFTaylor(20, 0.65, 0.05), 3, 9, 0.05), 0.760864, 1e-6)
	// Equivalent cluster-means t test: Var(diff) = 2σ²[ρ + (1−ρ)/m]/k.
	v := 2 * 81 * (0.05 + 0.95/20) / 15
	near(t, "cluster-means variance", ClusterVarDiff(15, 20, 9, DesignEffect(20, 0.05)), v, 1e-14)
}

func TestClustersPerArmGolden(t *testing.T) {
	// C3
	near(t, "C3 ClustersPerArm", ClustersPerArm(20, 0.05, 3, 9, 0.05, 0.8), 14.7995, 1e-3)
	near(t, "C3 Eldridge CV .65", ClustersPerArmVIF(20, DesignEffectUnequal(20, 0.65, 0.05), 3, 9, 0.05, 0.8), 17.7728, 1e-3)
	// Normal approximation: 275.50 individuals → 13.775; CV .65 → 16.759;
	// ICC .02 CV .65 → 10.942.
	near(t, "k z", ClustersPerArmZ(20, DesignEffect(20, 0.05), 3, 9, 0.05, 0.8), 13.775, 1e-3)
	near(t, "k z CV .65", ClustersPerArmZ(20, DesignEffectUnequal(20, 0.65, 0.05), 3, 9, 0.05, 0.8), 16.759, 1e-3)
	near(t, "k z CV .65 icc .02", ClustersPerArmZ(20, DesignEffectUnequal(20, 0.65, 0.02), 3, 9, 0.05, 0.8), 10.942, 1e-3)
	k := ClustersPerArm(20, 0.05, 3, 9, 0.05, 0.8)
	near(t, "power at k root", ClusterPowerT(k, 20, 0.05, 3, 9, 0.05), 0.8, 1e-12)
}

func TestClusterMDE(t *testing.T) {
	vif := DesignEffect(20, 0.05)
	d := ClusterMDET(15, 20, vif, 9, 0.05, 0.8)
	near(t, "power at cluster MDE", ClusterPowerTVIF(15, 20, vif, d, 9, 0.05), 0.8, 1e-12)
	df := 28.0
	approx := (tQuantile(0.975, df) + tQuantile(0.8, df)) * math.Sqrt(2*81*vif/300)
	if math.Abs(d-approx)/approx > 0.01 {
		t.Errorf("cluster MDE %g far from textbook approximation %g", d, approx)
	}
}

// Property: cluster power increases with k and decreases with icc.
func TestClusterPowerMonotone(t *testing.T) {
	prev := 0.0
	for k := 2.0; k <= 60; k++ {
		p := ClusterPowerT(k, 20, 0.05, 3, 9, 0.05)
		if p <= prev {
			t.Fatalf("power not increasing at k=%g", k)
		}
		prev = p
	}
	prev = 1
	for icc := 0.0; icc <= 0.3; icc += 0.01 {
		p := ClusterPowerT(15, 20, icc, 3, 9, 0.05)
		if p >= prev {
			t.Fatalf("power not decreasing at icc=%g", icc)
		}
		prev = p
	}
}
