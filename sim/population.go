package sim

import (
	"math"
	"unsafe"
)

// Patients are held as a structure of arrays: one slice per attribute,
// indexed by person. A person's index is their identity within a PCN and is
// the same in both arms, because registrations, deaths and moves never depend
// on social prescribing.
type population struct {
	n int // persons ever registered (alive or not)

	key       []uint64 // per-person random key
	practice  []uint8
	imd       []uint8 // 0..4, quintile 1 most deprived
	female    []bool
	minority  []bool
	ltc       []uint8
	birthWeek []int32 // week of the 18th birthday minus 18 years, in simulation weeks
	group     []uint8 // age band when the person enters the recorded horizon (reporting group)
	alive     []bool  // registered with a practice of this PCN
	entryWeek []int32 // week registered (negative: before the horizon)
	exitWeek  []int32 // week died or left (max int32 while registered)

	needs     []uint8   // bit k set: need k active
	latent    []float32 // stable wellbeing level (WEMWBS points)
	transient []float32 // AR(1) deviation
	wb        []float32 // wellbeing this week (continuous scale; reference engine)
	wbStart   []float32 // observed wellbeing in week 0 of the horizon (NaN if not registered then)

	zMult []float32 // standard normal draw behind the person's effect multiplier
}

const stillRegistered = math.MaxInt32

func (p *population) grow(extra int) {
	if n := p.n + extra; cap(p.key) < n {
		p.realloc(n + n/4 + 64)
	}
}

// realloc gives every attribute capacity c. Each starts a cache line further
// into its allocation than the last: large allocations are page-aligned, so
// the attributes of person i, written one after another as people are added,
// would otherwise fall in the same set of the first-level cache (more of
// them than it has ways) and evict one another.
func (p *population) realloc(c int) {
	p.key = growStaggered(p.key, c, 0)
	p.practice = growStaggered(p.practice, c, 1)
	p.imd = growStaggered(p.imd, c, 2)
	p.female = growStaggered(p.female, c, 3)
	p.minority = growStaggered(p.minority, c, 4)
	p.ltc = growStaggered(p.ltc, c, 5)
	p.birthWeek = growStaggered(p.birthWeek, c, 6)
	p.group = growStaggered(p.group, c, 7)
	p.alive = growStaggered(p.alive, c, 8)
	p.entryWeek = growStaggered(p.entryWeek, c, 9)
	p.exitWeek = growStaggered(p.exitWeek, c, 10)
	p.needs = growStaggered(p.needs, c, 11)
	p.latent = growStaggered(p.latent, c, 12)
	p.transient = growStaggered(p.transient, c, 13)
	p.wb = growStaggered(p.wb, c, 14)
	p.wbStart = growStaggered(p.wbStart, c, 15)
	p.zMult = growStaggered(p.zMult, c, 16)
}

// growStaggered is growTo whose new array starts j cache lines (64 bytes)
// into its allocation (realloc).
func growStaggered[T any](s []T, c, j int) []T {
	if cap(s) >= c {
		return s
	}
	pad := j * 64 / max(1, int(unsafe.Sizeof(*new(T))))
	t := make([]T, pad+c)[pad : pad+len(s) : pad+c]
	copy(t, s)
	return t
}

// growTo returns s with capacity at least c, keeping its contents.
func growTo[T any](s []T, c int) []T { return growStaggered(s, c, 0) }

// reset empties the population, keeping its memory.
func (p *population) reset() {
	p.n = 0
	p.key = p.key[:0]
	p.practice = p.practice[:0]
	p.imd = p.imd[:0]
	p.female = p.female[:0]
	p.minority = p.minority[:0]
	p.ltc = p.ltc[:0]
	p.birthWeek = p.birthWeek[:0]
	p.group = p.group[:0]
	p.alive = p.alive[:0]
	p.entryWeek = p.entryWeek[:0]
	p.exitWeek = p.exitWeek[:0]
	p.needs = p.needs[:0]
	p.latent = p.latent[:0]
	p.transient = p.transient[:0]
	p.wb = p.wb[:0]
	p.wbStart = p.wbStart[:0]
	p.zMult = p.zMult[:0]
}

// ageBand returns the age band (0: 18-34 ... 4: 80+) of person i in week w.
func (p *population) ageBand(i int, w int) int {
	return bandOfWeeks(int32(w) - p.birthWeek[i])
}

// bandOfWeeks is the age band of an age of a weeks, counted without
// branches: the band is random, so a switch's are mispredicted.
func bandOfWeeks(a int32) int {
	return int(boolBit(a >= 35*52) + boolBit(a >= 50*52) + boolBit(a >= 65*52) + boolBit(a >= 80*52))
}

// bandOfAge is the age band of an age in years (bandOfWeeks).
func bandOfAge(age float64) int {
	return int(boolBit(age >= 35) + boolBit(age >= 50) + boolBit(age >= 65) + boolBit(age >= 80))
}

// bandEnd is the first week of the age band after band b of a person born
// in week birth, or never.
func bandEnd(birth int32, b int) int32 {
	if b >= 4 {
		return never
	}
	return birth + int32(bandBounds[b+1]*52)
}

// bandBounds are the age limits of each band (80+ is capped at 100 for sampling).
var bandBounds = [6]float64{18, 35, 50, 65, 80, 100}

// extend makes room in the population's arrays for n more people, to be
// registered by addPerson: their lengths are set once for the batch, and
// addPerson writes each attribute by index, rather than appending each
// attribute of each person (a capacity check and a length update each).
func (p *population) extend(n int) {
	p.grow(n)
	m := p.n + n
	p.key = p.key[:m]
	p.practice = p.practice[:m]
	p.imd = p.imd[:m]
	p.female = p.female[:m]
	p.minority = p.minority[:m]
	p.ltc = p.ltc[:m]
	p.birthWeek = p.birthWeek[:m]
	p.group = p.group[:m]
	p.alive = p.alive[:m]
	p.entryWeek = p.entryWeek[:m]
	p.exitWeek = p.exitWeek[:m]
	p.needs = p.needs[:m]
	p.latent = p.latent[:m]
	p.transient = p.transient[:m]
	p.wb = p.wb[:m]
	p.wbStart = p.wbStart[:m]
	p.zMult = p.zMult[:m]
}

// ageTop is the upper age limit of each band for sampling (bandBounds, with
// 80+ capped at 95).
var ageTop = [5]float64{35, 50, 65, 80, 95}

// addPerson registers a new adult in practice pr at week w, drawing their
// attributes from the person's own init stream. The caller has made room
// for them (population.extend).
func (s *pcnSim) addPerson(pr int, w int, ageShares []float64) int {
	p := s.pop
	i := p.n
	p.n++
	k := key(s.pcnKey, uint64(i)+1)
	wk := weekKey(k, 0) // (exitFrom's stream is of the same week)
	rng := s.rs.atWeek(wk, procInit)
	prac := &s.spec.Practices[pr]
	q := pick(prac.IMD[:], rng.Float64())
	band := pick(ageShares, rng.Float64())
	lo, hi := bandBounds[band], ageTop[band]
	age := lo + (hi-lo)*rng.Float64()
	pp := &s.p.Population
	female := rng.Float64() < pp.FemaleShare
	minority := rng.Float64() < pp.EthnicMinority[q]
	ltc := poissonZero(rng, s.ltcZero[band][q])
	if ltc > 8 {
		ltc = 8
	}
	wbp := &s.p.Wellbeing
	mu := wbp.Mean + wbp.IMDGradient*float64(q-2)
	latent := mu + math.Sqrt(wbp.LatentShare)*wbp.SD*rng.NormFloat64()
	transient := math.Sqrt(1-wbp.LatentShare) * wbp.SD * rng.NormFloat64()

	p.key[i] = k
	p.practice[i] = uint8(pr)
	p.imd[i] = uint8(q)
	p.female[i] = female
	p.minority[i] = minority
	p.ltc[i] = uint8(ltc)
	birth := int32(w - int(age*52))
	p.birthWeek[i] = birth
	g := band
	if w < 0 {
		g = bandOfAge(age - float64(w)/52)
	}
	p.group[i] = uint8(g)
	p.alive[i] = true
	p.entryWeek[i] = int32(w)
	p.exitWeek[i] = stillRegistered
	p.latent[i] = float32(latent)
	p.transient[i] = float32(transient)
	p.wb[i] = 0
	p.wbStart[i] = float32(math.NaN())

	// Needs start from this person's stationary prevalence, so the world
	// does not begin empty.
	// (Each need's draw is random, so it is added as a bit, not branched on;
	// the loop over the needs is written out, its exit would be mispredicted.)
	prev := &s.needPrev[q][bandOfAge(age)][boolIdx(female)][ltc]
	needs := boolBit(rng.Float64() < prev[0])
	needs |= boolBit(rng.Float64() < prev[1]) << 1
	needs |= boolBit(rng.Float64() < prev[2]) << 2
	needs |= boolBit(rng.Float64() < prev[3]) << 3
	needs |= boolBit(rng.Float64() < prev[4]) << 4
	needs |= boolBit(rng.Float64() < prev[5]) << 5
	p.needs[i] = needs
	if len(s.path.state) <= i {
		s.path.grow(i + 1 - len(s.path.state))
	}
	// The draw behind the person-level effect multiplier (set when social
	// prescribing first benefits them: see raise).
	p.zMult[i] = float32(rng.NormFloat64())
	if s.event {
		// (the event engine never reads p.wb)
		s.evInit(i, w, &newPerson{
			key: k, wk: wk, birth: birth, imd: uint8(q), ltc: uint8(ltc), needs: needs,
			cell:   cellFor(uint8(q), female, uint8(g), minority),
			female: female, latent: float32(latent), transient: float32(transient),
		})
	} else {
		p.wb[i] = float32(s.wellbeing(i, w))
	}
	return i
}

// pick returns the index chosen by u from weights that sum to about 1: the
// first whose cumulative weight exceeds u, else the last. It counts the
// weights before that one rather than stopping there, a branch taken at
// random.
func pick(w []float64, u float64) int {
	var c float64
	var found uint8
	n := 0
	for _, x := range w {
		c += x
		found |= boolBit(u < c)
		n += int(found ^ 1)
	}
	return min(n, len(w)-1)
}

// poisson draws a Poisson count by inversion (means here are small).
func poisson(rng *streams, mean float64) int {
	if mean <= 0 {
		return 0
	}
	return poissonZero(rng, math.Exp(-mean))
}

// poissonZero draws a Poisson count whose chance of zero is l = exp(-mean),
// by multiplying uniforms (Knuth), for small means.
func poissonZero(rng *streams, l float64) int {
	if l >= 1 {
		return 0
	}
	k := 0
	p := rng.Float64()
	for p > l && k < 100 {
		k++
		p *= rng.Float64()
	}
	return k
}

// populate registers the PCN's adults at the start of the burn-in.
func (s *pcnSim) populate() {
	for q := range s.needPrev {
		for b := range s.needPrev[q] {
			for f := range s.needPrev[q][b] {
				for l := range s.needPrev[q][b][f] {
					for k := range s.needPrev[q][b][f][l] {
						on, off := s.onsetHaz[q][b][f][l][k], 1/s.need(k).DurationWeeks
						s.needPrev[q][b][f][l][k] = on / (on + off)
					}
				}
			}
		}
	}
	adultShare := s.p.Population.AdultShare
	w0 := s.firstWeek
	// Room, once, for everyone the run is likely to see (the registrants'
	// count is Poisson: its mean and four SDs), and pathway state for the
	// adults registered now in one piece: growing per practice copied the
	// arrays several times (out of the cache).
	adults := func(pr int) int { return int(math.Round(s.spec.Practices[pr].ListSize * adultShare)) }
	total := 0
	for pr := range s.spec.Practices {
		total += adults(pr)
	}
	reg := s.registrationsWeekly * float64(max(0, s.weeks-s.firstWeek))
	s.pop.grow(total + int(reg+4*math.Sqrt(reg)) + 64)
	s.path.grow(total) // (addPerson would add one at a time)
	for pr := range s.spec.Practices {
		n := adults(pr)
		s.pop.extend(n)
		for j := 0; j < n; j++ {
			s.addPerson(pr, w0, s.p.Population.AgeShares)
		}
	}
	s.adults0 = float64(s.pop.n)
}

// registrationStep adds this week's new registrants (step 3). Their number
// replaces expected deaths and leavers plus the list growth, and depends only
// on the PCN's own stream.
func (s *pcnSim) registrationStep(w int) {
	if s.event {
		return // the event engine registers everyone at the start
	}
	s.addRegistrants(w)
}

// addRegistrants registers week w's new adults.
func (s *pcnSim) addRegistrants(w int) {
	rng := s.rp.at(s.pcnKey, procRegistration, w)
	n := poisson(rng, s.registrationsWeekly)
	s.pop.extend(n)
	s.path.grow(n)
	for j := 0; j < n; j++ {
		pr := pick(s.practiceShares, rng.Float64())
		s.addPerson(pr, w, s.p.Population.NewRegistrantAges)
	}
}

// exitStep decides whether person i dies or leaves the list in week w (step 3).
func (s *pcnSim) exitStep(i int, w int, band int) bool {
	u := s.rs.atWeek(s.wk, procPopulation).Float64()
	if u < s.deathWeekly[band]+s.leaveWeekly {
		s.pop.alive[i] = false
		s.pop.exitWeek[i] = int32(w)
		s.leaveEpisode(i, w)
		return true
	}
	return false
}

// effectMult is the person-level effect multiplier for the standard normal
// draw z: lognormal with mean 1 and log SD effects.heterogeneity_sd.
func (s *pcnSim) effectMult(z float32) float32 {
	sd := s.p.Effects.HeterogeneitySD
	return float32(math.Exp(sd*float64(z) - sd*sd/2))
}
