package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"spsim/output"
	"spsim/scenarios"
	"spsim/sim"
)

type compareOptions = ensembleOptions

func compareFlags(o *compareOptions) *flag.FlagSet {
	fs := flag.NewFlagSet("compare", flag.ContinueOnError)
	ensembleFlags(fs, o, "the comparison's runs, for every option",
		"change a parameter of every option: `key=value`, the value in TOML (repeatable)", "out/<comparison name>")
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
financial year and payer) and manifest.json ('spsim params --outputs'
describes the columns). A table for commissioners goes to stdout.

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
		out = filepath.Join("out", dirName(cmp.Name))
	}
	if code := checkCompareMemory(e, o, cmp, runs); code != exitOK {
		return code
	}
	if code := prepareOut(e, out, o.force); code != exitOK {
		return code
	}

	comparator := cmp.Options[cmp.Comparator].Scenario
	base := comparator.Base()
	meta := output.CompareMeta{
		Name: cmp.Name, Source: cmp.Source, Comparator: cmp.Comparator, Runs: runs, Seed: o.seed,
		Workers: o.workers, Thresholds: cmp.Thresholds, DiscountRate: base.QALY.DiscountRate, PriceYear: base.Costs.PriceYear,
		Command: commandLine(e.args), Started: started, WeekDates: sim.WeekDates(base),
		OppCostThreshold: cmp.OppCostThreshold, OppCostShares: cmp.OppCostShares, BaselineQALE: cmp.BaselineQALE,
	}
	for _, op := range cmp.Options {
		meta.Options = append(meta.Options, output.OptionMeta{Name: op.Name, Label: op.Label})
	}
	col := output.NewComparison(meta)
	pcns := comparator.PCNs()

	ctx, stop := signal.NotifyContext(e.ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		stop()
	}()
	others := len(cmp.Options) - 1
	if !o.quiet {
		fmt.Fprintf(e.stderr, "spsim: comparing %d options of %s against %s: %d %s each (%d %s, seed %d, %d %s)\n",
			others, cmp.Name, cmp.Options[cmp.Comparator].Name, runs, plural(runs, "run", "runs"),
			len(pcns), plural(len(pcns), "PCN", "PCNs"), o.seed, o.workers, plural(o.workers, "worker", "workers"))
	}
	bar := newProgressBar(e.stderr, others*runs, o.quiet)
	doneBefore := 0
	for k, op := range cmp.Options {
		if k == cmp.Comparator {
			continue
		}
		option := op.Scenario
		ens := sim.Ensemble{
			PCNs: pcns, Runs: runs, Seed: o.seed, Workers: o.workers,
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
		if bar != nil {
			before := doneBefore
			ens.OnRunDone = func(done, total int) { bar.Set(before + done) }
		}
		err = ens.Run(ctx, func(r *sim.RunResult) error {
			col.Add(k, r)
			return nil
		})
		if err != nil {
			if bar != nil {
				bar.Exit()
				fmt.Fprintln(e.stderr)
			}
			if ctx.Err() != nil && errors.Is(err, context.Canceled) {
				errorf(e.stderr, "interrupted in option %s; nothing written to %s", op.Name, out)
				return exitInterrupted
			}
			errorf(e.stderr, "option %s failed: %v", op.Name, err)
			return exitFailure
		}
		doneBefore += runs
	}
	if bar != nil {
		bar.Finish()
	}
	stop()

	wall, code := writeOutputs(e, started, func(t output.Timing) error { return col.WriteDir(out, o.force, t) })
	if code != exitOK {
		return code
	}
	w := e.stdout
	fmt.Fprintf(w, "comparison %s (%s)\n", cmp.Name, cmp.Source)
	fmt.Fprintf(w, "runs       %d per option, seed %d, %d %s\n", runs, o.seed, len(pcns), plural(len(pcns), "PCN", "PCNs"))
	fmt.Fprintf(w, "output     %s\n", out)
	fmt.Fprintf(w, "wall time  %s (%d %s)\n\n", formatSeconds(wall), o.workers, plural(o.workers, "worker", "workers"))
	for _, op := range cmp.Options {
		fmt.Fprintf(w, "  %-16s %s\n", op.Name, op.Label)
	}
	fmt.Fprintln(w)
	col.Table(w)
	return exitOK
}
