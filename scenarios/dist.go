package scenarios

import (
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"

	"gonum.org/v1/gonum/stat/distuv"
)

// distParams lists, for each distribution, its parameters in the order they
// are written.
var distParams = map[string][]string{
	"normal":     {"mean", "sd"},
	"lognormal":  {"meanlog", "sdlog"},
	"beta":       {"alpha", "beta"},
	"gamma":      {"shape", "rate"},
	"uniform":    {"min", "max"},
	"triangular": {"min", "mode", "max"},
}

// distNames lists the distributions in the order the dictionary shows them.
var distNames = []string{"normal", "lognormal", "beta", "gamma", "uniform", "triangular"}

// maxRedraws bounds the redraws of a value outside its key's range.
const maxRedraws = 1000

// minMassInRange is the least probability a distribution must give to its
// key's range. Below it, truncation by redrawing could fail (with 5% the
// chance that 1000 draws all miss is about 1e-22).
const minMassInRange = 0.05

// dist is a distribution given for a parameter, drawn once per run.
type dist struct {
	name string
	p    []float64 // parameters, in the order of distParams[name]
}

// univariate is what the gonum distributions provide.
type univariate interface {
	Rand() float64
	CDF(x float64) float64
	Mean() float64
}

// sampler returns the gonum distribution drawing from src.
func (d dist) sampler(src rand.Source) univariate {
	p := d.p
	switch d.name {
	case "normal":
		return distuv.Normal{Mu: p[0], Sigma: p[1], Src: src}
	case "lognormal":
		return distuv.LogNormal{Mu: p[0], Sigma: p[1], Src: src}
	case "beta":
		return distuv.Beta{Alpha: p[0], Beta: p[1], Src: src}
	case "gamma":
		return distuv.Gamma{Alpha: p[0], Beta: p[1], Src: src}
	case "uniform":
		return distuv.Uniform{Min: p[0], Max: p[1], Src: src}
	case "triangular":
		return distuv.NewTriangle(p[0], p[2], p[1], src)
	}
	panic("scenarios: unknown distribution " + d.name)
}

// parseDist reads an inline table such as {dist="normal", mean=0.5, sd=0.2}.
// The returned message (if not "") says what is wrong with it.
func parseDist(m map[string]any) (dist, string) {
	name, ok := m["dist"].(string)
	if !ok {
		if _, there := m["dist"]; there {
			return dist{}, fmt.Sprintf("dist must be a string, one of %s", strings.Join(distNames, ", "))
		}
		return dist{}, fmt.Sprintf(`a table here must be a distribution such as {dist="normal", mean=0.5, sd=0.2}; missing "dist" (one of %s)`, strings.Join(distNames, ", "))
	}
	names, ok := distParams[name]
	if !ok {
		return dist{}, fmt.Sprintf("unknown distribution %q (want one of %s)%s", name, strings.Join(distNames, ", "), didYouMean(name, distNames))
	}
	want := fmt.Sprintf("a %s distribution needs %s", name, andList(names))
	var extra []string
	for k := range m {
		if k != "dist" && !slices.Contains(names, k) {
			extra = append(extra, k)
		}
	}
	if len(extra) > 0 {
		sort.Strings(extra)
		return dist{}, fmt.Sprintf("unknown field %q: %s%s", extra[0], want, didYouMean(extra[0], names))
	}
	d := dist{name: name, p: make([]float64, len(names))}
	for i, k := range names {
		v, there := m[k]
		if !there {
			return dist{}, fmt.Sprintf("%s; missing %q", want, k)
		}
		x, ok := toFloat(v)
		if !ok {
			return dist{}, fmt.Sprintf("%s: %s is %s, want a number", want, k, describe(v))
		}
		if !finite(x) {
			return dist{}, fmt.Sprintf("%s: %s = %v is not a finite number", want, k, x)
		}
		d.p[i] = x
	}
	if msg := d.check(); msg != "" {
		return dist{}, fmt.Sprintf("%s: %s", d, msg)
	}
	return d, ""
}

// check returns what is wrong with the distribution's parameters, or "".
func (d dist) check() string {
	p := d.p
	switch d.name {
	case "normal":
		if p[1] <= 0 {
			return "sd must be > 0"
		}
	case "lognormal":
		if p[1] <= 0 {
			return "sdlog must be > 0"
		}
	case "beta":
		if p[0] <= 0 || p[1] <= 0 {
			return "alpha and beta must be > 0"
		}
	case "gamma":
		if p[0] <= 0 || p[1] <= 0 {
			return "shape and rate must be > 0"
		}
	case "uniform":
		if p[0] >= p[1] {
			return "min must be < max"
		}
	case "triangular":
		if !(p[0] < p[2] && p[0] <= p[1] && p[1] <= p[2]) {
			return "need min <= mode <= max with min < max"
		}
	}
	return ""
}

// checkRange returns what is wrong with drawing d for a key with bounds lo,
// hi (nil if unbounded): too little of its mass must not fall in range, or
// redrawing out-of-range values could fail.
func (d dist) checkRange(lo, hi *float64) string {
	l, h := math.Inf(-1), math.Inf(1)
	if lo != nil {
		l = *lo
	}
	if hi != nil {
		h = *hi
	}
	u := d.sampler(nil)
	mass := u.CDF(h) - u.CDF(l) // continuous, so the bounds' own mass is 0
	if mass < minMassInRange {
		return fmt.Sprintf("%s puts only %.3g%% of its probability in the allowed range %s; values outside it are redrawn, so at least %g%% must be inside",
			d, 100*mass, formatRange(lo, hi), 100*minMassInRange)
	}
	return ""
}

// representative is the value shown and checked in place of a distribution:
// its mean, kept within the key's range and rounded for integers.
func (d dist) representative(lo, hi *float64, integer bool) float64 {
	x := d.sampler(nil).Mean()
	if integer {
		x = math.Round(x)
	}
	if lo != nil && x < *lo {
		x = *lo
	}
	if hi != nil && x > *hi {
		x = *hi
	}
	return x
}

// draw returns the value of a parameter for the run with seed seed. The
// stream depends only on (seed, key), so draws do not depend on which other
// keys are distributions or in what order they are drawn, and the scenario
// and comparator arms draw the same value from the same distribution.
// Values outside [lo, hi] are redrawn (the distribution is truncated to the
// key's range); integers are rounded before the check.
func (d dist) draw(seed uint64, key string, lo, hi *float64, integer bool) (float64, error) {
	u := d.sampler(rand.NewPCG(seed, keyHash(key)))
	for range maxRedraws {
		x := u.Rand()
		if integer {
			x = math.Round(x)
		}
		if (lo == nil || x >= *lo) && (hi == nil || x <= *hi) && !math.IsNaN(x) {
			return x, nil
		}
	}
	return 0, fmt.Errorf("%s: %d draws from %s all fell outside the allowed range %s", key, maxRedraws, d, formatRange(lo, hi))
}

// keyHash is the FNV-1a hash of a key, the second half of its stream's seed.
func keyHash(key string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(key))
	return h.Sum64()
}

// andList joins words as "a, b and c".
func andList(w []string) string {
	if len(w) < 2 {
		return strings.Join(w, "")
	}
	return strings.Join(w[:len(w)-1], ", ") + " and " + w[len(w)-1]
}

// String formats the distribution as a TOML inline table.
func (d dist) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "{dist = %q", d.name)
	for i, k := range distParams[d.name] {
		fmt.Fprintf(&b, ", %s = %s", k, formatFloat(d.p[i]))
	}
	b.WriteString("}")
	return b.String()
}
