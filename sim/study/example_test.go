package study_test

import (
	"fmt"

	"spsim/sim/study"
)

// Sizing a practice-randomised evaluation of social prescribing: a 3-point
// WEMWBS difference (SD 9), 20 patients per practice, ICC 0.05.
func Example() {
	fmt.Printf("individual t-test, n=100/arm: power %.4f\n", study.PowerT(100, 3, 9, 0.05, false))
	fmt.Printf("n/arm for 80%%: %.4f\n", study.NForPowerT(0.8, 3, 9, 0.05, false))
	fmt.Printf("design effect: %.2f (CV 0.65: %.4f)\n",
		study.DesignEffect(20, 0.05), study.DesignEffectUnequal(20, 0.65, 0.05))
	fmt.Printf("CRT, 15 practices/arm: power %.4f\n", study.ClusterPowerT(15, 20, 0.05, 3, 9, 0.05))
	fmt.Printf("practices/arm for 80%%: %.4f\n", study.ClustersPerArm(20, 0.05, 3, 9, 0.05, 0.8))

	X := study.SWDesign(20, 4, 1, 1) // 20 practices, 4 steps, 5 periods
	v := study.HHVar(X, 0.95*81, 0.05*81, 10)
	fmt.Printf("stepped wedge: Var %.6f, power %.4f\n", v, study.HHPower(2, X, 0.95*81, 0.05*81, 10, 0.05))
	fmt.Printf("RTM if referred below 40: %.4f points\n", study.RTMBarnett(51, 9, 0.7, 40, 1))
	// Output:
	// individual t-test, n=100/arm: power 0.6501
	// n/arm for 80%: 142.2466
	// design effect: 1.95 (CV 0.65: 2.3725)
	// CRT, 15 practices/arm: power 0.8057
	// practices/arm for 80%: 14.7995
	// stepped wedge: Var 0.866865, power 0.5746
	// RTM if referred below 40: 4.6058 points
}
