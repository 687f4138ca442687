package inequality_test

import (
	"fmt"

	"spsim/sim/inequality"
)

// WEMWBS by IMD quintile, most deprived first (methods.md §3.2, table iii).
func ExampleSII() {
	pop := []float64{12000, 11000, 10500, 10000, 9500}
	wemwbs := []float64{45.2, 47.0, 48.9, 50.1, 51.3}
	sii, intercept, err := inequality.SII(wemwbs, pop)
	if err != nil {
		panic(err)
	}
	rii, _ := inequality.RII(wemwbs, pop)
	fmt.Printf("SII %.6f (least minus most deprived), intercept %.6f, RII(PHE) %.6f\n", sii, intercept, rii)
	// Output: SII 7.741400 (least minus most deprived), intercept 44.453828, RII(PHE) 1.174145
}

// Healthy life expectancy by IMD quintile with the English elicited aversion.
func ExampleAtkinson() {
	hale := []float64{52.1, 56.3, 59.8, 63.2, 66.8}
	equal := []float64{1, 1, 1, 1, 1}
	a, ede, err := inequality.Atkinson(hale, equal, 10.95)
	if err != nil {
		panic(err)
	}
	fmt.Printf("Atkinson(10.95) %.6f, EDE %.4f years (mean 59.64)\n", a, ede)
	// Output: Atkinson(10.95) 0.039557, EDE 57.2808 years (mean 59.64)
}
