package study

import "math"

// brentRoot finds a root of f in [a, b], where f(a) and f(b) have opposite
// signs, by Brent's (1973) method (inverse quadratic interpolation and
// secant steps safeguarded by bisection; the zeroin algorithm of
// "Algorithms for Minimization without Derivatives", ch. 4). It returns NaN
// if the root is not bracketed. tol is an absolute tolerance on x.
func brentRoot(f func(float64) float64, a, b, tol float64) float64 {
	fa, fb := f(a), f(b)
	if fa == 0 {
		return a
	}
	if fb == 0 {
		return b
	}
	if math.IsNaN(fa) || math.IsNaN(fb) || (fa > 0) == (fb > 0) {
		return math.NaN()
	}
	c, fc := a, fa
	d := b - a
	e := d
	for iter := 0; iter < 300; iter++ {
		if (fb > 0) == (fc > 0) {
			c, fc = a, fa
			d = b - a
			e = d
		}
		if math.Abs(fc) < math.Abs(fb) {
			a, b, c = b, c, b
			fa, fb, fc = fb, fc, fb
		}
		tol1 := 2*2.220446049250313e-16*math.Abs(b) + 0.5*tol
		xm := 0.5 * (c - b)
		if math.Abs(xm) <= tol1 || fb == 0 {
			return b
		}
		if math.Abs(e) >= tol1 && math.Abs(fa) > math.Abs(fb) {
			var p, q float64
			s := fb / fa
			if a == c {
				p = 2 * xm * s
				q = 1 - s
			} else {
				q = fa / fc
				r := fb / fc
				p = s * (2*xm*q*(q-r) - (b-a)*(r-1))
				q = (q - 1) * (r - 1) * (s - 1)
			}
			if p > 0 {
				q = -q
			}
			p = math.Abs(p)
			if 2*p < math.Min(3*xm*q-math.Abs(tol1*q), math.Abs(e*q)) {
				e = d
				d = p / q
			} else {
				d = xm
				e = d
			}
		} else {
			d = xm
			e = d
		}
		a, fa = b, fb
		if math.Abs(d) > tol1 {
			b += d
		} else if xm > 0 {
			b += tol1
		} else {
			b -= tol1
		}
		fb = f(b)
	}
	return b
}

// increasingRoot solves g(x) = target for x in [lo, ∞) where g increases in
// x, doubling hi from the given start until the root is bracketed.
func increasingRoot(g func(float64) float64, target, lo, hi, tol float64) float64 {
	f := func(x float64) float64 { return g(x) - target }
	for i := 0; i < 200 && f(hi) < 0; i++ {
		lo, hi = hi, 2*hi
	}
	return brentRoot(f, lo, hi, tol)
}
