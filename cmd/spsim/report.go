package main

import (
	"errors"
	"flag"
	"fmt"
	"path/filepath"

	"spsim/output/report"
)

// pngFlag defines --png, which run, compare, power and report share.
func pngFlag(fs *flag.FlagSet, png *bool) {
	fs.BoolVar(png, "png", false, "also write each figure of report.html as PNG and SVG files in DIR/figures, for slides and papers")
}

type reportOptions struct{ png bool }

func reportFlags(o *reportOptions) *flag.FlagSet {
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	pngFlag(fs, &o.png)
	return fs
}

var reportCmd = &command{
	name:    "report",
	summary: "rebuild report.html, the figures and tables of an output directory",
	usage:   "spsim report [--png] DIR",
	help: `Builds DIR/report.html from the files in DIR, an output directory of
spsim run, compare or power (each of which writes the report itself; this
rebuilds it, after a newer spsim, say, or to add --png). What made DIR is
told by its files: compare.json, power.json or summary.json.

The report is one self-contained HTML file: figures drawn as inline SVG,
inline CSS, no scripts and nothing fetched, so it opens from disk in any
browser, can be mailed as one file, and prints with each figure whole on a
page. Every figure has a title, axes labelled with units, a one-line
caption and a table of its numbers beside it (long tables fold open).
Colours are colour-blind safe (Okabe-Ito); the scenario (solid blue) and
its counterfactual (dashed orange) also differ in greyscale.

  run      fan charts (median, 50% and 95% of runs) of weekly referrals,
           the waiting list, the mean wait, the active caseload, people in
           services and mean wellbeing, scenario against counterfactual;
           the referral funnel and the incremental wellbeing and QALYs by
           IMD quintile; the SII and RII across runs; and the parameters
           that differ from the defaults
  compare  the cost-effectiveness plane (every run of every option), the
           acceptability curves, net monetary benefit by threshold, budget
           impact by financial year and payer, the equity-efficiency impact
           plane and net health benefit by IMD quintile
  power    power with Monte Carlo intervals beside the closed form, type I
           error, minimum detectable effect, bias and coverage by size, and
           the size each analysis needs

A figure whose data DIR lacks (files of an older spsim, say) is left out
and the page says why. The same files give the same report, byte for byte.
With --png, each figure is also written as DIR/figures/NAME.png (200 dpi)
and NAME.svg.

Examples:
  spsim report out/pcn-typical
  spsim report --png out/funding-options
  spsim run --png                      the run writes the PNGs too
`,
	flags: func() *flag.FlagSet { return reportFlags(new(reportOptions)) },
	run:   runReport,
}

func runReport(e *env, c *command, args []string) int {
	var o reportOptions
	pos, code, done := parseArgs(e, c, reportFlags(&o), args)
	if done {
		return code
	}
	if len(pos) != 1 {
		usageError(e, c, "expected one output directory DIR (got %d arguments)", len(pos))
		return exitUsage
	}
	rep, err := report.Write(pos[0], report.Options{PNG: o.png})
	if err != nil {
		errorf(e.stderr, "%v", err)
		if errors.Is(err, report.ErrNotOutputDir) {
			return exitUsage
		}
		return exitFailure
	}
	fmt.Fprintf(e.stdout, "%s: %s report, %d %s\n", rep.Path, rep.Kind, len(rep.Figures), plural(len(rep.Figures), "figure", "figures"))
	for i, f := range rep.Figures {
		fmt.Fprintf(e.stdout, "  %2d  %-26s %s\n", i+1, f.ID, f.Title)
	}
	for _, why := range rep.Omitted {
		fmt.Fprintf(e.stdout, "  not drawn: %s\n", why)
	}
	if o.png {
		fmt.Fprintf(e.stdout, "figures as PNG and SVG in %s\n", filepath.Join(pos[0], report.FiguresDir))
	}
	return exitOK
}

// writeReport writes report.html (and with png the figure files) into the
// output directory dir just written, and returns the report's path and
// exitOK, or the exit code of a failure it has reported. Figures left out
// are reported on stderr unless quiet.
func writeReport(e *env, dir string, png, quiet bool) (string, int) {
	rep, err := report.Write(dir, report.Options{PNG: png})
	if err != nil {
		errorf(e.stderr, "writing the report: %v\n  (the other outputs are in %s; 'spsim report %s' tries again)", err, dir, dir)
		return "", exitFailure
	}
	if !quiet {
		for _, why := range rep.Omitted {
			errorf(e.stderr, "report: not drawn: %s", why)
		}
	}
	return rep.Path, exitOK
}
