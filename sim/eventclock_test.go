package sim

import (
	"math"
	"testing"
)

// geomWeek is floor-free: from + floor(x/h) by integer truncation. It must
// give the week the float formula gives wherever that week is representable.
func TestGeomWeekMatchesFloor(t *testing.T) {
	st := uint64(1)
	for n := 0; n < 200000; n++ {
		from := int(next(&st)%8000) - 3000
		h := math.Exp(-14 + 16*uniform(&st)) // about 1e-6 to 7
		x := zigExp(&st)
		if n%1000 == 0 {
			x = 0
		}
		got := geomWeek(from, x, h)
		want := float64(from) + math.Floor(x/h)
		if want >= never {
			if got != never {
				t.Fatalf("geomWeek(%d, %g, %g) = %d, want never", from, x, h, got)
			}
			continue
		}
		if x/h >= 1<<31 {
			// Past the int32 weeks from a negative start: never, which no
			// horizon reaches either.
			if got != never {
				t.Fatalf("geomWeek(%d, %g, %g) = %d, want never", from, x, h, got)
			}
			continue
		}
		if got != int32(want) {
			t.Fatalf("geomWeek(%d, %g, %g) = %d, want %v", from, x, h, got, want)
		}
	}
	if got := geomWeek(5, 1.5, 0); got != never {
		t.Errorf("geomWeek with hazard 0 = %d, want never", got)
	}
	if got := geomWeek(5, 0, 0); got != never {
		t.Errorf("geomWeek(5, 0, 0) = %d, want never", got)
	}
}
