// Package report builds report.html, one self-contained page of figures and
// tables, from the files of an spsim output directory: a run's (summary.json,
// runs.csv, timeseries.csv, scenario.toml), a comparison's (compare.json,
// option_runs.csv, ceac.csv, budget.csv, dcea.csv) or a power study's
// (power.json). It reads only those files, so `spsim report DIR` rebuilds
// the same page the command wrote, and the same files give the same bytes.
//
// Every figure is drawn with gonum/plot and inlined as SVG; the page has
// inline CSS and no scripts or network references, so it opens from disk in
// any browser and prints one figure to a block. Each figure has a title,
// axes labelled with units, a one-line caption and a table of its numbers.
// Colours are the Okabe–Ito palette, which stays distinct under the common
// colour-vision deficiencies; the scenario and its counterfactual also
// differ in line style and lightness, so they survive printing in grey. A
// figure whose data is missing is left out with a note saying why.
package report
