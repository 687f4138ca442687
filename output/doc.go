// Package output turns an ensemble's run results into the files an analyst
// reads: across-run summaries (summary.json), tidy per-run values (runs.csv),
// weekly fan-chart quantiles (timeseries.csv), per-PCN means (by_pcn.csv),
// drawn parameter values (draws.csv), the resolved scenario (scenario.toml)
// and a manifest of how the ensemble was run (manifest.json).
//
// A Collector receives results one run at a time and keeps only what those
// files need. Every statistic is computed over runs in run-index order and
// every number is printed in its shortest exact form, so the same scenario,
// seed and run count give byte-identical files whatever the number of
// workers or the order results arrive in; only the manifest's timing fields
// (started, wall_seconds, cpu_seconds, workers) may differ.
//
// Values undefined in a run (NaN in sim.RunResult) are dropped, never
// written: a statistic uses the runs that define it and says how many did,
// and a statistic no run defines is left out. OutputsMarkdown documents every
// file, column, metric and series.
package output
