package sim

import (
	"math/rand/v2"
	"testing"
)

// The event engine's inlined draws must be math/rand/v2's, number for number:
// the same generator state gives the same normal and exponential values and
// leaves the generator in the same state, tails included.
func TestZigguratMatchesMathRand(t *testing.T) {
	src := &splitmix{s: 12345}
	r := rand.New(src)
	st := src.s
	for n := 0; n < 2_000_000; n++ {
		if n%2 == 0 {
			if a, b := zigNorm(&st), r.NormFloat64(); a != b {
				t.Fatalf("draw %d: normal %v, math/rand %v", n, a, b)
			}
		} else if a, b := zigExp(&st), r.ExpFloat64(); a != b {
			t.Fatalf("draw %d: exponential %v, math/rand %v", n, a, b)
		}
		if st != src.s {
			t.Fatalf("draw %d: generator states differ", n)
		}
	}
}
