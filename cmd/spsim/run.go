package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strings"
	"syscall"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"spsim/output"
	"spsim/scenarios"
	"spsim/sim"
)

// defaultSeed is the ensemble seed when --seed is not given: the date the
// Network Contract DES first funded link workers (1 July 2019).
const defaultSeed = 20190701

// ensembleOptions are the flags run and compare share.
type ensembleOptions struct {
	runs    int
	seed    uint64
	workers int
	sets    stringList
	out     string
	force   bool
	quiet   bool
	png     bool

	noMemoryCheck bool
}

// ensembleFlags defines the shared flags on fs; runsDefault and setDoc
// describe what the command's --runs defaults to and what --set changes.
func ensembleFlags(fs *flag.FlagSet, o *ensembleOptions, runsDefault, setDoc, outDefault string) {
	fs.IntVar(&o.runs, "runs", 0, "number of runs `N` (default: "+runsDefault+")")
	fs.Uint64Var(&o.seed, "seed", defaultSeed, "ensemble seed `S`; the same seed, scenario and runs give the same outputs (default 20190701, the date the first link workers were funded)")
	fs.IntVar(&o.workers, "workers", runtime.GOMAXPROCS(0), fmt.Sprintf("concurrent workers `N` (default: the cores Go may use, GOMAXPROCS or the CPU limit of a container, here %d); results do not depend on it", runtime.GOMAXPROCS(0)))
	fs.Var(&o.sets, "set", setDoc)
	fs.StringVar(&o.out, "out", "", "output directory `DIR` (default: "+outDefault+")")
	fs.BoolVar(&o.force, "force", false, "replace the output directory if it exists (only an earlier output directory or an empty one)")
	fs.BoolVar(&o.quiet, "quiet", false, "no progress bar or messages on stderr (results still go to stdout)")
	pngFlag(fs, &o.png)
	fs.BoolVar(&o.noMemoryCheck, "no-memory-check", false, noMemoryCheckDoc)
}

type runOptions struct {
	ensembleOptions
	job         jobOptions
	calibration bool
	cpuProfile  string
}

func runFlags(o *runOptions) *flag.FlagSet {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	ensembleFlags(fs, &o.ensembleOptions, "the scenario's simulation.runs",
		"override a parameter: `key=value`, the value in TOML (repeatable; keys in 'spsim params')", "out/<scenario name>")
	jobFlags(fs, &o.job, "runs")
	fs.BoolVar(&o.calibration, "calibration", false, "also print the calibration table (needs outcomes.report_year; always printed for england)")
	fs.StringVar(&o.cpuProfile, "cpuprofile", "", "write a CPU profile of the run to `FILE` (read it with 'go tool pprof')")
	return fs
}

var runCmd = &command{
	name:    "run",
	summary: "run a scenario and its counterfactual; write outputs to a directory",
	usage:   "spsim run [flags] [SCENARIO]",
	help: `Runs an ensemble of SCENARIO: each run simulates the scenario and its
counterfactual (the comparator: by default the same scenario with
rollout.enabled = false) on the same population with common random numbers.
Parameters given as distributions are drawn once per run, so the spread across
runs includes parameter uncertainty.

SCENARIO is the name of an embedded scenario (see 'spsim scenarios'; default
pcn-typical) or the path of a TOML file (start from 'spsim show NAME').
--set overrides any parameter without editing a file.

The outputs go to --out (default out/<scenario name>): summary.json, runs.csv,
timeseries.csv, by_pcn.csv, draws.csv, scenario.toml (the resolved scenario:
run it again to reproduce the outputs) and manifest.json. 'spsim params
--outputs' describes every file and column. report.html shows them as
figures with their tables (fan charts of the weekly series, the referral
funnel and the benefit by IMD quintile, inequality across runs; see 'spsim
help report'). A headline table (means of each arm and of the difference,
with 95% intervals across runs) is printed to stdout; for the england
scenario, also the calibration table.

Results depend only on the scenario, --seed and --runs: any --workers gives
byte-identical files (except the timing fields of manifest.json).

Each run is saved to OUT.partial as it completes. Ctrl-C (or SIGTERM) stops
the ensemble with exit code 130, keeping the completed runs there; the same
command with --resume simulates only the rest and writes the same files an
uninterrupted run would. --shard i/n (or a Slurm array task's environment,
or --shards n in a Kubernetes Indexed Job) simulates only the i-th of n
blocks of runs and writes a shard directory; 'spsim merge' joins the
shards into the outputs (see deploy/slurm and deploy/k8s).

Examples:
  spsim run
  spsim run pcn-deprived-urban --runs 200 --seed 7
  spsim run pcn-typical --set link_workers.fte_multiplier=0.5 --out out/half-fte
  spsim run pcn-typical --set 'effects.wellbeing={dist="normal",mean=0.5,sd=0.2}'
  spsim run my-scenario.toml --out results/my --force
  spsim run pcn-typical --runs 1000 --resume          # after Ctrl-C
  spsim run pcn-typical --runs 1000 --shard 0/4 --out parts/0
`,
	flags: func() *flag.FlagSet { return runFlags(new(runOptions)) },
	run:   runRun,
}

func runRun(e *env, c *command, args []string) int {
	var o runOptions
	fs := runFlags(&o)
	pos, code, done := parseArgs(e, c, fs, args)
	if done {
		return code
	}
	name, runsSet, code := ensembleArgs(e, c, fs, pos, scenarios.DefaultName, "SCENARIO", o.runs, o.workers)
	if code != exitOK {
		return code
	}

	sh, code := o.job.shardFor(e, c)
	if code != exitOK {
		return code
	}

	started := time.Now()
	s, err := scenarios.Load(name, o.sets)
	if err != nil {
		errorf(e.stderr, "%v", err)
		return exitUsage
	}
	base := s.Base()
	runs := o.runs
	if !runsSet {
		runs = base.Simulation.Runs
	}
	out := o.out
	if out == "" {
		out = shardOut(s.Name, sh)
	}
	if code := checkRunMemory(e, o.ensembleOptions, s, runs); code != exitOK {
		return code
	}
	if code := prepareOut(e, out, o.force); code != exitOK {
		return code
	}
	h := partHeader("run", s.Name, s.Source, o.sets, s.Hash(), o.seed, runs, sh, commandLine(e.args))
	part, saved, code := openPart[*sim.RunResult](e, out, h, o.job.resume, o.quiet)
	if code != exitOK {
		return code
	}

	pcns := s.PCNs()
	meta := runMeta(s, pcns, runs, o.seed, o.workers, commandLine(e.args), started)
	col := output.NewCollector(meta)
	tally, err := output.Tally(part.Path(), h, "run", 1, saved, func(r *sim.RunResult) (int, int) { return r.Run, 0 }, col.Add)
	if err != nil {
		part.Close()
		errorf(e.stderr, "cannot resume: %v", err)
		return exitUsage
	}

	ctx, stop := signal.NotifyContext(e.ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		stop() // a second Ctrl-C kills the process at once
	}()

	if !o.quiet {
		what := jobNote(fmt.Sprintf("%d %s", runs, plural(runs, "run", "runs")), sh, h, "runs", countOf(len(saved), "runs"))
		fmt.Fprintf(e.stderr, "spsim: running %s of %s (%d %s, seed %d, %d %s)\n",
			what, s.Name, len(pcns), plural(len(pcns), "PCN", "PCNs"), o.seed, o.workers, plural(o.workers, "worker", "workers"))
	}
	bar := newProgressBar(e.stderr, h.Count, o.quiet)
	ens := sim.Ensemble{
		PCNs:    pcns,
		First:   h.First,
		Runs:    h.Count,
		Seed:    o.seed,
		Workers: o.workers,
		Arms:    s.Arms,
		Skip:    func(r int) bool { return tally.Has(r, 0) },
	}
	if bar != nil {
		bar.Set(len(saved))
		ens.OnRunDone = func(done, total int) { bar.Set(len(saved) + done) }
	}
	if o.cpuProfile != "" {
		f, perr := os.Create(o.cpuProfile)
		if perr == nil {
			perr = pprof.StartCPUProfile(f)
		}
		if perr != nil {
			errorf(e.stderr, "cannot write the CPU profile: %v", perr)
			return exitFailure
		}
		defer func() {
			pprof.StopCPUProfile()
			f.Close()
		}()
	}
	err = ens.Run(ctx, func(r *sim.RunResult) error {
		// Saved before it counts: a run is either on disk or redone.
		if err := part.Append(output.RunRecord(r)); err != nil {
			return err
		}
		col.Add(r)
		return nil
	})
	if bar != nil {
		if err == nil {
			bar.Finish()
		} else {
			bar.Exit()
			fmt.Fprintln(e.stderr)
		}
	}
	if err != nil {
		if ctx.Err() != nil && errors.Is(err, context.Canceled) {
			return interrupted(e, part, col.NumRuns(), h.Count, "runs")
		}
		part.Close()
		errorf(e.stderr, "run failed: %v\n(the %d completed runs are saved in %s: --resume continues from them)", err, col.NumRuns(), part.Path())
		return exitFailure
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
	printRunSummary(e, s, col, meta, out, rep, wall, o.calibration)
	return exitOK
}

// runMeta describes an ensemble of s, on its PCNs pcns, for its outputs.
func runMeta(s *scenarios.Scenario, pcns []sim.PCNSpec, runs int, seed uint64, workers int, command string, started time.Time) output.Meta {
	return output.Meta{
		Scenario:     s.Name,
		ScenarioHash: s.Hash(),
		ResolvedTOML: s.ResolvedTOML(),
		Seed:         seed,
		Runs:         runs,
		Workers:      workers,
		PCNs:         pcns,
		WeekDates:    sim.WeekDates(s.Base()),
		Command:      command,
		Started:      started,
	}
}

// printRunSummary prints where the outputs of the ensemble meta went and
// the headline table (no wall time when merged: meta.Workers is 0).
func printRunSummary(e *env, s *scenarios.Scenario, col *output.Collector, meta output.Meta, out, rep string, wall float64, calibration bool) {
	base := s.Base()
	n := len(meta.PCNs)
	w := e.stdout
	fmt.Fprintf(w, "scenario  %s (%s)\n", s.Name, s.Source)
	fmt.Fprintf(w, "runs      %d, seed %d, %d %s\n", meta.Runs, meta.Seed, n, plural(n, "PCN", "PCNs"))
	fmt.Fprintf(w, "output    %s\n", out)
	fmt.Fprintf(w, "report    %s\n", rep)
	if meta.Workers > 0 {
		fmt.Fprintf(w, "wall time %s (%d %s)\n", formatSeconds(wall), meta.Workers, plural(meta.Workers, "worker", "workers"))
	}
	fmt.Fprintln(w)
	col.Table(w)
	if calibration || s.Name == "england" {
		if base.Outcomes.ReportYear != 0 {
			fmt.Fprintln(w)
			col.CalibrationTable(w)
		} else if calibration {
			fmt.Fprintln(w)
			fmt.Fprintln(w, "(no calibration table: the scenario sets outcomes.report_year = 0; try --set outcomes.report_year=2023)")
		}
	}
}

// ensembleArgs checks what run and compare share: at most one positional
// argument (the scenario or comparison, noun in messages; def if none), and
// --runs and --workers at least 1. It returns the name, whether --runs was
// given, and exitOK, or the exit code of the problem it has reported.
func ensembleArgs(e *env, c *command, fs *flag.FlagSet, pos []string, def, noun string, runs, workers int) (name string, runsSet bool, code int) {
	name = def
	switch len(pos) {
	case 0:
	case 1:
		name = pos[0]
	default:
		usageError(e, c, "one %s at a time (got %d: %s)", noun, len(pos), strings.Join(pos, " "))
		return "", false, exitUsage
	}
	fs.Visit(func(f *flag.Flag) { runsSet = runsSet || f.Name == "runs" })
	if runsSet && runs < 1 {
		usageError(e, c, "--runs must be at least 1 (got %d)", runs)
		return "", false, exitUsage
	}
	if workers < 1 {
		usageError(e, c, "--workers must be at least 1 (got %d)", workers)
		return "", false, exitUsage
	}
	return name, runsSet, exitOK
}

// writeOutputs times the command since started and writes its outputs with
// write, reporting a failure. It returns the wall time and exitOK, or the
// exit code of the failure.
func writeOutputs(e *env, started time.Time, write func(output.Timing) error) (wall float64, code int) {
	wall = time.Since(started).Seconds()
	if err := write(output.Timing{WallSeconds: wall, CPUSeconds: output.ProcessCPUSeconds()}); err != nil {
		errorf(e.stderr, "writing outputs: %v", err)
		var ee *output.ExistsError
		if errors.As(err, &ee) {
			return wall, exitUsage
		}
		return wall, exitFailure
	}
	return wall, exitOK
}

// prepareOut checks, before any simulation, that out may be written (free,
// or replaceable with force) and makes its parent, so a problem shows before
// a long run rather than after it. It returns exitOK or the exit code of the
// problem, which it has reported.
func prepareOut(e *env, out string, force bool) int {
	if err := output.CheckDir(out, force); err != nil {
		errorf(e.stderr, "%v", err)
		var ee *output.ExistsError
		if errors.As(err, &ee) {
			fmt.Fprintln(e.stderr, "  (use --force to replace it, or --out to choose another directory)")
		}
		return exitUsage
	}
	if err := os.MkdirAll(filepath.Dir(filepath.Clean(out)), 0o777); err != nil {
		errorf(e.stderr, "cannot create the output directory's parent: %v", err)
		return exitFailure
	}
	return exitOK
}

// newProgressBar returns a progress bar of runs on stderr, or nil when it
// should not be shown (--quiet, or stderr is not a terminal).
func newProgressBar(stderr io.Writer, total int, quiet bool) *progressbar.ProgressBar {
	f, ok := stderr.(*os.File)
	if quiet || !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	return progressbar.NewOptions(total,
		progressbar.OptionSetWriter(f),
		progressbar.OptionShowCount(),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionSetElapsedTime(true),
		progressbar.OptionSetDescription("runs"),
		progressbar.OptionSetWidth(30),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
	)
}

// dirName makes a scenario name safe as one path element.
func dirName(name string) string {
	b := []byte(name)
	for i, ch := range b {
		ok := ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch >= '0' && ch <= '9' || ch == '-' || ch == '_' || ch == '.'
		if !ok {
			b[i] = '_'
		}
	}
	s := strings.Trim(string(b), ".")
	if s == "" {
		return "scenario"
	}
	return s
}

// commandLine renders the command line for the manifest, quoting arguments
// as a POSIX shell would need.
func commandLine(args []string) string {
	parts := []string{"spsim"}
	for _, a := range args {
		parts = append(parts, shellQuote(a))
	}
	return strings.Join(parts, " ")
}

func shellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./=:,+@%", r))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

func formatSeconds(s float64) string {
	switch {
	case s < 60:
		return fmt.Sprintf("%.1f s", s)
	}
	n := int(s + 0.5)
	if n < 3600 {
		return fmt.Sprintf("%dm%02ds", n/60, n%60)
	}
	return fmt.Sprintf("%dh%02dm", n/3600, n%3600/60)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
