package sim

import "math"

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
	calEpisode []bool // the current episode is the report-year cohort episode
	self       []bool // the current episode came by self-referral

	svcState []uint8
	svc      []int32 // community service index
	svcSince []int32
	svcWeeks []uint16
	svcNeed  []int8 // need the service addresses, -1 if none
	svcCal   []bool // the service referral came from the report-year cohort episode

	benefitV []float32 // share of the full effect currently enjoyed (dose-weighted, decaying)
	mult     []float32 // person-level effect multiplier (heterogeneity), mean 1

	fullGain float64 // WEMWBS points of the full effect (effects.wellbeing x wellbeing.sd)
}

const neverEnded = math.MinInt32 / 2

func (pw *pathway) reset() {
	*pw = pathway{
		state: pw.state[:0], since: pw.since[:0], contacts: pw.contacts[:0], planned: pw.planned[:0],
		lastEnd: pw.lastEnd[:0], flags: pw.flags[:0], cal: pw.cal[:0], calEpisode: pw.calEpisode[:0],
		self: pw.self[:0], svcState: pw.svcState[:0], svc: pw.svc[:0], svcSince: pw.svcSince[:0],
		svcWeeks: pw.svcWeeks[:0], svcNeed: pw.svcNeed[:0], svcCal: pw.svcCal[:0], benefitV: pw.benefitV[:0], mult: pw.mult[:0],
	}
}

// add appends the state of a newly registered person.
func (pw *pathway) add() {
	pw.state = append(pw.state, stNone)
	pw.since = append(pw.since, 0)
	pw.contacts = append(pw.contacts, 0)
	pw.planned = append(pw.planned, 0)
	pw.lastEnd = append(pw.lastEnd, neverEnded)
	pw.flags = append(pw.flags, 0)
	pw.cal = append(pw.cal, 0)
	pw.calEpisode = append(pw.calEpisode, false)
	pw.self = append(pw.self, false)
	pw.svcState = append(pw.svcState, svcNone)
	pw.svc = append(pw.svc, -1)
	pw.svcSince = append(pw.svcSince, 0)
	pw.svcWeeks = append(pw.svcWeeks, 0)
	pw.svcNeed = append(pw.svcNeed, -1)
	pw.svcCal = append(pw.svcCal, false)
	pw.benefitV = append(pw.benefitV, 0)
	pw.mult = append(pw.mult, 1)
}

// helpedNeed returns the need person i's current service addresses, or -1.
func (pw *pathway) helpedNeed(i int) int {
	if pw.svcState[i] == svcIn {
		return int(pw.svcNeed[i])
	}
	return -1
}

// gainPoints returns person i's current wellbeing gain in WEMWBS points.
func (pw *pathway) gainPoints(i int) float64 {
	b := pw.benefitV[i]
	if b == 0 {
		return 0
	}
	return float64(b) * float64(pw.mult[i]) * pw.fullGain
}

// raise lifts person i's benefit to at least level b.
func (pw *pathway) raise(i int, b float64) {
	if float32(b) > pw.benefitV[i] {
		pw.benefitV[i] = float32(b)
	}
}

// decay lets person i's benefit fade by one week once participation ends.
func (pw *pathway) decay(i int, factor float32) {
	if pw.benefitV[i] > 0 && pw.svcState[i] != svcIn {
		pw.benefitV[i] *= factor
		if pw.benefitV[i] < 1e-4 {
			pw.benefitV[i] = 0
		}
	}
}
