package sim

// This file is the parameter schema. Every scenario key is a field here; its
// struct tags give the TOML key, unit, allowed range and source, and
// DefaultParams gives its default. The scenarios package walks these structs
// by reflection to load TOML, validate values and print the parameter
// dictionary, so the documentation cannot drift from the code.
//
// Tags:
//   toml   key (the dotted path is built from the nesting)
//   unit   unit of measurement
//   range  "lo,hi" inclusive bounds for numbers (and for each element of a list)
//   len    required length of a list ("5" for one value per IMD quintile or age band)
//   enum   allowed values of a string, comma separated
//   src    where the default comes from ([EST] marks our own estimate or calibration)
//   doc    what the parameter means
//   nodist "true" where the key sets the shape of the simulation (calendar, PCN
//          structure, list lengths) and so cannot be a per-run distribution
//
// Lists indexed by IMD quintile run from quintile 1 (most deprived) to 5.
// Lists indexed by age band run 18-34, 35-49, 50-64, 65-79, 80+.

// Params is a fully resolved scenario: one value per parameter.
type Params struct {
	SamplePCNs int `nodist:"true" toml:"sample_pcns" unit:"PCNs" range:"0,100000" src:"modelling choice" doc:"simulate a sample of this many PCNs per run (systematic over PCNs ordered by deprivation, random start per run; equal inclusion probabilities) and scale totals up to all PCNs; 0 simulates every PCN"`

	Simulation     Simulation     `toml:"simulation"`
	Population     Population     `toml:"population"`
	PCNs           PCNs           `toml:"pcns"`
	Rollout        Rollout        `toml:"rollout"`
	Wellbeing      Wellbeing      `toml:"wellbeing"`
	Needs          Needs          `toml:"needs"`
	Contacts       Contacts       `toml:"contacts"`
	Identification Identification `toml:"identification"`
	Referral       Referral       `toml:"referral"`
	LinkWorkers    LinkWorkers    `toml:"link_workers"`
	Support        Support        `toml:"support"`
	Services       Services       `toml:"services"`
	Effects        Effects        `toml:"effects"`
	Costs          Costs          `toml:"costs"`
	QALY           QALY           `toml:"qaly"`
	Outcomes       Outcomes       `toml:"outcomes"`
}

// Simulation sets the calendar and length of a run.
type Simulation struct {
	Start       Date    `nodist:"true" toml:"start" unit:"date" src:"NHS England DES: PCN link workers funded from July 2019" doc:"first day of the recorded horizon"`
	Years       float64 `nodist:"true" toml:"years" unit:"years" range:"0.25,30" src:"modelling choice" doc:"length of the recorded horizon"`
	BurnInWeeks int     `nodist:"true" toml:"burn_in_weeks" unit:"weeks" range:"0,520" src:"modelling choice" doc:"weeks simulated before the horizon, from the stationary state, with no social prescribing and nothing recorded"`
	Runs        int     `nodist:"true" toml:"runs" unit:"runs" range:"1,1000000" src:"modelling choice" doc:"default number of runs in an ensemble (the --runs flag overrides it)"`
}

// Population describes the adults registered with the practices.
type Population struct {
	AdultShare        float64   `toml:"adult_share" unit:"proportion" range:"0.5,1" src:"ONS mid-year estimates: about 80% of registered patients are 18+" doc:"share of registered (all-age) patients who are adults and simulated"`
	FemaleShare       float64   `toml:"female_share" unit:"proportion" range:"0,1" src:"ONS mid-year estimates 2021" doc:"share of adults who are female"`
	AgeShares         []float64 `nodist:"true" toml:"age_shares" unit:"proportion" range:"0,1" len:"5" src:"ONS mid-year estimates 2021, England adults" doc:"share of adults in each age band; must sum to 1"`
	EthnicMinority    []float64 `toml:"ethnic_minority" unit:"proportion" range:"0,1" len:"5" src:"Census 2021 (about 18% of adults from ethnic minorities, concentrated in deprived areas) [EST by quintile]" doc:"probability an adult is from an ethnic minority, by IMD quintile"`
	LTCMean           float64   `toml:"ltc_mean" unit:"conditions" range:"0,10" src:"BJGP 2024 multimorbidity (16% with 3+ serious conditions) [EST]" doc:"mean number of long-term conditions at age 35-49 in IMD quintile 3 (Poisson)"`
	LTCAgeRR          []float64 `toml:"ltc_age_rr" unit:"ratio" range:"0,20" len:"5" src:"[EST] from multimorbidity gradients" doc:"multiplier of the mean LTC count by age band"`
	LTCIMDRR          []float64 `toml:"ltc_imd_rr" unit:"ratio" range:"0,20" len:"5" src:"[EST] multimorbidity arrives about 10 years earlier in the most deprived areas" doc:"multiplier of the mean LTC count by IMD quintile"`
	DeathAnnual       []float64 `toml:"death_annual" unit:"per year" range:"0,1" len:"5" src:"ONS life tables 2020-22 [EST by band]" doc:"annual probability of death by age band"`
	LeaveAnnual       float64   `toml:"leave_annual" unit:"per year" range:"0,0.5" src:"[EST] list turnover from moves" doc:"annual probability an adult leaves the list (moves away)"`
	ListGrowthAnnual  float64   `toml:"list_growth_annual" unit:"per year" range:"-0.1,0.1" src:"NHS Digital registered patients: 59.96m (2019) to 63.9m (2025), about +0.5% a year after adjusting for list cleaning" doc:"net growth of the adult list; registrations replace deaths and leavers plus this growth"`
	NewRegistrantAges []float64 `nodist:"true" toml:"new_registrant_ages" unit:"proportion" range:"0,1" len:"5" src:"[EST] new registrants are younger (18-year-olds, movers)" doc:"age band distribution of new registrants; must sum to 1"`
}

// PCNs describes the Primary Care Networks simulated: synthetic (counts and
// distributions) or read from a CSV of practices.
type PCNs struct {
	CSV                   string  `nodist:"true" toml:"csv" unit:"path" src:"user data" doc:"CSV of practices (columns pcn, practice, list_size, imd_q1..imd_q5); relative to the scenario file; when set, the synthetic keys below are not used"`
	Count                 int     `nodist:"true" toml:"count" unit:"PCNs" range:"1,5000" src:"Morris et al. BJGP 2020: 1,250 PCNs (Jan 2020)" doc:"number of synthetic PCNs"`
	Registered            float64 `nodist:"true" toml:"registered" unit:"people" range:"1000,1000000" src:"Morris et al. BJGP 2020; BMA PCN stats (mean 48,020)" doc:"median registered (all-age) list size of a synthetic PCN"`
	RegisteredSigma       float64 `nodist:"true" toml:"registered_sigma" unit:"log SD" range:"0,2" src:"fitted to Morris et al. 2020: 7% under 30k, 35% over 50k" doc:"SD of log PCN size across synthetic PCNs (0: all the same size)"`
	RegisteredMin         float64 `nodist:"true" toml:"registered_min" unit:"people" range:"1000,1000000" src:"BMA PCN stats: min 14,605" doc:"smallest synthetic PCN"`
	RegisteredMax         float64 `nodist:"true" toml:"registered_max" unit:"people" range:"1000,1000000" src:"BMA PCN stats: max 263,827" doc:"largest synthetic PCN"`
	Practices             int     `nodist:"true" toml:"practices" unit:"practices" range:"0,100" src:"Morris et al. 2020: mean about 5.4 practices per PCN" doc:"practices per synthetic PCN; 0 derives it from size and practice_list_mean (Poisson)"`
	PracticeListMean      float64 `nodist:"true" toml:"practice_list_mean" unit:"people" range:"1000,100000" src:"GPonline/NHS Digital 2018: mean list 8,490" doc:"mean practice list size used when practices = 0"`
	PracticeSizeSigma     float64 `nodist:"true" toml:"practice_size_sigma" unit:"log SD" range:"0,2" src:"[EST] practices from under 5k to over 20k" doc:"SD of log practice share of the PCN list"`
	Deprivation           float64 `nodist:"true" toml:"deprivation" unit:"SD" range:"-3,3" src:"modelling choice" doc:"mean PCN area deprivation on a standard-normal scale (0 mixed, positive more deprived)"`
	DeprivationBetweenSD  float64 `nodist:"true" toml:"deprivation_between_sd" unit:"SD" range:"0,1" src:"fitted to Morris et al. 2020: 14% of PCNs have a majority in very deprived areas" doc:"SD of PCN deprivation across synthetic PCNs"`
	DeprivationWithinSD   float64 `nodist:"true" toml:"deprivation_within_sd" unit:"SD" range:"0,2" src:"[EST] so that between^2 + within^2 = 1 gives 20% per national quintile" doc:"SD of area deprivation within a PCN (practice differences included)"`
	PracticeDeprivationSD float64 `nodist:"true" toml:"practice_deprivation_sd" unit:"SD" range:"0,2" src:"[EST]" doc:"SD of practice mean deprivation within a PCN (part of the within SD)"`
	StructureSeed         uint64  `nodist:"true" toml:"structure_seed" unit:"seed" src:"modelling choice" doc:"seed for the synthetic PCN and practice structure, fixed across runs so PCNs keep their identity"`
}

// Rollout sets when each PCN's link-worker service goes live.
type Rollout struct {
	Enabled bool    `toml:"enabled" unit:"switch" src:"modelling choice" doc:"social prescribing runs in this arm (the default comparator sets it to false)"`
	GoLive  Date    `toml:"go_live" unit:"date" src:"NHS England DES 2019" doc:"go-live date of every PCN's service (unless phases are given)"`
	Phases  []Phase `toml:"phases" doc:"phased rollout: PCNs, in the order given by phase_order, go live in phases of the stated shares"`
	Order   string  `toml:"phase_order" unit:"choice" enum:"listed,deprived_first,least_deprived_first" src:"modelling choice" doc:"order in which PCNs are assigned to phases"`
}

// Phase is one step of a phased rollout.
type Phase struct {
	Share  float64 `nodist:"true" toml:"share" unit:"proportion" range:"0,1" src:"scenario" doc:"share of PCNs that go live in this phase; shares must sum to 1"`
	GoLive Date    `toml:"go_live" unit:"date" src:"scenario" doc:"go-live date of this phase"`
}

// Wellbeing is on the WEMWBS scale: a latent person level plus an AR(1)
// transient deviation plus the effects of active needs and of social
// prescribing; the transient part is what makes regression to the mean.
// Population means and QALYs use this continuous value; a measurement (at
// referral, at follow-up, the wellbeing that makes people consult) reads it
// clamped to the questionnaire's 14-70.
type Wellbeing struct {
	Mean        float64 `toml:"mean" unit:"WEMWBS points" range:"14,70" src:"HSE 2012: population mean 52.2-52.5; with needs active the simulated mean is about 51" doc:"mean latent wellbeing (without needs) in IMD quintile 3"`
	IMDGradient float64 `toml:"imd_gradient" unit:"WEMWBS points per quintile" range:"-10,10" src:"[EST] HSE wellbeing gradient by deprivation" doc:"difference in latent mean per IMD quintile step (quintile 5 minus quintile 1 is 4 times this)"`
	SD          float64 `toml:"sd" unit:"WEMWBS points" range:"0,20" src:"Tennant 2007: population SD about 8.8 (recalled, unverified); needs add variance" doc:"SD of latent plus transient wellbeing (before need effects)"`
	LatentShare float64 `toml:"latent_share" unit:"proportion" range:"0,1" src:"[EST] test-retest r about 0.5-0.6 over 3-6 months" doc:"share of that variance that is a stable person level"`
	AR1Weekly   float64 `toml:"ar1_weekly" unit:"correlation per week" range:"0,0.9999" src:"[EST] one-week test-retest ICC about 0.83-0.95" doc:"week-to-week autocorrelation of the transient deviation"`
	NeedEffects bool    `toml:"need_effects" unit:"switch" src:"modelling choice" doc:"active needs lower wellbeing by each need's wellbeing_effect"`
}

// Needs holds the six social needs.
type Needs struct {
	Loneliness Need `toml:"loneliness"`
	LowMood    Need `toml:"low_mood"`
	Money      Need `toml:"money"`
	Housing    Need `toml:"housing"`
	Employment Need `toml:"employment"`
	Inactivity Need `toml:"inactivity"`
}

// Need is one social need: onset and resolution hazards and its effects.
type Need struct {
	Prevalence      float64   `toml:"prevalence" unit:"proportion" range:"0,0.95" src:"see need" doc:"stationary prevalence in the reference group (IMD quintile 3, age 35-49, male, no LTC)"`
	DurationWeeks   float64   `toml:"duration_weeks" unit:"weeks" range:"1,1040" src:"[EST]" doc:"mean duration of an episode without help (1/resolution hazard)"`
	IMDRR           []float64 `toml:"imd_rr" unit:"ratio" range:"0,20" len:"5" src:"[EST] deprivation gradients in ONS/HSE" doc:"onset hazard ratio by IMD quintile"`
	AgeRR           []float64 `toml:"age_rr" unit:"ratio" range:"0,20" len:"5" src:"[EST]" doc:"onset hazard ratio by age band"`
	FemaleRR        float64   `toml:"female_rr" unit:"ratio" range:"0,20" src:"[EST]" doc:"onset hazard ratio for women"`
	LTCRR           float64   `toml:"ltc_rr" unit:"ratio per LTC" range:"0,20" src:"ELSA: multiple LTCs OR 2.0 for SP referral [EST]" doc:"onset hazard ratio per long-term condition"`
	WellbeingEffect float64   `toml:"wellbeing_effect" unit:"WEMWBS points" range:"-30,0" src:"[EST] HSE: very bad health 38-41 vs 52 average" doc:"change in wellbeing while the need is active"`
	Weight          float64   `toml:"weight" unit:"ratio" range:"0,10" src:"Bu et al. BJPsych 2024: mental health is the most common referral reason [EST]" doc:"relative chance this need is spotted at a consultation"`
}

// Contacts are GP consultations and A&E attendances.
type Contacts struct {
	GPRate        float64   `toml:"gp_rate" unit:"per person-year" range:"0,50" src:"Hobbs et al. Lancet 2016: 5.16 consultations/person/yr (2013/14), falling after" doc:"GP consultation rate in the reference group (age 35-49, male, IMD 3, no LTC, no need)"`
	GPAgeRR       []float64 `toml:"gp_age_rr" unit:"ratio" range:"0,20" len:"5" src:"[EST] from Hobbs et al. 2016 age gradient" doc:"GP rate ratio by age band"`
	GPFemaleRR    float64   `toml:"gp_female_rr" unit:"ratio" range:"0,20" src:"Hobbs et al. 2016 [EST]" doc:"GP rate ratio for women"`
	GPLTCRR       float64   `toml:"gp_ltc_rr" unit:"ratio per LTC" range:"0,20" src:"BJGP 2024: multimorbidity is over a third of GP workload [EST]" doc:"GP rate ratio per long-term condition"`
	GPNeedRR      float64   `toml:"gp_need_rr" unit:"ratio per need" range:"0,20" src:"Citizens Advice 2015: 19% of GP time on non-health issues [EST]" doc:"GP rate ratio per active social need"`
	GPWellbeingRR float64   `toml:"gp_wellbeing_rr" unit:"ratio per SD" range:"0,20" src:"[EST]" doc:"GP rate ratio per SD of wellbeing below the population mean (people consult when they feel worse)"`
	AERate        float64   `toml:"ae_rate" unit:"per person-year" range:"0,10" src:"NHS Digital 2020/21: 14.4m attendances [EST per adult]" doc:"A&E attendance rate in the reference group"`
	AEAgeRR       []float64 `toml:"ae_age_rr" unit:"ratio" range:"0,20" len:"5" src:"[EST]" doc:"A&E rate ratio by age band"`
	AEIMDRR       []float64 `toml:"ae_imd_rr" unit:"ratio" range:"0,20" len:"5" src:"[EST] A&E use is higher in deprived areas" doc:"A&E rate ratio by IMD quintile"`
	AELTCRR       float64   `toml:"ae_ltc_rr" unit:"ratio per LTC" range:"0,20" src:"[EST]" doc:"A&E rate ratio per long-term condition"`
	AENeedRR      float64   `toml:"ae_need_rr" unit:"ratio per need" range:"0,20" src:"[EST]" doc:"A&E rate ratio per active social need"`
}

// Identification is how needs are spotted at consultations and referred.
type Identification struct {
	Sensitivity    float64   `toml:"sensitivity" unit:"probability" range:"0,1" src:"calibrated to ~20 referred per 1,000 registered in 2023 (Bu et al. 2025); Moore 2022: 96% of HCPs signpost directly" doc:"probability that one active need is identified and a referral offered at one GP consultation (reference group, average practice, after ramp-up)"`
	PracticeSD     float64   `toml:"practice_sd" unit:"log-odds SD" range:"0,3" src:"Khan et al. 2023: practice-to-practice variation in recording [EST]" doc:"SD across practices of the log-odds of identification (makes outcomes cluster by practice)"`
	FalsePositive  float64   `toml:"false_positive" unit:"probability" range:"0,0.5" src:"[EST]" doc:"probability of a referral at a consultation of a person with no active need (1 - specificity)"`
	MaleOR         float64   `toml:"male_or" unit:"odds ratio" range:"0,20" src:"Bu et al. 2025: 60% of referred are female [EST]" doc:"odds ratio of identification for men"`
	MinorityOR     float64   `toml:"minority_or" unit:"odds ratio" range:"0,20" src:"Bu et al. 2025: 22% of referred from ethnic minorities [EST]" doc:"odds ratio of identification for people from ethnic minorities"`
	IMDOR          []float64 `toml:"imd_or" unit:"odds ratio" range:"0,20" len:"5" src:"Bu et al. 2025: 42% of referred from IMD 1-2 [EST]" doc:"odds ratio of identification by IMD quintile"`
	WellbeingOR    float64   `toml:"wellbeing_or" unit:"odds ratio per SD" range:"0,20" src:"ELSA: loneliness OR 2.2 for referral [EST]" doc:"odds ratio of identification per SD of observed wellbeing below the mean (referral at a low point)"`
	RampWeeks      float64   `toml:"ramp_weeks" unit:"weeks" range:"0,520" src:"referral rate 6.7/1,000 in 2020/21 vs 20/1,000 in 2023 (Bu et al. 2025)" doc:"weeks after go-live for referral behaviour to reach full sensitivity (linear ramp)"`
	RampStart      float64   `toml:"ramp_start" unit:"proportion" range:"0,1" src:"see ramp_weeks" doc:"share of full sensitivity at go-live"`
	SelfReferral   bool      `toml:"self_referral" unit:"switch" src:"Bu et al. BJPsych 2024: 15-28% of referrals from non-medical routes" doc:"self-referral and non-medical routes are open"`
	SelfWeekly     float64   `toml:"self_weekly" unit:"per week" range:"0,0.5" src:"calibrated to 15-28% non-medical share [EST]" doc:"weekly probability that a person with an active need self-refers or is referred by a non-medical route"`
	SelfMaleOR     float64   `toml:"self_male_or" unit:"odds ratio" range:"0,20" src:"Bu et al. 2024: non-medical routes reach men more equitably [EST]" doc:"odds ratio of self-referral for men"`
	RereferralWeek float64   `toml:"rereferral_weeks" unit:"weeks" range:"0,520" src:"[EST]" doc:"weeks after an episode ends before the same person can be referred again"`
}

// Referral is the patient's acceptance or decline.
type Referral struct {
	Decline    float64   `toml:"decline" unit:"probability" range:"0,1" src:"Bu et al. 2025: 10.6-12% declined in 2023" doc:"probability of declining in the reference group (female, IMD quintile 3)"`
	MaleOR     float64   `toml:"male_or" unit:"odds ratio" range:"0,20" src:"Bu et al. 2025: declines higher for men [EST]" doc:"odds ratio of declining for men"`
	IMDOR      []float64 `toml:"imd_or" unit:"odds ratio" range:"0,20" len:"5" src:"Bu et al. 2025: declines higher for the more deprived [EST]" doc:"odds ratio of declining by IMD quintile"`
	RampStart  float64   `toml:"ramp_start" unit:"odds ratio" range:"0,20" src:"Bu et al. 2025: 22.2% declined in 2019 vs 11% in 2023" doc:"odds ratio of declining at go-live, falling linearly to 1 over identification.ramp_weeks"`
	SelfFactor float64   `toml:"self_or" unit:"odds ratio" range:"0,20" src:"[EST] self-referrers rarely decline" doc:"odds ratio of declining for self-referrals"`
}

// LinkWorkers is the PCN link-worker workforce.
type LinkWorkers struct {
	FTEPath            []FTEPoint `toml:"fte_path" doc:"funded ARRS FTE per 50,000 registered over time (steps at the dates given); before the first date none is funded"`
	FTEMultiplier      float64    `toml:"fte_multiplier" unit:"ratio" range:"0,20" src:"modelling choice" doc:"multiplies the funded FTE path (0.5 halves the workforce)"`
	DeprivationExtra   float64    `toml:"deprivation_extra" unit:"ratio" range:"0,20" src:"modelling choice (proportionate universalism, Marmot 2010)" doc:"extra funded ARRS FTE weighted to deprivation: a PCN's FTE is multiplied by 1 + deprivation_extra x (its share of patients in IMD quintiles 1-2) / 0.4, so an average PCN (40% in quintiles 1-2) gets 1 + deprivation_extra times the path and the least deprived get least (0: no weighting)"`
	NonARRSShare       float64    `toml:"non_arrs_share" unit:"ratio" range:"0,5" src:">3,300 link workers employed (2024-25) vs ~2,800 ARRS FTE" doc:"extra link-worker FTE funded outside ARRS (local authority, VCSE), as a share of ARRS FTE"`
	PostFTE            float64    `toml:"post_fte" unit:"FTE" range:"0.1,1" src:"[EST]" doc:"FTE of one post; funded FTE is split into posts of this size"`
	RecruitWeeks       float64    `toml:"recruit_weeks" unit:"weeks" range:"0,260" src:"[EST] vacancies take months to fill; PCN FTE was 112 in Mar 2020" doc:"mean weeks to fill a vacant post"`
	TurnoverAnnual     float64    `toml:"turnover_annual" unit:"per year" range:"0,1" src:"NALW 2020: 29% intend to leave; actual turnover not found; 15-25% [EST]" doc:"annual probability a link worker leaves when the caseload is within the cap"`
	OverCapTurnoverRR  float64    `toml:"over_cap_turnover_rr" unit:"ratio" range:"1,20" src:"Tierney et al. 2025: job discrepancy OR 6.9 for intention to leave [EST]" doc:"multiplier of the leaving hazard in weeks when the caseload is over the cap"`
	CaseloadPerFTEYear float64    `toml:"caseload_per_fte_year" unit:"people per FTE per year" range:"1,2000" src:"NHS England guidance: 200-250 people per FTE per year" doc:"guideline caseload; the concurrent caseload cap is this x support.mean_weeks / 52"`
	ContactsPerFTEWeek float64    `toml:"contacts_per_fte_week" unit:"contacts per FTE-week" range:"1,200" src:"[EST] 225 people x 6-12 contacts x 30-40 min is about a full FTE of patient time" doc:"patient contacts one FTE can deliver in a week"`
}

// FTEPoint is one step of the funded FTE path.
type FTEPoint struct {
	Date     Date    `toml:"date" unit:"date" src:"NWRS/ARRS series" doc:"date from which this level applies"`
	FTEPer50 float64 `toml:"fte_per_50k" unit:"FTE per 50,000 registered" range:"0,100" src:"ARC-GM; Pulse PCN 2024 (2,780-2,870 FTE nationally)" doc:"funded ARRS FTE per 50,000 registered"`
}

// Support is the link-worker pathway: queue, first contact, support, onward referral.
type Support struct {
	Route              string  `toml:"route" unit:"choice" enum:"link_worker,digital" src:"modelling choice" doc:"where accepted referrals go: the link-worker waiting list, or a digital signposting service with no link worker (each referral gets a list of local services at once, and support.digital_uptake of them take a place up themselves)"`
	DigitalUptake      float64 `toml:"digital_uptake" unit:"probability" range:"0,1" src:"CommunityRx (information only, Lindau et al.): 11% used a listed resource within 3 months" doc:"probability a person signposted by the digital service takes up a service place themselves (support.route = digital)"`
	QueueOrder         string  `toml:"queue_order" unit:"choice" enum:"fcfs,priority" src:"modelling choice" doc:"waiting list order: first come first served, or priority to the lowest wellbeing measured at referral"`
	WaitDropoutWeekly  float64 `toml:"wait_dropout_weekly" unit:"per week" range:"0,1" src:"[EST] calibrated to ~90% with a first contact" doc:"weekly probability a person waiting for a first contact drops out"`
	FirstContactCost   float64 `toml:"first_contact_slots" unit:"contacts" range:"0.1,10" src:"Elston 2019: first sessions are longer [EST]" doc:"contact slots a first (assessment) contact uses"`
	FullSupport        float64 `toml:"full_support" unit:"probability" range:"0,1" src:"Mercer 2019: 45% saw the link worker 3+ times [EST]" doc:"probability an assessed person with one need needs full support rather than brief signposting"`
	FullSupportPerNeed float64 `toml:"full_support_per_need" unit:"probability" range:"0,1" src:"[EST]" doc:"added probability of full support per extra active need"`
	ContactsMin        int     `nodist:"true" toml:"contacts_min" unit:"contacts" range:"1,50" src:"NHS England: 6-12 contacts" doc:"fewest planned contacts of full support"`
	ContactsMax        int     `nodist:"true" toml:"contacts_max" unit:"contacts" range:"1,50" src:"NHS England: 6-12 contacts" doc:"most planned contacts of full support"`
	MeanWeeks          float64 `toml:"mean_weeks" unit:"weeks" range:"1,52" src:"Elston 2019; up to 12 weeks" doc:"mean weeks of full support (sets the caseload cap)"`
	MaxWeeks           int     `nodist:"true" toml:"max_weeks" unit:"weeks" range:"1,104" src:"Elston 2019: up to 12 weeks" doc:"full support ends after this many weeks"`
	DropoutWeekly      float64 `toml:"dropout_weekly" unit:"per week" range:"0,1" src:"[EST] Glasgow retention 74% at 9 months" doc:"weekly probability a person in full support disengages"`
	OnwardAtContact    int     `toml:"onward_at_contact" unit:"contacts" range:"1,50" src:"[EST]" doc:"contact at which full-support clients are referred on to community services"`
	OnwardUptake       float64 `toml:"onward_uptake" unit:"probability" range:"0,1" src:"Cleveland: 27% of accepted CBO referrals resolved [EST]" doc:"probability a full-support client takes up an offered service place"`
	SignpostUptake     float64 `toml:"signpost_uptake" unit:"probability" range:"0,1" src:"CommunityRx: 11% used a listed resource [EST]" doc:"probability a brief-signposted person takes up a service place themselves"`
	ServiceWaitWeeks   float64 `toml:"service_wait_max_weeks" unit:"weeks" range:"0,104" src:"[EST]" doc:"a person waits at most this long for a service place; then the need is unmet"`
	PracticalSupport   float64 `toml:"practical_support" unit:"probability" range:"0,1" src:"Bu et al. 2024: 38% received any intervention [EST]" doc:"probability that completed full support counts as an intervention in itself (practical help: benefits forms, housing)"`
}

// Services are the community (VCSE) services link workers refer to.
type Services struct {
	PerNeedPer10k     float64 `toml:"per_need_per_10k" unit:"services per need per 10,000 adults" range:"0,100" src:"NCVO Almanac; CAF 2023: 53% of charities at full capacity [EST]" doc:"services addressing each need type, per 10,000 adults"`
	PlacesMedian      float64 `toml:"places_median" unit:"places" range:"1,1000" src:"NCVO: 82% of charities have income under £100k [EST]" doc:"median concurrent places of a service"`
	PlacesSigma       float64 `toml:"places_sigma" unit:"log SD" range:"0,3" src:"small-organisation-heavy size distribution [EST]" doc:"SD of log places across services"`
	PlaceMultiplier   float64 `toml:"place_multiplier" unit:"ratio" range:"0,20" src:"modelling choice" doc:"multiplies every service's places (0.5 halves community capacity)"`
	WeeksMean         float64 `toml:"weeks_mean" unit:"weeks" range:"1,104" src:"[EST] typical 8-12 week programmes" doc:"mean weeks of participation in a service"`
	DropoutWeekly     float64 `toml:"dropout_weekly" unit:"per week" range:"0,1" src:"[EST]" doc:"weekly probability a participant stops attending"`
	BackgroundUse     float64 `toml:"background_use" unit:"proportion" range:"0,1" src:"CAF 2023: demand up for 81% of charities [EST]" doc:"share of each service's places taken by people not referred by link workers"`
	FundedShare       float64 `toml:"funded_share" unit:"proportion" range:"0,1" src:"NCVO 2020: VCSE activity generally unfunded [EST]" doc:"share of services with a funding stream at the start"`
	FundingWeeks      float64 `toml:"funding_weeks" unit:"weeks" range:"1,1040" src:"[EST] 1-3 year grants" doc:"length of a funding period"`
	RenewProb         float64 `toml:"renew_prob" unit:"probability" range:"0,1" src:"[EST]" doc:"probability a funding period is renewed when it ends"`
	ClosureAnnual     float64 `toml:"closure_annual" unit:"per year" range:"0,1" src:"closure rate not found; NCVO 2023: 1 in 5 charities could disappear [EST, calibrate]" doc:"annual closure probability of a funded service that is not overloaded"`
	OverloadClosureRR float64 `toml:"overload_closure_rr" unit:"ratio" range:"1,50" src:"Allbutt 2025: over-referral damages VCSE trust [EST]" doc:"closure hazard multiplier while the waiting list exceeds the places"`
	UnfundedClosureRR float64 `toml:"unfunded_closure_rr" unit:"ratio" range:"1,50" src:"CAF 2023: 53% worried about survival [EST]" doc:"closure hazard multiplier while a service has no funding"`
	OpenAnnual        float64 `toml:"open_annual" unit:"per year" range:"0,1" src:"[EST] keeps the catalogue roughly stable" doc:"annual probability that a closed service slot re-opens as a new service"`
	WaitlistPerPlace  float64 `toml:"waitlist_per_place" unit:"people per place" range:"0,100" src:"CAF 2023: 12% of charities turn people away [EST]" doc:"a service's waiting list is capped at this many people per place; beyond it, referrals are turned away"`
	Grants            []Grant `toml:"grants" doc:"grants that fund extra or existing services for a period (VCSE grants)"`
}

// Grant funds community services for a period.
type Grant struct {
	Start         Date    `toml:"start" unit:"date" src:"scenario" doc:"grant start"`
	End           Date    `toml:"end" unit:"date" src:"scenario" doc:"grant end"`
	NewPer10k     float64 `toml:"new_per_10k" unit:"services per 10,000 adults" range:"0,100" src:"scenario" doc:"new services opened at the start (spread over need types)"`
	FundExisting  bool    `toml:"fund_existing" unit:"switch" src:"scenario" doc:"the grant also funds every open service while it runs"`
	AnnualPerServ float64 `toml:"annual_per_service" unit:"GBP per service-year" range:"0,10000000" src:"[EST]" doc:"grant paid per funded service per year"`
}

// Effects are what social prescribing does, for people who engage. Defaults
// are sceptical: controlled evidence is near null.
type Effects struct {
	Wellbeing        float64 `toml:"wellbeing" unit:"SD of wellbeing" range:"-2,3" src:"Mercer 2019, Kiely 2024: controlled effects near null; sceptical 0-0.2 SD" doc:"wellbeing gain while participating in a service with a full dose, in SD units of wellbeing"`
	SupportShare     float64 `toml:"support_share" unit:"proportion" range:"0,1" src:"[EST]" doc:"share of that gain from completed full link-worker support alone"`
	HeterogeneitySD  float64 `toml:"heterogeneity_sd" unit:"log SD" range:"0,3" src:"[EST]" doc:"SD of the log person-level effect multiplier (who benefits varies)"`
	DoseWeeks        float64 `toml:"dose_weeks" unit:"weeks" range:"1,104" src:"Mercer 2019: dose-response with contacts [EST]" doc:"weeks of participation for the full effect (dose = weeks/dose_weeks, at most 1)"`
	HalfLifeWeeks    float64 `toml:"half_life_weeks" unit:"weeks" range:"0.1,1040" src:"Munford 2020: QALY gains grew to 18 months [EST]" doc:"half-life of the gain after participation ends"`
	NeedResolutionRR float64 `toml:"need_resolution_rr" unit:"hazard ratio" range:"0,20" src:"Cleveland 27% resolved; AHC: needs not improved [EST]" doc:"resolution hazard ratio of the matched need while in a service"`
	GPRR             float64 `toml:"gp_rr" unit:"rate ratio" range:"0,5" src:"Torbay: use increased; AHC ED RR 0.92-0.96; default null" doc:"GP consultation rate ratio while the gain lasts (scaled by it)"`
	AERR             float64 `toml:"ae_rr" unit:"rate ratio" range:"0,5" src:"Heisler 2022: ED ARR 0.96; default null" doc:"A&E attendance rate ratio while the gain lasts (scaled by it)"`
}

// Costs by payer, all in the prices of one year, costs.price_year. The
// defaults come from sources of different years and are not inflated (no
// sourced NHS cost inflation index is at hand): the link-worker cost, the
// largest, is in 2022/23 prices, the default price year; the GP and A&E
// costs are older and marked for update.
type Costs struct {
	PriceYear      int     `nodist:"true" toml:"price_year" unit:"financial year (2022 = 2022/23)" range:"1990,2100" src:"ARRS cap year of costs.lw_annual (2022/23)" doc:"price year every cost parameter is stated in; reported with every cost output (budget impact is in these prices, not nominal)"`
	LWAnnual       float64 `toml:"lw_annual" unit:"GBP per FTE-year" range:"0,1000000" src:"ARRS cap £36,428 (2022/23) incl. on-costs" doc:"cost of one link-worker FTE, paid while the post is filled (ARRS, NHS primary care)"`
	LWOverhead     float64 `toml:"lw_overhead" unit:"proportion" range:"0,5" src:"GM Training Hub: £2,400/WTE overheads; supervision [EST]" doc:"supervision, management and estates as a share of the salary cost"`
	GPConsultation float64 `toml:"gp_consultation" unit:"GBP" range:"0,10000" src:"PSSRU 2015-16: £33-45 per surgery consultation [needs update]" doc:"cost of one GP consultation (NHS primary care)"`
	AEAttendance   float64 `toml:"ae_attendance" unit:"GBP" range:"0,10000" src:"NHS Digital 2020/21: £4.5bn / 14.4m ≈ £312 [EST]" doc:"cost of one A&E attendance (NHS secondary care)"`
	DigitalPer50k  float64 `toml:"digital_per_50k_year" unit:"GBP per 50,000 registered per year" range:"0,10000000" src:"[EST] a local service directory platform licence and its upkeep; no costed UK example found" doc:"cost of the digital signposting service while the PCN's service is live and support.route = digital (NHS primary care)"`
	PlaceWeek      float64 `toml:"place_week" unit:"GBP per place-week" range:"0,10000" src:"VCSE activity generally unfunded (NCVO 2020)" doc:"cost per occupied place-week of a referred participant paid to the VCSE (0: unfunded)"`
}

// QALY maps wellbeing or needs to utility. No validated WEMWBS to EQ-5D
// mapping exists: this is a stated assumption users can change.
type QALY struct {
	Mapping       string  `toml:"mapping" unit:"choice" enum:"wellbeing,needs" src:"assumption (Keetharuth 2024: no direct WEMWBS to EQ-5D mapping)" doc:"utility from wellbeing (linear in the continuous score, not capped at 1: with the defaults it passes 1 only above WEMWBS 69) or from the number of active needs"`
	Intercept     float64 `toml:"intercept" unit:"utility" range:"-0.6,1" src:"[EST] EQ-5D population norm about 0.85" doc:"utility at WEMWBS 51 (wellbeing mapping) or with no need (needs mapping)"`
	Slope         float64 `toml:"slope" unit:"utility per WEMWBS point" range:"0,0.1" src:"[EST] assumption" doc:"utility change per WEMWBS point (wellbeing mapping)"`
	NeedDecrement float64 `toml:"need_decrement" unit:"utility per need" range:"0,1" src:"[EST] assumption" doc:"utility lost per active need (needs mapping)"`
	DiscountRate  float64 `toml:"discount_rate" unit:"per year" range:"0,0.2" src:"NICE reference case: 3.5% for costs and health" doc:"annual discount rate for costs and QALYs (year 1 undiscounted)"`
}

// Outcomes controls what is measured.
type Outcomes struct {
	FollowUpWeeks int `nodist:"true" toml:"follow_up_weeks" unit:"weeks" range:"1,520" src:"typical evaluation follow-up 3-9 months" doc:"lag from referral to follow-up for wellbeing_change_referred"`
	ReportYear    int `nodist:"true" toml:"report_year" unit:"year" range:"0,2200" src:"model brief section 9 (calendar 2023)" doc:"calendar year for the calibration metrics (cal_*); 0 for none"`
}
