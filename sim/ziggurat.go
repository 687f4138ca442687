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
	u := next(st)
	if x, ok := normRect(u); ok {
		return x
	}
	return zigNormFrom(st, u)
}

// normRect returns the normal value of the 64 random bits u and whether u
// falls in the ziggurat's rectangles, as more than 99% of draws do; if not,
// zigNormFrom(st, u) finishes the draw. Small enough to inline, so the
// engine's hottest draws skip a call:
//
//	u := next(st)
//	x, ok := normRect(u)
//	if !ok {
//		x = zigNormFrom(st, u)
//	}
func normRect(u uint64) (float64, bool) {
	j := int32(u)
	i := u >> 32 & 0x7F
	return float64(j) * float64(zigWn[i]), absInt32(j) < zigKn[i]
}

// zigNormFrom finishes a normal draw from stream st whose first 64 bits are u.
func zigNormFrom(st *uint64, u uint64) float64 {
	for {
		x, ok := normRect(u)
		if ok {
			return x
		}
		j := int32(u)
		i := u >> 32 & 0x7F
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
		u = next(st)
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
	u := next(st)
	if x, ok := expRect(u); ok {
		return x
	}
	return zigExpFrom(st, u)
}

// expRect is normRect for the exponential (about 99% of draws), finished by
// zigExpFrom.
func expRect(u uint64) (float64, bool) {
	j := uint32(u)
	i := uint8(u >> 32)
	return float64(j) * float64(zigWe[i]), j < zigKe[i]
}

// zigExpFrom finishes an exponential draw from stream st whose first 64 bits
// are u.
func zigExpFrom(st *uint64, u uint64) float64 {
	for {
		x, ok := expRect(u)
		if ok {
			return x
		}
		i := uint8(u >> 32)
		if i == 0 {
			return zigRe - math.Log(zigUnit(st))
		}
		if zigFe[i]+float32(zigUnit(st))*(zigFe[i-1]-zigFe[i]) < float32(math.Exp(-x)) {
			return x
		}
		u = next(st)
	}
}
