package main

import (
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"syscall"
	"time"

	"spsim/output"
	"spsim/scenarios"
	"spsim/sim"
	"spsim/sim/study"
)

type mergeOptions struct {
	out     string
	force   bool
	quiet   bool
	workers int
	png     bool
}

func mergeFlags(o *mergeOptions) *flag.FlagSet {
	fs := flag.NewFlagSet("merge", flag.ContinueOnError)
	fs.StringVar(&o.out, "out", "", "output directory `DIR` (default: out/<name of the scenario, comparison or study>)")
	fs.BoolVar(&o.force, "force", false, "replace the output directory if it exists (only an earlier output directory or an empty one)")
	fs.BoolVar(&o.quiet, "quiet", false, "no messages on stderr (the table still goes to stdout)")
	pngFlag(fs, &o.png)
	fs.IntVar(&o.workers, "workers", runtime.GOMAXPROCS(0), fmt.Sprintf("concurrent workers `N` for re-simulating an abm study's world (default: the cores Go may use, here %d)", runtime.GOMAXPROCS(0)))
	return fs
}

var mergeCmd = &command{
	name:    "merge",
	summary: "merge the shards of a run, compare or power job into its outputs",
	usage:   "spsim merge [flags] SHARD...",
	help: `Merges the shards of one job, each made by 'spsim run', 'spsim compare' or
'spsim power' with --shard i/n (or in a Slurm array or Kubernetes Indexed
Job), into the outputs one process would have written: the same files, byte
for byte, except manifest.json's timing fields (started, wall_seconds,
cpu_seconds, workers, command and each run's timings).

SHARD is a shard's output directory (or the part.spsim file in it). merge
first checks that the shards belong together: the same kind of job,
scenario (by its SHA-256, so a scenario file changed since is caught), seed,
spsim version and number of shards; every shard present exactly once; and
every run (or batch of studies) in each shard present exactly once. The
scenario, comparison or study is loaded again from where the shards were
made (an embedded name, or the absolute path of its file), with the same
--set overrides.

Examples:
  spsim run pcn-typical --runs 1000 --shard 0/4 --out parts/0   # ... to 3/4
  spsim merge parts/0 parts/1 parts/2 parts/3 --out out/pcn-typical
  spsim merge parts/* --out out/pcn-typical --force
`,
	flags: func() *flag.FlagSet { return mergeFlags(new(mergeOptions)) },
	run:   runMerge,
}

func runMerge(e *env, c *command, args []string) int {
	var o mergeOptions
	fs := mergeFlags(&o)
	pos, code, done := parseArgs(e, c, fs, args)
	if done {
		return code
	}
	if len(pos) == 0 {
		usageError(e, c, "name the shards to merge (their output directories)")
		return exitUsage
	}
	started := time.Now()
	paths := make([]string, len(pos))
	hs := make([]output.PartHeader, len(pos))
	for i, arg := range pos {
		p, err := output.FindPart(arg)
		if err == nil {
			hs[i], err = output.ReadPartHeader(p)
		}
		if err != nil {
			errorf(e.stderr, "%v", err)
			return exitUsage
		}
		paths[i] = p
	}
	h := hs[0]
	unit := "run"
	if h.Kind == "power" {
		unit = "batch"
	}
	if err := output.CheckShards(paths, hs, unit); err != nil {
		errorf(e.stderr, "%v", err)
		return exitUsage
	}
	out := o.out
	if out == "" {
		out = filepath.Join("out", dirName(h.Name))
	}
	if code := prepareOut(e, out, o.force); code != exitOK {
		return code
	}
	if !o.quiet {
		fmt.Fprintf(e.stderr, "spsim: merging %d %s of %s %s (%d %ss, seed %d)\n", len(paths), plural(len(paths), "shard", "shards"), h.Kind, h.Name, h.Units, unit, h.Seed)
	}
	m := merger{e: e, paths: paths, hs: hs, out: out, force: o.force, png: o.png, quiet: o.quiet, command: commandLine(e.args), started: started}
	switch h.Kind {
	case "run":
		return m.run()
	case "compare":
		return m.compare()
	case "power":
		return m.power(o)
	}
	errorf(e.stderr, "%s: parts of an unknown kind of job %q", paths[0], h.Kind)
	return exitUsage
}

// merger merges checked shards into one job's outputs.
type merger struct {
	e       *env
	paths   []string
	hs      []output.PartHeader
	out     string
	force   bool
	png     bool
	quiet   bool
	command string
	started time.Time
}

// changed reports an input whose hash differs from the shards'.
func (m merger) changed(what, hash string) int {
	h := m.hs[0]
	errorf(m.e.stderr, "the %s %s (%s) has changed since the shards were simulated: its SHA-256 is %.12s, the shards' %.12s", what, h.Name, h.Path, hash, h.Hash)
	return exitUsage
}

// mergeRecords reads every shard's records, checks each shard holds each of its
// units once (slots records per unit; slotOf numbers a record's slot, -1
// for one that has none) and passes them to add in shard order.
func mergeRecords[T any](m merger, unit string, slots int, unitOf func(T) (u, slot int), add func(T)) int {
	for k, path := range m.paths {
		_, recs, err := output.ReadPart[T](path)
		if err != nil {
			errorf(m.e.stderr, "%v", err)
			return exitUsage
		}
		tally, err := output.Tally(path, m.hs[k], unit, slots, recs, unitOf, add)
		if err != nil {
			errorf(m.e.stderr, "%v", err)
			return exitUsage
		}
		if miss := tally.Missing(); miss != "" {
			errorf(m.e.stderr, "%s lacks %ss %s: the shard is incomplete", path, unit, miss)
			return exitUsage
		}
	}
	return exitOK
}

func (m merger) run() int {
	h := m.hs[0]
	s, err := scenarios.Load(h.Path, h.Sets)
	if err != nil {
		errorf(m.e.stderr, "loading the shards' scenario: %v", err)
		return exitUsage
	}
	if s.Hash() != h.Hash {
		return m.changed("scenario", s.Hash())
	}
	s.Source = h.Source // as the shards were given it, as one process would show it
	meta := runMeta(s, s.PCNs(), h.Units, h.Seed, 0, m.command, m.started)
	col := output.NewCollector(meta)
	code := mergeRecords(m, "run", 1, func(r *sim.RunResult) (int, int) { return r.Run, 0 }, func(r *sim.RunResult) { col.Add(r) })
	if code != exitOK {
		return code
	}
	return m.finish(func(t output.Timing) error { return col.WriteDir(m.out, m.force, t) }, func(page string, wall float64) {
		printRunSummary(m.e, s, col, meta, m.out, page, wall, false)
	})
}

// finish writes the merged outputs with write, then the report, and prints
// the command's summary with print.
func (m merger) finish(write func(output.Timing) error, print func(page string, wall float64)) int {
	wall, code := writeOutputs(m.e, m.started, write)
	if code != exitOK {
		return code
	}
	page, code := writeReport(m.e, m.out, m.png, m.quiet)
	if code != exitOK {
		return code
	}
	print(page, wall)
	return exitOK
}

func (m merger) compare() int {
	h := m.hs[0]
	cmp, err := scenarios.LoadComparison(h.Path, h.Sets)
	if err != nil {
		errorf(m.e.stderr, "loading the shards' comparison: %v", err)
		return exitUsage
	}
	if cmp.Hash() != h.Hash {
		return m.changed("comparison", cmp.Hash())
	}
	cmp.Source = h.Source // as the shards were given it, as one process would show it
	col := output.NewComparison(compareMeta(cmp, h.Units, h.Seed, 0, m.command, m.started))
	code := mergeRecords(m, "run", len(cmp.Options)-1,
		func(r output.OptionRecord) (int, int) { return r.Result.Run, optionSlot(cmp, r.Option) },
		func(r output.OptionRecord) { col.Add(r.Option, r.Result) })
	if code != exitOK {
		return code
	}
	return m.finish(func(t output.Timing) error { return col.WriteDir(m.out, m.force, t) }, func(page string, wall float64) {
		printCompareSummary(m.e, cmp, col, h.Units, h.Seed, m.out, page, wall, 0)
	})
}

func (m merger) power(o mergeOptions) int {
	h := m.hs[0]
	st, err := scenarios.LoadStudy(h.Path, h.Sets)
	if err != nil {
		errorf(m.e.stderr, "loading the shards' study: %v", err)
		return exitUsage
	}
	if st.Hash() != h.Hash {
		return m.changed("study", st.Hash())
	}
	st.Source = h.Source // as the shards were given it, as one process would show it
	// An abm study's results depend on its pool: simulated again here
	// (it is a pure function of the study), for the true effect.
	ctx, stop := signal.NotifyContext(m.e.ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	p, code := studyPlan(ctx, m.e, st, o.workers, o.quiet, m.out)
	if code != exitOK {
		return code
	}
	var batches []*study.Batch
	code = mergeRecords(m, "batch", 1, func(b *study.Batch) (int, int) { return b.Index, 0 }, func(b *study.Batch) { batches = append(batches, b) })
	if code != exitOK {
		return code
	}
	res, err := p.Summarise(batches)
	if err != nil {
		errorf(m.e.stderr, "%v", err)
		return exitUsage
	}
	rep := output.NewPowerReport(output.PowerMeta{Name: st.Name, Source: st.Source, Mode: st.Mode, Plan: p,
		Workers: 0, Command: m.command, Started: m.started}, res)
	return m.finish(func(t output.Timing) error { return rep.WriteDir(m.out, m.force, t) }, func(page string, wall float64) {
		printPowerSummary(m.e, st, rep, m.out, page, wall, 0)
	})
}
