package inequality

import "testing"

func TestRidits(t *testing.T) {
	// methods.md §3.1.
	want := []float64{0.1132075472, 0.3301886792, 0.5330188679, 0.7264150943, 0.9103773585}
	got := Ridits(wemPop)
	for i := range want {
		near(t, "ridit", got[i], want[i], 1e-10)
	}
	// Shares give the same ridits as counts.
	got2 := Ridits([]float64{0.2, 0.2, 0.2, 0.2, 0.2})
	for i, w := range []float64{0.1, 0.3, 0.5, 0.7, 0.9} {
		near(t, "equal ridit", got2[i], w, 1e-15)
	}
}

func TestRiditsPanics(t *testing.T) {
	for _, w := range [][]float64{nil, {0, 0}, {1, -1, 3}} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Ridits(%v) did not panic", w)
				}
			}()
			Ridits(w)
		}()
	}
}
