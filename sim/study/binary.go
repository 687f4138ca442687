package study

import "math"

// PowerProp returns the power of the two-sided level-alpha normal test
// comparing proportions p1 and p2 with n per arm, as R's
// stats::power.prop.test (strict = FALSE):
//
//	Φ( (√n·|p1 − p2| − z₁₋α/₂·√(2p̄(1 − p̄))) / √(p1(1 − p1) + p2(1 − p2)) ),
//
// with p̄ = (p1 + p2)/2.
func PowerProp(n, p1, p2, alpha float64) float64 {
	z := zQuantile(1 - alpha/2)
	pbar := (p1 + p2) / 2
	num := math.Sqrt(n)*math.Abs(p1-p2) - z*math.Sqrt(2*pbar*(1-pbar))
	return phi(num / math.Sqrt(p1*(1-p1)+p2*(1-p2)))
}

// NForPowerProp returns the (real) n per arm at which PowerProp reaches the
// target power, as power.prop.test(p1 = ., p2 = ., power = .)$n. It has a
// closed form: n = (z₁₋α/₂√(2p̄(1 − p̄)) + z_power√(p1q1 + p2q2))² / (p1 − p2)².
func NForPowerProp(power, p1, p2, alpha float64) float64 {
	pbar := (p1 + p2) / 2
	a := zQuantile(1-alpha/2)*math.Sqrt(2*pbar*(1-pbar)) +
		zQuantile(power)*math.Sqrt(p1*(1-p1)+p2*(1-p2))
	d := p1 - p2
	return a * a / (d * d)
}

// CohenH returns Cohen's effect size for proportions,
// h = 2·asin√p1 − 2·asin√p2 (Cohen 1988, §6.2).
func CohenH(p1, p2 float64) float64 {
	return 2*math.Asin(math.Sqrt(p1)) - 2*math.Asin(math.Sqrt(p2))
}

// PowerCohenH returns the two-sided (both tails) power of the arcsine test
// with n per arm and effect size h, as pwr::pwr.2p.test(h = ., n = .):
// Φ(|h|√(n/2) − z₁₋α/₂) + Φ(−|h|√(n/2) − z₁₋α/₂).
func PowerCohenH(n, h, alpha float64) float64 {
	return zPower(math.Abs(h)*math.Sqrt(n/2), alpha, true)
}
