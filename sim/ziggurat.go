package sim

import "math"

// Normal and exponential draws on a person's SplitMix state, by the ziggurat
// method with Go's tables (ziggurat_tables.go). They draw exactly what
// math/rand/v2's NormFloat64 and ExpFloat64 draw from a splitmix source
// (TestZigguratMatchesMathRand), but on a concrete generator, with no
// interface call per 64 bits: in the event engine's inner loop the interface
// calls of rand.Rand cost more than the draw itself.

const (
	zigRn = 3.442619855899      // start of the normal's tail
	zigRe = 7.69711747013104972 // start of the exponential's tail
)

// zigUnit returns a uniform number in [0, 1) as rand.Rand.Float64 does.
func zigUnit(st *uint64) float64 {
	return float64(next(st)<<11>>11) / (1 << 53)
}

// zigNorm returns a standard normal number drawn from stream st.
func zigNorm(st *uint64) float64 {
	for {
		u := next(st)
		j := int32(u)
		i := u >> 32 & 0x7F
		x := float64(j) * float64(zigWn[i])
		if absInt32(j) < zigKn[i] {
			return x // more than 99% of draws
		}
		if i == 0 {
			for {
				x = -math.Log(zigUnit(st)) * (1.0 / zigRn)
				y := -math.Log(zigUnit(st))
				if y+y >= x*x {
					break
				}
			}
			if j > 0 {
				return zigRn + x
			}
			return -zigRn - x
		}
		if zigFn[i]+float32(zigUnit(st))*(zigFn[i-1]-zigFn[i]) < float32(math.Exp(-.5*x*x)) {
			return x
		}
	}
}

func absInt32(i int32) uint32 {
	if i < 0 {
		return uint32(-i)
	}
	return uint32(i)
}

// zigExp returns a unit exponential number drawn from stream st.
func zigExp(st *uint64) float64 {
	for {
		u := next(st)
		j := uint32(u)
		i := uint8(u >> 32)
		x := float64(j) * float64(zigWe[i])
		if j < zigKe[i] {
			return x // about 99% of draws
		}
		if i == 0 {
			return zigRe - math.Log(zigUnit(st))
		}
		if zigFe[i]+float32(zigUnit(st))*(zigFe[i-1]-zigFe[i]) < float32(math.Exp(-x)) {
			return x
		}
	}
}
