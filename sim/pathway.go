package sim

import (
	"math"
	"slices"
)

// Link-worker pathway states of a person.
const (
	stNone    uint8 = iota // not in an episode (never referred, or the episode ended)
	stWaiting              // accepted, waiting for a first link-worker contact
	stSupport              // in full link-worker support (the caseload)
)

// Community-service states of a person.
const (
	svcNone uint8 = iota
	svcWaitlist
	svcIn
)

// Milestones reached during the horizon (bits of pathway.flags).
const (
	flagReferred uint8 = 1 << iota
	flagDeclined
	flagFirst
	flagThree
	flagIntervention
)

// Milestones of the report-year cohort episode (bits of pathway.cal).
const (
	calCohort uint8 = 1 << iota
	calDeclined
	calFirst
	calThree
	calIntervention
	calSelf
)

// pathway holds each person's social-prescribing state. In an arm without
// social prescribing it stays empty, and only the benefit fields are read.
type pathway struct {
	state      []uint8
	since      []int32 // week the current state began (referral week while waiting)
	contacts   []uint8 // link-worker contacts in the current episode
	planned    []uint8 // planned contacts of full support
	lastEnd    []int32 // week the last episode ended
	flags      []uint8
	cal        []uint8
	calEpisode []bool    // the current episode is the report-year cohort episode
	self       []bool    // the current episode came by self-referral
	refWB      []float32 // observed wellbeing at the current episode's referral (orders a priority queue)

	svcState []uint8
	svc      []int32 // community service index
	svcSince []int32
	svcWeeks []uint16
	svcNeed  []int8 // need the service addresses, -1 if none
	svcCal   []bool // the service referral came from the report-year cohort episode

	// Benefit: the share of the full effect a person enjoys. It is held at
	// benLevel while they take part in a service and, once they do not, fades
	// from benLevel at benSince by a factor decay a week: benefit(w) =
	// benLevel x decay^(w - benSince). A closed form, so the event engine can
	// evaluate and sum it without stepping every week.
	benLevel []float32
	benSince []int32
	benFade  []bool
	mult     []float32 // person-level effect multiplier (heterogeneity), mean 1; set by raise

	fullGain  float64   // WEMWBS points of the full effect (effects.wellbeing x wellbeing.sd)
	decay     float64   // weekly fading factor of benefit after participation
	decayPows []float64 // decay^n for the gaps of the simulated weeks (see decayPow)
}

const neverEnded = math.MinInt32 / 2

func (pw *pathway) reset() {
	*pw = pathway{
		state: pw.state[:0], since: pw.since[:0], contacts: pw.contacts[:0], planned: pw.planned[:0],
		lastEnd: pw.lastEnd[:0], flags: pw.flags[:0], cal: pw.cal[:0], calEpisode: pw.calEpisode[:0],
		self: pw.self[:0], refWB: pw.refWB[:0], svcState: pw.svcState[:0], svc: pw.svc[:0], svcSince: pw.svcSince[:0],
		svcWeeks: pw.svcWeeks[:0], svcNeed: pw.svcNeed[:0], svcCal: pw.svcCal[:0], benLevel: pw.benLevel[:0], benSince: pw.benSince[:0], benFade: pw.benFade[:0], mult: pw.mult[:0],
		decayPows: pw.decayPows[:0],
	}
}

// setDecay sets the weekly fading factor and tabulates its powers for gaps
// of up to n weeks.
func (pw *pathway) setDecay(decay float64, n int) {
	pw.decay = decay
	pw.decayPows = growTo(pw.decayPows[:0], n+1)[:n+1]
	for k := range pw.decayPows {
		pw.decayPows[k] = math.Pow(decay, float64(k))
	}
}

// decayPow returns decay^n (from the table: the same number math.Pow gives).
func (pw *pathway) decayPow(n int) float64 {
	if uint(n) < uint(len(pw.decayPows)) {
		return pw.decayPows[n]
	}
	return math.Pow(pw.decay, float64(n))
}

// grow appends the state of n newly registered people.
func (pw *pathway) grow(n int) {
	pw.state = extend(pw.state, n, stNone)
	pw.since = extend(pw.since, n, 0)
	pw.contacts = extend(pw.contacts, n, 0)
	pw.planned = extend(pw.planned, n, 0)
	pw.lastEnd = extend(pw.lastEnd, n, neverEnded)
	pw.flags = extend(pw.flags, n, 0)
	pw.cal = extend(pw.cal, n, 0)
	pw.calEpisode = extend(pw.calEpisode, n, false)
	pw.self = extend(pw.self, n, false)
	pw.refWB = extend(pw.refWB, n, 0)
	pw.svcState = extend(pw.svcState, n, svcNone)
	pw.svc = extend(pw.svc, n, -1)
	pw.svcSince = extend(pw.svcSince, n, 0)
	pw.svcWeeks = extend(pw.svcWeeks, n, 0)
	pw.svcNeed = extend(pw.svcNeed, n, -1)
	pw.svcCal = extend(pw.svcCal, n, false)
	pw.benLevel = extend(pw.benLevel, n, 0)
	pw.benSince = extend(pw.benSince, n, 0)
	pw.benFade = extend(pw.benFade, n, true)
	pw.mult = extend(pw.mult, n, 1)
}

// extend appends n copies of v to s: one is stored, then copied in doubling
// blocks (a few memmoves rather than a store per element).
func extend[T any](s []T, n int, v T) []T {
	m := len(s)
	s = slices.Grow(s, n)[:m+n]
	fill(s[m:], v)
	return s
}

// fill sets every element of s to v: a store each for a few (a week's
// registrants), doubling copies for many.
func fill[T any](s []T, v T) {
	if len(s) < 256 {
		for i := range s {
			s[i] = v
		}
		return
	}
	s[0] = v
	for k := 1; k < len(s); k *= 2 {
		copy(s[k:], s[:k])
	}
}

// helpedNeed returns the need person i's current service addresses, or -1.
func (pw *pathway) helpedNeed(i int) int {
	if pw.svcState[i] == svcIn {
		return int(pw.svcNeed[i])
	}
	return -1
}

// benefit returns person i's benefit in week w.
func (pw *pathway) benefit(i int, w int) float64 {
	b := float64(pw.benLevel[i])
	if b == 0 || !pw.benFade[i] || w <= int(pw.benSince[i]) {
		return b
	}
	return b * pw.decayPow(w-int(pw.benSince[i]))
}

// gainPoints returns person i's wellbeing gain in week w in WEMWBS points.
func (pw *pathway) gainPoints(i int, w int) float64 {
	if pw.benLevel[i] == 0 {
		return 0
	}
	return pw.benefit(i, w) * float64(pw.mult[i]) * pw.fullGain
}

// gpBenefitFactor is the factor of person i's benefit in week w on the keep
// probability of a GP consultation candidate (wakeUp): GPRR^benefit over its
// largest value. Without a benefit (almost everyone) it is a constant; with
// one it is computed once for all the candidates of the person's week. (Out
// of line: inlined, it costs wakeUp registers where GPRR is 1.)
//
//go:noinline
func (s *pcnSim) gpBenefitFactor(i int, w int) float64 {
	if s.path.benLevel[i] == 0 {
		return s.gpBenNone // GPRR^0 = 1
	}
	if i != s.gpBenI || w != s.gpBenW {
		s.gpBenI, s.gpBenW = i, w
		s.gpBenF = math.Pow(s.p.Effects.GPRR, s.path.benefit(i, w)) / s.gpBenMax
	}
	return s.gpBenF
}

// aeBenefitFactor is gpBenefitFactor for A&E attendances: AERR^benefit over
// its largest value.
//
//go:noinline
func (s *pcnSim) aeBenefitFactor(i int, w int) float64 {
	if s.path.benLevel[i] == 0 {
		return s.aeBenNone
	}
	if i != s.aeBenI || w != s.aeBenW {
		s.aeBenI, s.aeBenW = i, w
		s.aeBenF = math.Pow(s.p.Effects.AERR, s.path.benefit(i, w)) / s.aeBenMax
	}
	return s.aeBenF
}

// benefitSet forgets the benefit factors computed (a benefit changes).
func (s *pcnSim) benefitSet() { s.gpBenI, s.aeBenI = -1, -1 }

// raise lifts person i's benefit to at least b from week w on (a change made
// after the person's week w; it first shows in week w+1 as b, or b x decay if
// they are not in a service).
func (s *pcnSim) raise(i int, w int, b float64) {
	s.benefitSet()
	pw := &s.path
	if float32(b) <= float32(pw.benefit(i, w)) {
		return
	}
	s.benefitChanging(i, w+1)
	if pw.benLevel[i] == 0 {
		// The multiplier matters only once there is a benefit: its exp is
		// taken for the few people social prescribing reaches, not for all.
		pw.mult[i] = s.effectMult(s.pop.zMult[i])
	}
	pw.benLevel[i], pw.benSince[i] = float32(b), int32(w)
	pw.benFade[i] = pw.svcState[i] != svcIn
}

// holdBenefit stops person i's benefit fading from week from on (they start
// taking part in a service).
func (s *pcnSim) holdBenefit(i int, from int) {
	s.benefitSet()
	pw := &s.path
	if pw.benLevel[i] == 0 {
		pw.benFade[i] = false
		return
	}
	s.benefitChanging(i, from)
	pw.benLevel[i] = float32(pw.benefit(i, from-1))
	pw.benSince[i], pw.benFade[i] = int32(from-1), false
}

// fadeBenefit lets person i's benefit fade from week from on (they stop
// taking part): it is benLevel in week from-1 and benLevel x decay in week from.
func (s *pcnSim) fadeBenefit(i int, from int) {
	s.benefitSet()
	pw := &s.path
	if pw.benLevel[i] == 0 {
		pw.benFade[i] = true
		return
	}
	s.benefitChanging(i, from)
	pw.benSince[i], pw.benFade[i] = int32(from-1), true
}
