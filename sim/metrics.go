package sim

import "math"

// Arm indexes the two simulated arms of a run.
type Arm int

// The two arms of every run. The difference arm of the outputs is computed
// from these, run by run.
const (
	ScenarioArm Arm = iota
	CounterfactualArm
	NumArms
)

// String names the arm as the outputs do.
func (a Arm) String() string { return [...]string{"scenario", "counterfactual"}[a] }

// Group indexes the population subgroups every metric is reported for.
type Group int

// Subgroups. IMD quintile 1 is the most deprived.
const (
	GroupAll Group = iota
	GroupIMD1
	GroupIMD2
	GroupIMD3
	GroupIMD4
	GroupIMD5
	GroupFemale
	GroupMale
	GroupAge18
	GroupAge35
	GroupAge50
	GroupAge65
	GroupAge80
	GroupMinority
	GroupWhite
	NumGroups
)

var groupNames = [NumGroups]string{"all", "imd_q1", "imd_q2", "imd_q3", "imd_q4", "imd_q5",
	"sex_female", "sex_male", "age_18_34", "age_35_49", "age_50_64", "age_65_79", "age_80_plus",
	"ethnic_minority", "ethnic_white"}

// String names the group as the outputs do.
func (g Group) String() string { return groupNames[g] }

// Metric indexes the per-run outcome metrics.
type Metric int

// MetricDef documents one metric for the output dictionary.
type MetricDef struct {
	Name    string
	Unit    string
	Doc     string
	AllOnly bool // reported for group "all" only (PCN-level quantities such as costs)

	// DiffOnly marks a value defined only for the difference between the
	// arms (an index of the incremental benefit). A run holds it in the
	// scenario arm's slot; the counterfactual slot is undefined.
	DiffOnly bool
}

// The metrics of every run, per arm and group.
const (
	MAdults Metric = iota
	MPersonYears
	MReferrals
	MReferralsRate
	MDeclined
	MDeclinedRate
	MFirstContact
	MFirstContactRate
	MThreePlus
	MThreePlusRate
	MAnyIntervention
	MAnyInterventionRate
	MNeedsResolved
	MNeedsResolvedRate
	MWaitMean
	MWellbeingMean
	MWellbeingChange
	MWellbeingChangeReferred
	MGP
	MGPRate
	MAE
	MAERate
	MQALYs
	MQALYsPerPerson
	MCostTotal
	MCostLW
	MCostDigital
	MCostVCSE
	MCostGP
	MCostAE
	MFTEInPost
	MServicesOpen
	MSIIWellbeing
	MRIIWellbeing
	MCIWellbeing
	MAtkinsonWellbeing1
	MAtkinsonWellbeing1095
	MSIIQALYs
	MRIIQALYs
	MCIQALYs
	MAtkinsonQALYs1
	MAtkinsonQALYs1095
	MSIIWellbeingBenefit
	MSIIQALYsBenefit
	MCalReferredPer1000
	MCalDeclined
	MCalFirstContact
	MCalThreePlus
	MCalAnyIntervention
	MCalFemale
	MCalMinority
	MCalIMD12
	MCalSelfReferral
	MCalFTE
	NumMetrics
)

var metricDefs = [NumMetrics]MetricDef{
	MAdults:                  {"adults", "people", "mean number of registered adults over the horizon", false, false},
	MPersonYears:             {"person_years", "person-years", "adult person-years simulated over the horizon", false, false},
	MReferrals:               {"referrals", "people", "distinct people referred at least once over the horizon (any route)", false, false},
	MReferralsRate:           {"referrals_per_1000py", "per 1,000 adults per year", "referrals per 1,000 adult person-years", false, false},
	MDeclined:                {"declined", "people", "distinct people who declined a referral at least once", false, false},
	MDeclinedRate:            {"declined_per_1000py", "per 1,000 adults per year", "declined per 1,000 adult person-years", false, false},
	MFirstContact:            {"lw_first_contact", "people", "distinct people with at least one first link-worker contact", false, false},
	MFirstContactRate:        {"lw_first_contact_per_1000py", "per 1,000 adults per year", "lw_first_contact per 1,000 adult person-years", false, false},
	MThreePlus:               {"lw_three_plus_contacts", "people", "distinct people with 3 or more link-worker contacts in one episode", false, false},
	MThreePlusRate:           {"lw_three_plus_contacts_per_1000py", "per 1,000 adults per year", "lw_three_plus_contacts per 1,000 adult person-years", false, false},
	MAnyIntervention:         {"any_intervention", "people", "distinct people who started a community service or completed full link-worker support with practical help", false, false},
	MAnyInterventionRate:     {"any_intervention_per_1000py", "per 1,000 adults per year", "any_intervention per 1,000 adult person-years", false, false},
	MNeedsResolved:           {"needs_resolved", "need episodes", "need episodes that resolved during the horizon (all adults, any cause)", false, false},
	MNeedsResolvedRate:       {"needs_resolved_per_1000py", "per 1,000 adults per year", "needs_resolved per 1,000 adult person-years", false, false},
	MWaitMean:                {"wait_weeks_mean", "weeks", "mean weeks from referral (acceptance) to first link-worker contact, among those contacted; absent where nobody was contacted", false, false},
	MWellbeingMean:           {"wellbeing_mean", "WEMWBS points", "mean wellbeing (continuous WEMWBS scale, not clamped to 14-70) over adult person-weeks of the horizon", false, false},
	MWellbeingChange:         {"wellbeing_change", "WEMWBS points", "mean change in observed wellbeing from the first to the last week of the horizon, over adults registered at both", false, false},
	MWellbeingChangeReferred: {"wellbeing_change_referred", "WEMWBS points", "mean change in observed wellbeing from the week of first referral to outcomes.follow_up_weeks later, over people referred in the scenario arm (the same people and weeks in both arms); the counterfactual value is the before-after change with no social prescribing (regression to the mean and natural history)", false, false},
	MGP:                      {"gp_consultations", "consultations", "GP consultations over the horizon", false, false},
	MGPRate:                  {"gp_consultations_per_1000py", "per 1,000 adults per year", "GP consultations per 1,000 adult person-years", false, false},
	MAE:                      {"ae_attendances", "attendances", "A&E attendances over the horizon", false, false},
	MAERate:                  {"ae_attendances_per_1000py", "per 1,000 adults per year", "A&E attendances per 1,000 adult person-years", false, false},
	MQALYs:                   {"qalys", "QALYs", "discounted QALYs over the horizon (qaly.mapping, qaly.discount_rate)", false, false},
	MQALYsPerPerson:          {"qalys_per_person_year", "QALYs per person-year", "undiscounted QALYs per adult person-year", false, false},
	MCostTotal:               {"cost_total", "GBP (discounted)", "sum of the costs below", true, false},
	MCostLW:                  {"cost_link_workers", "GBP (discounted)", "link-worker posts while filled, with overheads (ARRS and non-ARRS)", true, false},
	MCostDigital:             {"cost_digital", "GBP (discounted)", "the digital signposting service (support.route = digital), NHS primary care", true, false},
	MCostVCSE:                {"cost_vcse", "GBP (discounted)", "VCSE grants and paid places", true, false},
	MCostGP:                  {"cost_gp", "GBP (discounted)", "GP consultations", true, false},
	MCostAE:                  {"cost_ae", "GBP (discounted)", "A&E attendances", true, false},
	MFTEInPost:               {"lw_fte_in_post", "FTE", "mean link-worker FTE in post over the horizon (ARRS and non-ARRS)", true, false},
	MServicesOpen:            {"services_open", "services", "mean community services open over the horizon", true, false},
	MSIIWellbeing:            {"sii_wellbeing", "WEMWBS points", "slope index of inequality in wellbeing_mean " + ineqAcross + ": the fitted value at the least deprived extreme minus that at the most deprived, from the PHE/OHID weighted regression on ridit midpoints (positive: better wellbeing in less deprived areas)", true, false},
	MRIIWellbeing:            {"rii_wellbeing", "ratio", "relative index of inequality in wellbeing_mean " + ineqAcross + ", PHE/OHID form: (intercept + SII)/intercept, the fitted value at the least deprived extreme over that at the most deprived", true, false},
	MCIWellbeing:             {"ci_wellbeing", "index (-1 to 1)", "concentration index of wellbeing_mean " + ineqAcross + " (fractional rank = ridit; positive: concentrated in less deprived areas)", true, false},
	MAtkinsonWellbeing1:      {"atkinson_wellbeing_e1", "index (0 to 1)", "Atkinson index of wellbeing_mean " + ineqAcross + ", inequality aversion 1 (1 - geometric mean / mean)", true, false},
	MAtkinsonWellbeing1095:   {"atkinson_wellbeing_e10_95", "index (0 to 1)", "Atkinson index of wellbeing_mean " + ineqAcross + ", inequality aversion 10.95 (the English general public's, Robson et al. 2017)", true, false},
	MSIIQALYs:                {"sii_qalys", "QALYs per person-year", "slope index of inequality in qalys_per_person_year " + ineqAcross + " (as sii_wellbeing)", true, false},
	MRIIQALYs:                {"rii_qalys", "ratio", "relative index of inequality in qalys_per_person_year " + ineqAcross + " (as rii_wellbeing)", true, false},
	MCIQALYs:                 {"ci_qalys", "index (-1 to 1)", "concentration index of qalys_per_person_year " + ineqAcross, true, false},
	MAtkinsonQALYs1:          {"atkinson_qalys_e1", "index (0 to 1)", "Atkinson index of qalys_per_person_year " + ineqAcross + ", inequality aversion 1", true, false},
	MAtkinsonQALYs1095:       {"atkinson_qalys_e10_95", "index (0 to 1)", "Atkinson index of qalys_per_person_year " + ineqAcross + ", inequality aversion 10.95", true, false},
	MSIIWellbeingBenefit:     {"sii_wellbeing_benefit", "WEMWBS points", "slope index of inequality of the incremental benefit in wellbeing_mean (scenario - counterfactual, by IMD quintile, weighted by the scenario's adult person-years): positive when the benefit rises towards less deprived areas, so social prescribing widens the gap; difference arm only (ratios and Atkinson indices of a benefit near or below zero are undefined); the benefit per quintile is wellbeing_mean's difference for groups imd_q1..imd_q5", true, true},
	MSIIQALYsBenefit:         {"sii_qalys_benefit", "QALYs per person-year", "slope index of inequality of the incremental benefit in qalys_per_person_year (as sii_wellbeing_benefit); difference arm only", true, true},
	MCalReferredPer1000:      {"cal_referred_per_1000_registered", "per 1,000 registered (all ages) per year", "people referred in outcomes.report_year per 1,000 registered patients of all ages", true, false},
	MCalDeclined:             {"cal_declined_share", "proportion", "share of people referred in the report year who declined", true, false},
	MCalFirstContact:         {"cal_first_contact_share", "proportion", "share of people referred in the report year with a first link-worker contact", true, false},
	MCalThreePlus:            {"cal_three_plus_share", "proportion", "share of people referred in the report year with 3+ link-worker contacts", true, false},
	MCalAnyIntervention:      {"cal_any_intervention_share", "proportion", "share of people referred in the report year who received any intervention", true, false},
	MCalFemale:               {"cal_female_share", "proportion", "share of people referred in the report year who are female", true, false},
	MCalMinority:             {"cal_minority_share", "proportion", "share of people referred in the report year from an ethnic minority", true, false},
	MCalIMD12:                {"cal_imd_q12_share", "proportion", "share of people referred in the report year living in IMD quintiles 1-2", true, false},
	MCalSelfReferral:         {"cal_self_referral_share", "proportion", "share of people referred in the report year through self-referral or non-medical routes", true, false},
	MCalFTE:                  {"cal_arrs_fte", "FTE", "mean ARRS link-worker FTE in post during the report year", true, false},
}

// ineqAcross states how the inequality indices are taken.
const ineqAcross = "across the five IMD quintiles of the arm (most deprived first), each weighted by its adult person-years"

// Def returns the documentation of metric m.
func (m Metric) Def() MetricDef { return metricDefs[m] }

// String is the metric's name in the outputs.
func (m Metric) String() string { return metricDefs[m].Name }

// Series indexes the weekly time series.
type Series int

// Weekly series recorded per arm.
const (
	SReferrals Series = iota
	SWaitingList
	SCaseload
	SMeanWait
	SInServices
	SWellbeing
	SFTE
	SCostLW
	SCostDigital
	SCostVCSE
	SCostGP
	SCostAE
	NumSeries
)

var seriesDefs = [NumSeries]MetricDef{
	SReferrals:   {"referrals", "people per week", "referrals accepted or declined this week", false, false},
	SWaitingList: {"waiting_list", "people", "people waiting for a first link-worker contact at the end of the week", false, false},
	SCaseload:    {"active_caseload", "people", "people in full link-worker support at the end of the week", false, false},
	SMeanWait:    {"mean_wait", "weeks", "mean wait of the people first contacted this week (absent in weeks with none)", false, false},
	SInServices:  {"in_services", "people", "referred people participating in a community service at the end of the week", false, false},
	SWellbeing:   {"wellbeing_mean", "WEMWBS points", "mean wellbeing (continuous WEMWBS scale) of registered adults this week", false, false},
	SFTE:         {"lw_fte_in_post", "FTE", "link-worker FTE in post this week", false, false},
	SCostLW:      {"cost_link_workers", "GBP per week (undiscounted)", "link-worker posts filled this week, with overheads (ARRS and non-ARRS); the budget impact of cost_link_workers", false, false},
	SCostDigital: {"cost_digital", "GBP per week (undiscounted)", "the digital signposting service this week; the budget impact of cost_digital", false, false},
	SCostVCSE:    {"cost_vcse", "GBP per week (undiscounted)", "VCSE grants and paid places this week", false, false},
	SCostGP:      {"cost_gp", "GBP per week (undiscounted)", "GP consultations this week", false, false},
	SCostAE:      {"cost_ae", "GBP per week (undiscounted)", "A&E attendances this week", false, false},
}

// Def returns the documentation of series s.
func (s Series) Def() MetricDef { return seriesDefs[s] }

// String is the series' name in the outputs.
func (s Series) String() string { return seriesDefs[s].Name }

// Undefined marks a value that does not exist in a run (for example a mean
// wait where nobody was contacted). Writers drop such values; it never
// reaches an output file.
var undefined = math.NaN()

// Defined reports whether v holds a value.
func Defined(v float64) bool { return !math.IsNaN(v) }
