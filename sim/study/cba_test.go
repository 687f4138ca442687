package study

import "testing"

func TestVarFactors(t *testing.T) {
	near(t, "post", VarFactorPost(), 2, 0)
	near(t, "DiD rho .5", VarFactorDiD(0.5), 2, 1e-15)
	near(t, "ANCOVA rho .5", VarFactorANCOVA(0.5), 1.5, 1e-15)
	// Frison & Pocock, ρ = .5: p = r = 1 → ANCOVA .75; p = r = 2 → ANCOVA
	// .4167 and change .50.
	post, change, ancova := FrisonPocock(1, 1, 0.5)
	near(t, "FP(1,1) ancova", ancova, 0.75, 1e-15)
	near(t, "FP(1,1) = table/2", 2*post+2*change+2*ancova, VarFactorPost()+VarFactorDiD(0.5)+VarFactorANCOVA(0.5), 1e-15)
	_, change, ancova = FrisonPocock(2, 2, 0.5)
	near(t, "FP(2,2) ancova", ancova, 0.4167, 5e-5)
	near(t, "FP(2,2) change", change, 0.5, 1e-15)
	for _, rho := range []float64{0, 0.2, 0.5, 0.8, 0.95} {
		if VarFactorANCOVA(rho) > VarFactorPost() || VarFactorANCOVA(rho) > VarFactorDiD(rho) {
			t.Errorf("ANCOVA should be best at rho=%g", rho)
		}
	}
}

func TestTeerenstraGolden(t *testing.T) {
	// D1: m = 20, ICC .05, π = .8, cross-sectional (ψ = 0).
	r := TeerenstraR(20, 0.05, 0.8, 0)
	near(t, "D1 r", r, 0.410256, 1e-6)
	near(t, "D1 DE post", DesignEffect(20, 0.05), 1.95, 1e-12)
	near(t, "D1 DE ANCOVA", DEAncova(20, 0.05, r), 1.621795, 1e-6)
	near(t, "D1 DE DiD", DEDiD(20, 0.05, r), 2.30, 1e-6)
	// Cohort with ψ = .5.
	rc := TeerenstraR(20, 0.05, 0.8, 0.5)
	near(t, "cohort r", rc, 0.653846, 1e-6)
	near(t, "cohort DE ANCOVA", DEAncova(20, 0.05, rc), 1.116346, 1e-6)
	near(t, "cohort DE DiD", DEDiD(20, 0.05, rc), 1.35, 1e-6)
	// k = 12 per arm, δ = 3, σ = 9, normal approximation.
	for _, c := range []struct {
		name      string
		de, power float64
	}{
		{"post", DesignEffect(20, 0.05), 0.7437},
		{"DiD", DEDiD(20, 0.05, r), 0.6728},
		{"ANCOVA", DEAncova(20, 0.05, r), 0.8179},
	} {
		v := ClusterVarDiff(12, 20, 9, c.de)
		near(t, "CBA power "+c.name, WaldPowerZ(3, v, 0.05, false), c.power, 5e-5)
	}
	near(t, "DiD formula variance", ClusterVarDiff(12, 20, 9, DEDiD(20, 0.05, r)), 1.5525, 1e-12)
	// With no clustering (icc = 0) r = ψ and the cluster DEs are the
	// individual variance factors relative to post-only (which is 2).
	r0 := TeerenstraR(20, 0, 0.8, 0.6)
	near(t, "icc=0 r = psi", r0, 0.6, 1e-15)
	near(t, "icc=0 DiD", DEDiD(20, 0, r0), VarFactorDiD(0.6)/VarFactorPost(), 1e-15)
	near(t, "icc=0 ANCOVA", DEAncova(20, 0, r0), VarFactorANCOVA(0.6)/VarFactorPost(), 1e-15)
}
