package output

import (
	"fmt"
	"strings"

	"spsim/sim"
	"spsim/sim/study"
)

func summaryFields() []column {
	q := quantileColumns()
	return []column{
		{"metric", "metric name (see Metrics)"},
		{"arm", "scenario, counterfactual or difference"},
		{"group", "population subgroup (see Groups)"},
		{"n_runs", "runs defining the value (for difference: defining it in both arms)"},
		{"mean", "mean across those runs"},
		{"sd", "sample standard deviation across runs (divisor n_runs − 1); 0 when n_runs = 1"},
		{"mcse", "Monte Carlo standard error of the mean, sd / √n_runs; 0 when n_runs = 1"},
		{q[0], "2.5% quantile across runs"},
		{q[1], "10% quantile across runs"},
		{q[2], "median across runs"},
		{q[3], "90% quantile across runs"},
		{q[4], "97.5% quantile across runs"},
	}
}

// OutputsMarkdown returns the output dictionary as Markdown: every file and
// column, the arms, groups, statistics and undefined-value rule, and every
// metric and weekly series with its unit and meaning.
func OutputsMarkdown() string {
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }

	p("# spsim output dictionary\n\n")
	p("spsim %s, output schema version %d.\n\n", sim.Version, sim.SchemaVersion)
	p("An output directory holds `summary.json`, `runs.csv`, `timeseries.csv`, `by_pcn.csv`, ")
	p("`draws.csv`, `scenario.toml` and `manifest.json`. The directory is written beside its final ")
	p("name and renamed into place when complete, so a directory that exists is never half-written.\n\n")
	p("**The report.** Once the directory is in place, `report.html` is added to it (as `spsim compare` and `spsim power` ")
	p("add theirs): the outputs as figures, each with a caption and a table of its numbers, built from the files alone, so ")
	p("`spsim report DIR` rebuilds it byte for byte; with `--png`, `figures/NAME.png` and `figures/NAME.svg` hold each figure. ")
	p("`spsim help report` lists the figures.\n\n")
	p("**Reproducibility.** The same scenario, seed and number of runs give byte-identical files ")
	p("whatever the number of workers: statistics are computed over runs in run-index order and numbers ")
	p("are printed in their shortest exact form (Go `strconv.FormatFloat(v, 'g', -1, 64)` in CSV files; ")
	p("the equivalent shortest form in JSON). The same holds for outputs merged from shards or finished with `--resume`. ")
	p("Only the manifest's timing fields may differ: `started`, `wall_seconds`, `cpu_seconds`, `workers` (0 in merged outputs), ")
	p("`command` (the merge's, in merged outputs) and the timings in `run_timings`.\n\n")
	p("**Undefined values.** Some values do not exist in some runs (a mean wait where nobody was ")
	p("contacted, a calibration share with no report year). They are never written: no file contains ")
	p("NaN or null. A per-run row is omitted; an across-run statistic uses only the runs that define ")
	p("the value and `n_runs` says how many; a statistic that no run defines is omitted (a summary ")
	p("record is absent, a `by_pcn.csv` cell is empty).\n\n")

	p("## Arms\n\n")
	p("- `scenario`: the scenario as specified.\n")
	p("- `counterfactual`: the comparator arm, simulated in the same run as the scenario arm (the pair is one run).\n")
	p("- `difference`: scenario − counterfactual, computed run by run and only in runs where both arms define the value; ")
	p("its statistics are those of the per-run differences (so its mean equals the difference of the arm means only when both arms are defined in the same runs).\n\n")

	p("## Groups\n\n")
	p("Every metric not marked *all only* is reported for each group: ")
	for g := range sim.NumGroups {
		if g > 0 {
			p(", ")
		}
		p("`%s`", g)
	}
	p(". IMD quintile 1 is the most deprived.\n\n")

	p("## Statistics across runs\n\n")
	p("- mean: arithmetic mean over the runs defining the value, summed in run-index order.\n")
	p("- sd: sample standard deviation with divisor n − 1 (gonum `stat.MeanVariance`); reported as 0 when n = 1.\n")
	p("- mcse: Monte Carlo standard error of the mean, sd / √n; reported as 0 when n = 1.\n")
	p("- quantiles p2_5, p10, p50, p90, p97_5 (probabilities 0.025, 0.10, 0.50, 0.90, 0.975): %s. ", quantileMethod)
	p("The 95%% interval quoted in tables is p2_5 to p97_5.\n\n")

	p("## Files\n\n")
	p("### summary.json\n\n")
	p("An object `{schema_version, scenario, metrics}`; `metrics` is a list of flat records, one per metric, ")
	p("arm and group that at least one run defines, ordered by metric (catalogue order below), arm ")
	p("(scenario, counterfactual, difference), then group (order above). Record fields:\n\n")
	columnTable(&b, summaryFields())
	p("### runs.csv\n\n")
	p("Tidy per-run values: one row per run, arm, group and metric with a defined value, ordered by run, arm, group, metric.\n\n")
	columnTable(&b, runsColumns())
	p("### timeseries.csv\n\n")
	p("Weekly fan-chart data: one row per week, arm and series that at least one run defines, ordered by week, arm, series.\n\n")
	columnTable(&b, timeseriesColumns())
	p("### by_pcn.csv\n\n")
	p("Per-PCN means across runs, one row per PCN (simulated in at least one run) and metric; metrics: ")
	for i, m := range pcnMetrics() {
		if i > 0 {
			p(", ")
		}
		p("`%s`", m)
	}
	p(". Values are the PCN's own (group all within the PCN), not scaled to a national total.\n\n")
	columnTable(&b, byPCNColumns())
	p("### draws.csv\n\n")
	p("Values drawn in each run for parameters given as distributions, by run; the header alone when the scenario has none.\n\n")
	columnTable(&b, drawsColumns())
	p("### scenario.toml\n\n")
	p("The resolved scenario the ensemble ran, byte for byte as the caller gave it.\n\n")
	p("### manifest.json\n\n")
	p("How the outputs were produced. Fields:\n\n")
	columnTable(&b, manifestFields())

	p("## Files of spsim compare\n\n")
	p("`spsim compare` writes these files (and a manifest.json with the fields of the one above that a comparison has, `comparison` and `source` in place of `scenario` and `scenario_sha256`). ")
	p("Every option other than the comparator is run as the scenario arm of an ensemble whose counterfactual arm is the comparator option, ")
	p("all with the same seed, PCNs and people, so increments are per-run differences under common random numbers. ")
	p("Costs are the discounted `cost_*` metrics grouped by payer, QALYs the discounted `qalys` metric; both are discounted at `qaly.discount_rate` ")
	p("from the start of the horizon, in the prices of `costs.price_year` (compare.json's `price_year`; every option must share it and the discount rate). ICERs are ratios of mean increments; the incremental analysis ")
	p("ranks all options by mean cost with strong and extended dominance (methods §4.1, as dampack `calculate_icers`).\n\n")
	p("### compare.json\n\n")
	p("Everything in the CSVs below, per option: mean and 2.5%%/97.5%% quantiles of cost, cost by payer, QALYs and their increments; ")
	p("the ICER against the comparator and the frontier status; NMB, incremental NMB and the chance of being cost-effective at each threshold; ")
	p("incremental QALYs by IMD quintile and the distributional analysis (`dcea`: opportunity-cost QALYs and net health benefit by quintile, ")
	p("SII of QALE before and after, and for Atkinson ε = 0, 1, 10.95 and Kolm α = 0.15 the index and equally distributed equivalent QALE ")
	p("before and after and the equity-weighted QALYs (ΔEDE × population), and the option's place on the equity-efficiency impact plane ")
	p("(`impact_plane`: total net health benefit against the fall in the SII of QALE, and the quadrant)); and the expected value of perfect information at each threshold ")
	p("(`evpi`, GBP per run of the whole simulated population); and `opportunity_cost_threshold`, the GBP per QALY forgone at which the distributional analysis values the opportunity cost. Undefined values are null.\n\n")
	p("### impact-plane.svg\n\n")
	p("The equity-efficiency impact plane as a figure: each option other than the comparator (which sits at the origin) placed by its total net health benefit ")
	p("(x, QALYs after opportunity costs) and the fall in the SII of QALE (y, QALYs), with the quadrants named; the same numbers as `impact_plane` in compare.json.\n\n")
	p("### options.csv\n\n")
	p("One row per option and willingness-to-pay threshold.\n\n")
	columnTable(&b, optionsColumns())
	p("### ceac.csv\n\n")
	p("Cost-effectiveness acceptability curves and frontier across runs: one row per threshold and option.\n\n")
	columnTable(&b, ceacColumns())
	p("### dcea.csv\n\n")
	p("Distributional cost-effectiveness by IMD quintile (methods §4.4): one row per option (except the comparator) and quintile. ")
	p("The opportunity cost of the incremental cost is valued at the comparison's `opportunity_cost_threshold` and shared by `opportunity_cost_shares`.\n\n")
	columnTable(&b, dceaColumns())
	p("### budget.csv\n\n")
	p("Budget impact (methods §4.3: undiscounted, by payer, in `costs.price_year` prices rather than nominal ones): one row per option, NHS financial year of the horizon and payer, ")
	p("from the weekly cost series (`cost_*` in timeseries.csv of a run).\n\n")
	columnTable(&b, budgetColumns())
	p("### option_runs.csv\n\n")
	p("Each option's discounted cost and QALYs in each run, with the increments against the comparator in the same run (the points of the report's cost-effectiveness plane): one row per option and run.\n\n")
	columnTable(&b, optionRunsColumns())

	p("## Files of spsim power\n\n")
	p("`spsim power` writes power.json (the plan, the size each analysis needs for the target power, by simulation and by the closed form, ")
	p("and every row below), power.csv and a manifest.json like compare's (`study` and `studies` in place of `comparison` and `runs`). ")
	p("At each grid size the same simulated studies are generated twice, with the effect and without it (the null world), from the same ")
	p("random numbers, so power and type I error are paired.\n\n")
	p("### power.csv\n\n")
	p("One row per grid size and analysis.\n\n")
	columnTable(&b, powerColumns())
	p("## Saved progress, shards and merging\n\n")
	p("While `run`, `compare` or `power` works, each completed unit (a run; for compare a run of one option; for power a batch of %d studies) ", study.BatchSize)
	p("is appended to `OUT.partial`, a part file beside the output directory OUT. When the outputs are written it is deleted. ")
	p("After an interrupt (exit code 130) or a crash it stays, and the same command with `--resume` simulates only the units it lacks; ")
	p("without `--resume` spsim refuses to start over it.\n\n")
	p("A part file is the line `spsim part 1`, a line of JSON (the header below), then one frame per unit: its length and CRC-32C ")
	p("(uint32, little-endian) and the unit's results, gob-encoded, exactly as simulated. A frame cut short by a killed process is ignored and, on resume, cut off.\n\n")
	p("With `--shard i/n` (or in a Slurm array task, or with `--shards n` in a Kubernetes Indexed Job) a command simulates the i-th of n ")
	p("contiguous blocks of the units and writes, instead of the outputs, a shard directory holding `part.spsim` (the complete part file) and a `manifest.json` ")
	p("(`part`: the header; `wall_seconds`, `cpu_seconds`). `spsim merge` checks the shards belong together and writes the outputs one process would have.\n\n")
	p("### part header\n\n")
	columnTable(&b, partHeaderFields())
	p("## Metrics\n\n")
	p("Per run, arm and group. *All only* metrics (PCN-level quantities, and indices across groups) are reported for group `all` alone; ")
	p("*difference only* metrics (indices of the incremental benefit) for the difference arm alone.\n\n")
	p("The inequality indices (`sii_`, `rii_`, `ci_`, `atkinson_`) follow the methods reference §3: groups ordered most deprived first (IMD quintile 1), ")
	p("ridit midpoints of the cumulative person-year shares as ranks, population-weighted least squares for the SII (PHE/OHID `phe_sii`), ")
	p("RII = (intercept + SII)/intercept (PHE/OHID, not Mackenbach's inverse), concentration index (2/μ)Σ a_i (h_i − μ)(R_i − ½), ")
	p("Atkinson index 1 − EDE/μ. Because the SII is linear in the values and both arms share their population, the difference arm of `sii_wellbeing` ")
	p("equals `sii_wellbeing_benefit` up to rounding; the difference arms of the other indices are changes in inequality, not indices of the benefit.\n\n")
	p("| metric | unit | all only | difference only | meaning |\n|---|---|---|---|---|\n")
	yes := func(b bool) string {
		if b {
			return "yes"
		}
		return ""
	}
	for m := range sim.NumMetrics {
		d := m.Def()
		p("| `%s` | %s | %s | %s | %s |\n", d.Name, cell(d.Unit), yes(d.AllOnly), yes(d.DiffOnly), cell(d.Doc))
	}
	p("\n## Weekly series\n\n")
	p("Per week and arm, in `timeseries.csv`.\n\n")
	p("| series | unit | meaning |\n|---|---|---|\n")
	for s := range sim.NumSeries {
		d := s.Def()
		p("| `%s` | %s | %s |\n", d.Name, cell(d.Unit), cell(d.Doc))
	}
	return b.String()
}

// columnTable writes a Markdown table of columns or fields.
func columnTable(b *strings.Builder, cols []column) {
	b.WriteString("| column | meaning |\n|---|---|\n")
	for _, c := range cols {
		fmt.Fprintf(b, "| `%s` | %s |\n", c.name, cell(c.doc))
	}
	b.WriteString("\n")
}

// cell escapes text for a Markdown table cell.
func cell(s string) string { return strings.ReplaceAll(s, "|", `\|`) }
