package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"math"
	"os"
	"os/signal"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"

	"spsim/output"
	"spsim/scenarios"
	"spsim/sim"
	"spsim/sim/study"
)

type powerOptions struct {
	studies int
	seed    uint64
	workers int
	sets    stringList
	out     string
	force   bool
	quiet   bool
	job     jobOptions
	png     bool

	noMemoryCheck bool
}

func powerFlags(o *powerOptions) *flag.FlagSet {
	fs := flag.NewFlagSet("power", flag.ContinueOnError)
	fs.IntVar(&o.studies, "studies", 0, "simulated studies `N` per grid size (default: the study's study.studies)")
	fs.Uint64Var(&o.seed, "seed", 0, "seed `S` of the simulated studies (default: the study's study.seed)")
	fs.IntVar(&o.workers, "workers", runtime.GOMAXPROCS(0), fmt.Sprintf("concurrent workers `N` (default: the cores Go may use, GOMAXPROCS or the CPU limit of a container, here %d); results do not depend on it", runtime.GOMAXPROCS(0)))
	fs.Var(&o.sets, "set", "change a key of the study file: `key=value`, the value in TOML, e.g. study.world.icc=0.02 (repeatable)")
	fs.StringVar(&o.out, "out", "", "output directory `DIR` (default: out/<study name>)")
	fs.BoolVar(&o.force, "force", false, "replace the output directory if it exists (only an earlier output directory or an empty one)")
	fs.BoolVar(&o.quiet, "quiet", false, "no progress bar or messages on stderr (results still go to stdout)")
	jobFlags(fs, &o.job, "batches of "+strconv.Itoa(study.BatchSize)+" studies")
	pngFlag(fs, &o.png)
	fs.BoolVar(&o.noMemoryCheck, "no-memory-check", false, noMemoryCheckDoc)
	return fs
}

var powerCmd = &command{
	name:    "power",
	summary: "simulate an evaluation design: power, bias, coverage, size needed",
	usage:   "spsim power [flags] [STUDY]",
	help: `Simulates STUDY's evaluation design many times at each size of its grid,
fits each analysis to every simulated study's individual outcomes, and
reports per size and analysis: power with its Monte Carlo SE beside the
closed form where one exists (t test, ANCOVA, cluster trials with the design
effect for unequal sizes, Hussey & Hughes stepped wedge, Teerenstra
difference-in-differences), type I error from the same studies with no
effect, mean estimate and bias against the true effect, empirical and model
SE, confidence-interval coverage and the minimum detectable effect; then the
size each analysis needs for the target power (interpolated on the grid, and
solved from the closed form).

In parametric mode studies draw individual normal outcomes from the study's
[study.world]. In abm mode they recruit the people the scenario arm of the
study's world (study.scenario) referred, with their follow-up with social
prescribing and, for the same people, without it: the true effect is known,
so the bias of weaker designs is measured, not assumed.

STUDY is the name of an embedded study (default study-rct; 'spsim scenarios'
lists them) or the path of a TOML file with a [study] table
('spsim show study-rct' prints one to start from; 'spsim params' lists
every key, under Study files).

Designs: rct, cluster_rct, stepped_wedge, before_after,
controlled_before_after. Analyses:
` + analysesHelp() + `
The outputs go to --out (default out/<study name>): power.json, power.csv
and manifest.json ('spsim params --outputs' describes the columns), and
report.html: power, type I error, minimum detectable effect, bias and
coverage by size with Monte Carlo intervals, and the size each analysis
needs, each with its table. The power table goes to stdout.

Studies are simulated in batches of 16, each saved to OUT.partial as it
completes: an interrupted run continues with --resume, and --shard i/n
splits the batches for 'spsim merge'.

Examples:
  spsim power
  spsim power study-stepped-wedge
  spsim power study-cluster-rct --set study.world.icc=0.02 --studies 5000
  spsim power my-study.toml --force
`,
	flags: func() *flag.FlagSet { return powerFlags(new(powerOptions)) },
	run:   runPower,
}

// analysesHelp lists the analyses and their designs for --help.
func analysesHelp() string {
	var b strings.Builder
	for _, a := range study.AnalysisNames() {
		doc, designs := study.AnalysisDoc(a)
		fmt.Fprintf(&b, "  %-15s %s (%s)\n", a, doc, strings.Join(designs, ", "))
	}
	return b.String()
}

// defaultStudy is simulated when none is named.
const defaultStudy = "study-rct"

func runPower(e *env, c *command, args []string) int {
	var o powerOptions
	fs := powerFlags(&o)
	pos, code, done := parseArgs(e, c, fs, args)
	if done {
		return code
	}
	name := defaultStudy
	switch len(pos) {
	case 0:
	case 1:
		name = pos[0]
	default:
		usageError(e, c, "one STUDY at a time (got %d: %s)", len(pos), strings.Join(pos, " "))
		return exitUsage
	}
	if o.workers < 1 {
		usageError(e, c, "--workers must be at least 1 (got %d)", o.workers)
		return exitUsage
	}
	fs.Visit(func(f *flag.Flag) {
		switch f.Name {
		case "studies":
			o.sets = append(o.sets, fmt.Sprintf("study.studies=%d", o.studies))
		case "seed":
			o.sets = append(o.sets, fmt.Sprintf("study.seed=%d", o.seed))
		}
	})

	sh, code := o.job.shardFor(e, c)
	if code != exitOK {
		return code
	}

	started := time.Now()
	st, err := scenarios.LoadStudy(name, o.sets)
	if err != nil {
		errorf(e.stderr, "%v", err)
		return exitUsage
	}
	out := o.out
	if out == "" {
		out = shardOut(st.Name, sh)
	}
	if code := checkPowerMemory(e, o, st); code != exitOK {
		return code
	}
	if code := prepareOut(e, out, o.force); code != exitOK {
		return code
	}

	ctx, stop := signal.NotifyContext(e.ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	p, code := studyPlan(ctx, e, st, o.workers, o.quiet, out)
	if code != exitOK {
		return code
	}
	h := partHeader("power", st.Name, st.Source, o.sets, st.Hash(), p.Seed, p.NumBatches(), sh, commandLine(e.args))
	part, saved, code := openPart[*study.Batch](e, out, h, o.job.resume, o.quiet)
	if code != exitOK {
		return code
	}
	batches := saved
	studies := 0
	tally, err := output.Tally(part.Path(), h, "batch", 1, saved,
		func(b *study.Batch) (int, int) { return b.Index, 0 }, func(b *study.Batch) { studies += len(b.Followed) })
	if err != nil {
		part.Close()
		errorf(e.stderr, "cannot resume: %v", err)
		return exitUsage
	}
	total := 0 // studies in this shard's batches
	for b := h.First; b < h.First+h.Count; b++ {
		total += p.BatchStudies(b)
	}
	if !o.quiet {
		what := jobNote(fmt.Sprintf("%d %s at each of %d sizes", p.Studies, plural(p.Studies, "study", "studies"), len(p.Sizes)),
			sh, h, "batches of studies", countOf(studies, "studies"))
		fmt.Fprintf(e.stderr, "spsim: simulating %s: %s, %s (seed %d, %d %s)\n",
			st.Name, what, strings.Join(p.Analyses, ", "), p.Seed, o.workers, plural(o.workers, "worker", "workers"))
	}
	bar := newProgressBar(e.stderr, total, o.quiet)
	if bar != nil {
		bar.Set(studies)
	}
	skip := func(b int) bool { return b < h.First || b >= h.First+h.Count || tally.Has(b, 0) }
	err = p.Simulate(ctx, o.workers, skip, func(b *study.Batch) error {
		if err := part.Append(b); err != nil {
			return err
		}
		batches = append(batches, b)
		studies += len(b.Followed)
		if bar != nil {
			bar.Set(studies)
		}
		return nil
	})
	if err != nil {
		if bar != nil {
			bar.Exit()
			fmt.Fprintln(e.stderr)
		}
		if ctx.Err() != nil && errors.Is(err, context.Canceled) {
			return interrupted(e, part, studies, total, "studies")
		}
		part.Close()
		errorf(e.stderr, "%v\n(the %d completed studies are saved in %s: --resume continues from them)", err, studies, part.Path())
		return exitFailure
	}
	if bar != nil {
		bar.Finish()
	}
	stop()

	var rep *output.PowerReport // a shard has only some batches: no report
	if !sh.sharded() {
		res, err := p.Summarise(batches)
		if err != nil {
			part.Close()
			errorf(e.stderr, "%v", err)
			return exitFailure
		}
		rep = output.NewPowerReport(output.PowerMeta{Name: st.Name, Source: st.Source, Mode: st.Mode, Plan: p,
			Workers: o.workers, Command: commandLine(e.args), Started: started}, res)
	}
	wall, summary, code := completeJob(e, part, sh, h, out, o.force, started, "batches of studies",
		func(t output.Timing) error { return rep.WriteDir(out, o.force, t) })
	if !summary {
		return code
	}
	page, code := writeReport(e, out, o.png, o.quiet)
	if code != exitOK {
		return code
	}
	printPowerSummary(e, st, rep, out, page, wall, o.workers)
	return exitOK
}

// studyPlan returns the study's plan, in abm mode with the pool recruited
// from its simulated world; out is named when an interrupt stops that.
func studyPlan(ctx context.Context, e *env, st *scenarios.Study, workers int, quiet bool, out string) (study.Plan, int) {
	p := st.Plan
	if st.Mode != "abm" {
		return p, exitOK
	}
	pool, err := recruitablePool(ctx, e, st, workers, quiet)
	if err != nil {
		if ctx.Err() != nil {
			errorf(e.stderr, "interrupted while simulating the world; nothing written to %s", out)
			return p, exitInterrupted
		}
		errorf(e.stderr, "%v", err)
		return p, exitFailure
	}
	p.Pool = pool
	if err := p.Validate(); err != nil {
		errorf(e.stderr, "%s: %v", st.Source, err)
		return p, exitUsage
	}
	return p, exitOK
}

// printPowerSummary prints where the outputs went and the power table.
func printPowerSummary(e *env, st *scenarios.Study, rep *output.PowerReport, out, page string, wall float64, workers int) {
	w := e.stdout
	fmt.Fprintf(w, "study      %s (%s)\n", st.Name, st.Source)
	fmt.Fprintf(w, "output     %s\n", out)
	fmt.Fprintf(w, "report     %s\n", page)
	if workers > 0 {
		fmt.Fprintf(w, "wall time  %s (%d %s)\n", formatSeconds(wall), workers, plural(workers, "worker", "workers"))
	}
	fmt.Fprintln(w)
	rep.Table(w)
}

// recruitablePool simulates the study's world (its scenario against the
// counterfactual, study.world_runs runs from the study's seed) and returns
// the people its scenario arm referred, with their follow-up in both arms:
// the pool abm-mode studies recruit from. People who died or left before
// follow-up are not in it.
func recruitablePool(ctx context.Context, e *env, st *scenarios.Study, workers int, quiet bool) (*study.Pool, error) {
	world := st.World
	pcns := world.PCNs()
	if !quiet {
		fmt.Fprintf(e.stderr, "spsim: simulating the world %s (%d %s, %d %s) to recruit from\n", world.Name,
			st.WorldRuns, plural(st.WorldRuns, "run", "runs"), len(pcns), plural(len(pcns), "PCN", "PCNs"))
	}
	ens := sim.Ensemble{PCNs: pcns, Runs: st.WorldRuns, Seed: st.Plan.Seed, Workers: workers, KeepReferred: true, Arms: world.Arms}
	var people []study.Person
	err := ens.Run(ctx, func(r *sim.RunResult) error {
		for _, x := range r.Referred {
			t, u := float64(x.FollowUp[sim.ScenarioArm]), float64(x.FollowUp[sim.CounterfactualArm])
			if math.IsNaN(t) || math.IsNaN(u) {
				continue
			}
			// Each run's clusters are separate clusters.
			cluster := (r.Run*len(pcns)+int(x.PCN))*256 + int(x.Practice)
			if st.Cluster == "pcn" {
				cluster = r.Run*len(pcns) + int(x.PCN)
			}
			people = append(people, study.Person{Cluster: cluster, IMD: int(x.IMD), Base: float64(x.Baseline), Treated: t, Untreated: u})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(people) < 2 {
		return nil, fmt.Errorf("the world %s referred %d people followed up: too few to recruit from", world.Name, len(people))
	}
	pool := study.NewPool(people)
	if !quiet {
		fmt.Fprintf(e.stderr, "spsim: %d referred people followed up in %d clusters; their mean effect (the true effect) is %.4g\n",
			pool.Len(), pool.Clusters(), pool.TrueEffect())
	}
	return pool, nil
}
