package sim

// values turns an arm's summed tally into metric values. Ratios are computed
// from sums, so they combine correctly across PCNs.
func (t *tally) values(out *[NumMetrics][NumGroups]float64) {
	for m := range out {
		for g := range out[m] {
			out[m][g] = undefined
		}
	}
	for g := Group(0); g < NumGroups; g++ {
		gt := &t.g[g]
		py := gt.personWeeks / 52
		rate := func(n float64) float64 { return ratio(1000*n, py) }
		set := func(m Metric, v float64) { out[m][g] = v }
		set(MAdults, ratio(gt.personWeeks, t.weeks))
		set(MPersonYears, py)
		set(MReferrals, gt.referred)
		set(MReferralsRate, rate(gt.referred))
		set(MDeclined, gt.declined)
		set(MDeclinedRate, rate(gt.declined))
		set(MFirstContact, gt.first)
		set(MFirstContactRate, rate(gt.first))
		set(MThreePlus, gt.three)
		set(MThreePlusRate, rate(gt.three))
		set(MAnyIntervention, gt.intervention)
		set(MAnyInterventionRate, rate(gt.intervention))
		set(MNeedsResolved, gt.needsResolved)
		set(MNeedsResolvedRate, rate(gt.needsResolved))
		set(MWaitMean, ratio(gt.waitSum, gt.waitN))
		set(MWellbeingMean, ratio(gt.wbSum, gt.personWeeks))
		set(MWellbeingChange, ratio(gt.wbChange, gt.wbChangeN))
		set(MWellbeingChangeReferred, ratio(gt.wbRef, gt.wbRefN))
		set(MGP, gt.gp)
		set(MGPRate, rate(gt.gp))
		set(MAE, gt.ae)
		set(MAERate, rate(gt.ae))
		set(MQALYs, gt.qaly)
		set(MQALYsPerPerson, ratio(gt.qalyRaw, py))
	}
	all := func(m Metric, v float64) { out[m][GroupAll] = v }
	all(MCostLW, t.costLW)
	all(MCostDigital, t.costDigital)
	all(MCostVCSE, t.costVCSE)
	all(MCostGP, t.costGP)
	all(MCostAE, t.costAE)
	all(MCostTotal, t.costLW+t.costDigital+t.costVCSE+t.costGP+t.costAE)
	all(MFTEInPost, ratio(t.fteWeeks, t.weeks))
	all(MServicesOpen, ratio(t.servicesWeeks, t.weeks))
	if t.calWeeks > 0 {
		reg := t.calRegWeeks / t.calWeeks
		all(MCalReferredPer1000, ratio(1000*t.cal[0]*52/t.calWeeks, reg))
		n := t.cal[0]
		all(MCalDeclined, ratio(t.cal[1], n))
		all(MCalFirstContact, ratio(t.cal[2], n))
		all(MCalThreePlus, ratio(t.cal[3], n))
		all(MCalAnyIntervention, ratio(t.cal[4], n))
		all(MCalFemale, ratio(t.cal[5], n))
		all(MCalMinority, ratio(t.cal[6], n))
		all(MCalIMD12, ratio(t.cal[7], n))
		all(MCalSelfReferral, ratio(t.calSelfN, n))
		all(MCalFTE, t.calARRSFTE/t.calWeeks)
	}
	addInequality(out)
	for m := Metric(0); m < NumMetrics; m++ {
		if m.Def().AllOnly {
			for g := GroupAll + 1; g < NumGroups; g++ {
				out[m][g] = undefined
			}
		}
	}
}

// ratio is a/b, undefined when b is zero.
func ratio(a, b float64) float64 {
	if b == 0 {
		return undefined
	}
	return a / b
}

// weekly turns an arm's summed tally into weekly series.
func (t *tally) weekly(out *[NumSeries][]float64) {
	n := len(t.series[0])
	for k := range out {
		out[k] = make([]float64, n)
		copy(out[k], t.series[k])
	}
	for w := 0; w < n; w++ {
		out[SMeanWait][w] = ratio(t.series[SMeanWait][w], t.waitN[w])
		out[SWellbeing][w] = ratio(t.series[SWellbeing][w], t.wbN[w])
	}
}
