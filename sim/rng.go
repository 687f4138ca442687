package sim

// Random numbers are keyed by meaning, not drawn from one shared sequence:
// every draw is a pure function of (run seed, PCN, person, process, week).
// That makes results independent of scheduling and gives common random
// numbers between arms for free: a person's needs, wellbeing and contacts use
// the same numbers in both arms until social prescribing changes their state,
// and only the processes it changes drift apart. The arm is never part of a key.

// process identifies one random process of a person (or of a PCN).
type process uint64

// Person processes.
const (
	procInit process = iota + 1
	procPopulation
	procNeeds
	procWellbeing
	procGP
	procAE
	procIdentify
	procSelfReferral
	procAccept
	procQueue
	procSupport
	procService
	procEffect
)

// PCN-level processes.
const (
	procStructure process = iota + 100
	procPractice
	procRegistration
	procWorkforce
	procCatalogue
	procServiceLife
	procSample
	procResidual
)

// mix64 is the SplitMix64 finaliser: a bijective 64-bit mixer.
func mix64(z uint64) uint64 {
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// key combines a parent key with a sub-key into a new, well-mixed key.
func key(parent uint64, sub uint64) uint64 {
	return mix64(parent ^ mix64(sub+0x9e3779b97f4a7c15))
}

// splitmix is a SplitMix64 generator, re-keyed in place for every stream. It
// is also a rand.Source (for the test that our draws are math/rand/v2's).
type splitmix struct{ s uint64 }

// Uint64 implements rand.Source.
func (g *splitmix) Uint64() uint64 { return next(&g.s) }

// next advances SplitMix state st and returns its next 64 bits. The event
// engine keeps one state per person and process and draws on it directly.
func next(st *uint64) uint64 {
	*st += 0x9e3779b97f4a7c15
	return mix64(*st)
}

// uniform returns a uniform number in [0, 1) from SplitMix state st.
func uniform(st *uint64) float64 { return float64(next(st)>>11) * (1.0 / (1 << 53)) }

// streams hands out keyed random streams. Keying is cheap (one mix), so each
// (person, process, week) gets a fresh stream. Draws are methods of this
// concrete type so they can be inlined; normal and exponential draws are
// math/rand/v2's ziggurat on the same generator (ziggurat.go).
type streams struct {
	src splitmix
}

func newStreams() *streams { return &streams{} }

// at positions the generator at the stream for (k, proc, week).
func (s *streams) at(k uint64, proc process, week int) *streams {
	s.src.s = weekKey(k, week) ^ uint64(proc)*0xd1b54a32d192ed03
	return s
}

// weekKey is the key of week w of a keyed entity. Callers that need several
// processes of one person in one week compute it once and use atWeek.
func weekKey(k uint64, week int) uint64 {
	return mix64(k ^ uint64(int64(week)+1<<20)*0x8cb92ba72f3d8dd7)
}

// atWeek positions the generator at process proc of a week key. The
// generator's first output mixes the state, so streams of different processes
// are unrelated even though their states differ by a constant.
func (s *streams) atWeek(wk uint64, proc process) *streams {
	s.src.s = wk ^ uint64(proc)*0xd1b54a32d192ed03
	return s
}

// Uint64 returns the stream's next 64 random bits.
func (s *streams) Uint64() uint64 { return s.src.Uint64() }

// Float64 returns a uniform number in [0, 1).
func (s *streams) Float64() float64 { return uniform(&s.src.s) }

// NormFloat64 returns a standard normal number.
func (s *streams) NormFloat64() float64 { return zigNorm(&s.src.s) }

// ExpFloat64 returns a unit exponential number.
func (s *streams) ExpFloat64() float64 { return zigExp(&s.src.s) }
