package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"spsim/output"
	"spsim/scenarios"
	"spsim/sim"
)

type compareOptions struct {
	ensembleOptions
	job jobOptions
}

func compareFlags(o *compareOptions) *flag.FlagSet {
	fs := flag.NewFlagSet("compare", flag.ContinueOnError)
	ensembleFlags(fs, &o.ensembleOptions, "the comparison's runs, for every option",
		"change a parameter of every option: `key=value`, the value in TOML (repeatable)", "out/<comparison name>")
	jobFlags(fs, &o.job, "runs")
	return fs
}

var compareCmd = &command{
	name:    "compare",
	summary: "compare funding options on costs, QALYs, cost-effectiveness and equity",
	usage:   "spsim compare [flags] [COMPARISON]",
	help: `Runs the options of COMPARISON against its comparator option, every option
on the same PCNs and people with the same seeds (common random numbers), and
reports for each: discounted costs by payer, QALYs, incremental cost and
QALYs against the comparator with 95% intervals across runs, the ICER, its
place in the incremental analysis (strong and extended dominance), net
monetary benefit at each willingness-to-pay threshold and the chance it is
cost-effective; across options the cost-effectiveness acceptability curves
and frontier and the expected value of perfect information; and a
distributional analysis by IMD quintile (net health benefit, change in
Atkinson and Kolm equally distributed equivalent health).

COMPARISON is the name of an embedded comparison (default funding-options;
'spsim scenarios' lists them) or the path of a TOML file: a base scenario
and [options.NAME] tables of parameter changes (start from
'spsim show funding-options').

The outputs go to --out (default out/<comparison name>): compare.json,
options.csv, ceac.csv, dcea.csv, budget.csv (undiscounted budget impact by
financial year and payer), option_runs.csv (each option's cost and QALYs
run by run), impact-plane.svg and manifest.json ('spsim params --outputs'
describes the columns), and report.html: the cost-effectiveness plane,
acceptability curves, net benefit by threshold, budget impact, the impact
plane and net health benefit by IMD quintile, each with its table. A table
for commissioners goes to stdout.

As with run, each completed option run is saved to OUT.partial, so an
interrupted comparison continues with --resume, and --shard i/n splits the
runs for 'spsim merge'.

Examples:
  spsim compare
  spsim compare funding-options --runs 1000 --out out/funding-1000
  spsim compare funding-options --set effects.wellbeing=0.2
  spsim compare my-options.toml --force
`,
	flags: func() *flag.FlagSet { return compareFlags(new(compareOptions)) },
	run:   runCompare,
}

// defaultComparison is compared when none is named.
const defaultComparison = "funding-options"

func runCompare(e *env, c *command, args []string) int {
	var o compareOptions
	fs := compareFlags(&o)
	pos, code, done := parseArgs(e, c, fs, args)
	if done {
		return code
	}
	name, runsSet, code := ensembleArgs(e, c, fs, pos, defaultComparison, "COMPARISON", o.runs, o.workers)
	if code != exitOK {
		return code
	}

	sh, code := o.job.shardFor(e, c)
	if code != exitOK {
		return code
	}

	started := time.Now()
	cmp, err := scenarios.LoadComparison(name, o.sets)
	if err != nil {
		errorf(e.stderr, "%v", err)
		return exitUsage
	}
	runs := cmp.Runs
	if runsSet {
		runs = o.runs
	}
	out := o.out
	if out == "" {
		out = shardOut(cmp.Name, sh)
	}
	if code := checkCompareMemory(e, o.ensembleOptions, cmp, runs); code != exitOK {
		return code
	}
	if code := prepareOut(e, out, o.force); code != exitOK {
		return code
	}
	h := partHeader("compare", cmp.Name, cmp.Source, o.sets, cmp.Hash(), o.seed, runs, sh, commandLine(e.args))
	part, saved, code := openPart[output.OptionRecord](e, out, h, o.job.resume, o.quiet)
	if code != exitOK {
		return code
	}

	col := output.NewComparison(compareMeta(cmp, runs, o.seed, o.workers, commandLine(e.args), started))
	others := len(cmp.Options) - 1
	tally, err := output.Tally(part.Path(), h, "run", others, saved,
		func(r output.OptionRecord) (int, int) { return r.Result.Run, optionSlot(cmp, r.Option) },
		func(r output.OptionRecord) { col.Add(r.Option, r.Result) })
	if err != nil {
		part.Close()
		errorf(e.stderr, "cannot resume: %v", err)
		return exitUsage
	}
	comparator := cmp.Options[cmp.Comparator].Scenario
	pcns := comparator.PCNs()

	ctx, stop := signal.NotifyContext(e.ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		stop()
	}()
	if !o.quiet {
		what := jobNote(fmt.Sprintf("%d %s each", runs, plural(runs, "run", "runs")), sh, h, "runs", countOf(len(saved), "option runs"))
		fmt.Fprintf(e.stderr, "spsim: comparing %d options of %s against %s: %s (%d %s, seed %d, %d %s)\n",
			others, cmp.Name, cmp.Options[cmp.Comparator].Name, what,
			len(pcns), plural(len(pcns), "PCN", "PCNs"), o.seed, o.workers, plural(o.workers, "worker", "workers"))
	}
	bar := newProgressBar(e.stderr, others*h.Count, o.quiet)
	finished := len(saved)
	if bar != nil {
		bar.Set(finished)
	}
	for k, op := range cmp.Options {
		if k == cmp.Comparator {
			continue
		}
		option, slot := op.Scenario, optionSlot(cmp, k)
		ens := sim.Ensemble{
			PCNs: pcns, First: h.First, Runs: h.Count, Seed: o.seed, Workers: o.workers,
			Skip: func(r int) bool { return tally.Has(r, slot) },
			// The option is the scenario arm and the comparator option the
			// counterfactual, drawn with the same seed: any distribution
			// they share takes the same value in a run.
			Arms: func(run int, seed uint64) (sim.Params, sim.Params, []sim.Draw, error) {
				s, _, draws, err := option.Arms(run, seed)
				if err != nil {
					return sim.Params{}, sim.Params{}, nil, err
				}
				c, _, _, err := comparator.Arms(run, seed)
				return s, c, draws, err
			},
		}
		err = ens.Run(ctx, func(r *sim.RunResult) error {
			if err := part.Append(col.Record(k, r)); err != nil {
				return err
			}
			col.Add(k, r)
			finished++
			if bar != nil {
				bar.Set(finished)
			}
			return nil
		})
		if err != nil {
			if bar != nil {
				bar.Exit()
				fmt.Fprintln(e.stderr)
			}
			if ctx.Err() != nil && errors.Is(err, context.Canceled) {
				return interrupted(e, part, finished, others*h.Count, "option runs")
			}
			part.Close()
			errorf(e.stderr, "option %s failed: %v\n(the %d completed option runs are saved in %s: --resume continues from them)", op.Name, err, finished, part.Path())
			return exitFailure
		}
	}
	if bar != nil {
		bar.Finish()
	}
	stop()

	wall, summary, code := completeJob(e, part, sh, h, out, o.force, started, "runs",
		func(t output.Timing) error { return col.WriteDir(out, o.force, t) })
	if !summary {
		return code
	}
	rep, code := writeReport(e, out, o.png, o.quiet)
	if code != exitOK {
		return code
	}
	printCompareSummary(e, cmp, col, runs, o.seed, out, rep, wall, o.workers)
	return exitOK
}

// optionSlot numbers the options other than the comparator from 0 (the
// comparator and unknown options: -1).
func optionSlot(cmp *scenarios.Comparison, k int) int {
	switch {
	case k < 0 || k >= len(cmp.Options) || k == cmp.Comparator:
		return -1
	case k > cmp.Comparator:
		return k - 1
	}
	return k
}

// compareMeta describes a comparison of runs runs for its outputs.
func compareMeta(cmp *scenarios.Comparison, runs int, seed uint64, workers int, command string, started time.Time) output.CompareMeta {
	base := cmp.Options[cmp.Comparator].Scenario.Base()
	meta := output.CompareMeta{
		Name: cmp.Name, Source: cmp.Source, Comparator: cmp.Comparator, Runs: runs, Seed: seed,
		Workers: workers, Thresholds: cmp.Thresholds, DiscountRate: base.QALY.DiscountRate, PriceYear: base.Costs.PriceYear,
		Command: command, Started: started, WeekDates: sim.WeekDates(base),
		OppCostThreshold: cmp.OppCostThreshold, OppCostShares: cmp.OppCostShares, BaselineQALE: cmp.BaselineQALE,
	}
	for _, op := range cmp.Options {
		meta.Options = append(meta.Options, output.OptionMeta{Name: op.Name, Label: op.Label})
	}
	return meta
}

// printCompareSummary prints where the outputs went and the table.
func printCompareSummary(e *env, cmp *scenarios.Comparison, col *output.Comparison, runs int, seed uint64, out, rep string, wall float64, workers int) {
	pcns := cmp.Options[cmp.Comparator].Scenario.PCNs()
	w := e.stdout
	fmt.Fprintf(w, "comparison %s (%s)\n", cmp.Name, cmp.Source)
	fmt.Fprintf(w, "runs       %d per option, seed %d, %d %s\n", runs, seed, len(pcns), plural(len(pcns), "PCN", "PCNs"))
	fmt.Fprintf(w, "output     %s\n", out)
	fmt.Fprintf(w, "report     %s\n", rep)
	if workers > 0 {
		fmt.Fprintf(w, "wall time  %s (%d %s)\n", formatSeconds(wall), workers, plural(workers, "worker", "workers"))
	}
	fmt.Fprintln(w)
	for _, op := range cmp.Options {
		fmt.Fprintf(w, "  %-16s %s\n", op.Name, op.Label)
	}
	fmt.Fprintln(w)
	col.Table(w)
}
