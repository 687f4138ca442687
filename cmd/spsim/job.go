package main

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"spsim/output"
	"spsim/sim"
)

// jobOptions are the flags run, compare and power share for splitting work
// into shards and resuming it.
type jobOptions struct {
	shard  string // "i/n"
	shards int    // n, with the index from JOB_COMPLETION_INDEX
	resume bool
}

func jobFlags(fs *flag.FlagSet, o *jobOptions, units string) {
	fs.StringVar(&o.shard, "shard", "", "simulate only shard `i/n` of the "+units+" (0 <= i < n) and write a part for 'spsim merge' (default: from SLURM_ARRAY_TASK_ID - SLURM_ARRAY_TASK_MIN and SLURM_ARRAY_TASK_COUNT in a Slurm array task; --shard 0/1 there runs the whole job)")
	fs.IntVar(&o.shards, "shards", 0, "split the "+units+" into `n` shards and simulate shard JOB_COMPLETION_INDEX (a Kubernetes Indexed Job)")
	fs.BoolVar(&o.resume, "resume", false, "continue an interrupted run of the same command from the "+units+" it saved in OUT.partial")
}

// maxShards bounds the number of shards (a shard per run of the largest
// ensemble allowed).
const maxShards = 1_000_000

// shardFor works out the shard from the flags and the environment,
// reporting a bad one as a usage error of c.
func (o jobOptions) shardFor(e *env, c *command) (shardSpec, int) {
	sh, err := o.shardOf(os.Getenv)
	if err != nil {
		usageError(e, c, "%v", err)
		return sh, exitUsage
	}
	return sh, exitOK
}

// shardSpec is which shard of the work this process does.
type shardSpec struct {
	index, count int
	from         string // where it came from, for messages ("" when not sharded)
}

func (s shardSpec) sharded() bool { return s.count > 1 || s.from != "" }

// shardOf works out the shard from the flags and, failing those, from the
// environment of a Slurm array task. getenv reads the environment.
func (o jobOptions) shardOf(getenv func(string) string) (shardSpec, error) {
	if o.shard != "" && o.shards != 0 {
		return shardSpec{}, fmt.Errorf("give --shard i/n or --shards n, not both")
	}
	if o.shard != "" {
		i, n, ok := strings.Cut(o.shard, "/")
		if !ok {
			n = "" // not a shard: parseShard says so
		}
		sh, err := parseShard(i, n, "--shard "+o.shard, "--shard wants i/n with 0 <= i < n, e.g. --shard 2/4")
		if err == nil && sh.count == 1 {
			return shardSpec{index: 0, count: 1}, nil // the whole job, even in a Slurm array task
		}
		return sh, err
	}
	if o.shards != 0 {
		idx := getenv("JOB_COMPLETION_INDEX")
		if idx == "" {
			return shardSpec{}, fmt.Errorf("--shards %d takes the shard from JOB_COMPLETION_INDEX (set in a Kubernetes Indexed Job), which is not set; use --shard i/n", o.shards)
		}
		return parseShard(idx, strconv.Itoa(o.shards), "JOB_COMPLETION_INDEX="+idx+" with --shards "+strconv.Itoa(o.shards), "JOB_COMPLETION_INDEX must be 0 to --shards - 1")
	}
	if id := getenv("SLURM_ARRAY_TASK_ID"); id != "" {
		lo, count := getenv("SLURM_ARRAY_TASK_MIN"), getenv("SLURM_ARRAY_TASK_COUNT")
		from := fmt.Sprintf("SLURM_ARRAY_TASK_ID=%s, SLURM_ARRAY_TASK_MIN=%s, SLURM_ARRAY_TASK_COUNT=%s", id, lo, count)
		a, err1 := strconv.Atoi(id)
		b, err2 := strconv.Atoi(lo)
		if err1 != nil || err2 != nil {
			return shardSpec{}, fmt.Errorf("%s: not a shard (the task IDs must be whole numbers)", from)
		}
		return parseShard(strconv.Itoa(a-b), count, from, "a Slurm array must have consecutive task IDs (e.g. --array=0-3) to be split into shards")
	}
	return shardSpec{index: 0, count: 1}, nil
}

func parseShard(i, n, from, hint string) (shardSpec, error) {
	a, err1 := strconv.Atoi(strings.TrimSpace(i))
	b, err2 := strconv.Atoi(strings.TrimSpace(n))
	if err1 != nil || err2 != nil || b < 1 || a < 0 || a >= b {
		return shardSpec{}, fmt.Errorf("%s is not a shard: %s", from, hint)
	}
	if b > maxShards {
		return shardSpec{}, fmt.Errorf("%s: at most %d shards", from, maxShards)
	}
	return shardSpec{index: a, count: b, from: from}, nil
}

// shardOut is the default output directory of a shard of name.
func shardOut(name string, sh shardSpec) string {
	dir := filepath.Join("out", dirName(name))
	if sh.sharded() {
		dir += fmt.Sprintf("-shard-%d-of-%d", sh.index, sh.count)
	}
	return dir
}

// partialPath is where a job saves its completed units while it runs.
func partialPath(out string) string { return filepath.Clean(out) + ".partial" }

// openPart starts the part file of the job h beside out, or with resume
// continues the one an interrupted run left there, returning the records it
// already holds. It refuses to start afresh over a part file without resume,
// which would lose its records. It returns exitOK or the code of the
// problem, which it has reported.
func openPart[T any](e *env, out string, h output.PartHeader, resume, quiet bool) (*output.PartWriter, []T, int) {
	path := partialPath(out)
	_, err := os.Stat(path)
	exists := err == nil
	switch {
	case exists && resume:
		w, recs, err := output.ResumePart[T](path, h)
		if err != nil {
			errorf(e.stderr, "cannot resume: %v", err)
			return nil, nil, exitUsage
		}
		return w, recs, exitOK
	case exists:
		hdr, herr := output.ReadPartHeader(path)
		what := "an interrupted run"
		if herr == nil && hdr.Mismatch(h) != "" {
			what = "another job (" + hdr.Mismatch(h) + ")"
		}
		errorf(e.stderr, "%s holds the results saved by %s; add --resume to continue it, or delete it to start afresh", path, what)
		return nil, nil, exitUsage
	case !errors.Is(err, fs.ErrNotExist):
		errorf(e.stderr, "%v", err)
		return nil, nil, exitFailure
	}
	if resume && !quiet {
		fmt.Fprintf(e.stderr, "spsim: nothing to resume (no %s); starting afresh\n", path)
	}
	w, err := output.CreatePart(path, h)
	if err != nil {
		errorf(e.stderr, "cannot save results as they complete: %v", err)
		return nil, nil, exitFailure
	}
	return w, nil, exitOK
}

// partHeader fills in what every part header shares.
func partHeader(kind, name, source string, sets []string, hash string, seed uint64, units int, sh shardSpec, command string) output.PartHeader {
	first, count := output.ShardRange(units, sh.index, sh.count)
	return output.PartHeader{Kind: kind, Name: name, Source: source, Path: absSource(source), Sets: append([]string{}, sets...), Hash: hash,
		Seed: seed, Version: buildVersion(), Units: units, Shard: sh.index, Shards: sh.count, First: first, Count: count, Command: command}
}

// buildVersion is the spsim version, with the commit the binary was built
// from when it records one (a build from a git checkout), so that parts
// made by builds of different commits are never merged or resumed together.
func buildVersion() string {
	v := sim.Version
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return v
	}
	rev, dirty := "", false
	for _, kv := range bi.Settings {
		switch kv.Key {
		case "vcs.revision":
			rev = kv.Value
		case "vcs.modified":
			dirty = kv.Value == "true"
		}
	}
	if rev == "" {
		return v
	}
	v += "+" + rev[:min(12, len(rev))]
	if dirty {
		v += "-dirty"
	}
	return v
}

// absSource makes a file source absolute, so merge finds it from anywhere.
func absSource(source string) string {
	if strings.HasPrefix(source, "embedded:") {
		return source
	}
	if abs, err := filepath.Abs(source); err == nil {
		return abs
	}
	return source
}

// interrupted reports a stop by signal: what was saved and how to go on.
func interrupted(e *env, w *output.PartWriter, done, total int, unit string) int {
	if err := w.Close(); err != nil {
		errorf(e.stderr, "interrupted, and %v", err)
		return exitInterrupted
	}
	errorf(e.stderr, "interrupted after %d of %d %s; the completed %s are saved in %s: run the same command with --resume to finish",
		done, total, unit, unit, w.Path())
	return exitInterrupted
}

// jobNote describes the work for the start message: what (the whole job),
// or the shard's block of units, and what a resumed job has saved already.
func jobNote(what string, sh shardSpec, h output.PartHeader, units, saved string) string {
	if sh.sharded() {
		what = fmt.Sprintf("shard %d/%d (%s %s of %d; shard from %s)", sh.index, sh.count, units, unitSpan(h.First, h.Count), h.Units, sh.from)
	}
	if saved != "" {
		what += ", resuming with " + saved + " saved"
	}
	return what
}

// completeJob ends a job whose work is done: a shard writes its shard
// directory; otherwise write writes the outputs and the part file goes. It
// returns the wall time, whether to print the summary (not for a shard)
// and the exit code.
func completeJob(e *env, part *output.PartWriter, sh shardSpec, h output.PartHeader, out string, force bool, started time.Time, units string, write func(output.Timing) error) (wall float64, summary bool, code int) {
	if sh.sharded() {
		t := output.Timing{WallSeconds: time.Since(started).Seconds(), CPUSeconds: output.ProcessCPUSeconds()}
		if code := finishPart(e, part, sh, h, out, force, t); code != exitOK {
			return 0, false, code
		}
		shardDone(e, sh, h, out, units)
		return t.WallSeconds, false, exitOK
	}
	wall, code = writeOutputs(e, started, write)
	if code != exitOK {
		part.Close()
		return wall, false, code
	}
	if code := finishPart(e, part, sh, h, out, force, output.Timing{}); code != exitOK {
		return wall, false, code
	}
	return wall, true, exitOK
}

// finishPart ends a job's part file: a shard's becomes its output directory
// out; otherwise, the outputs now written, it is deleted.
func finishPart(e *env, w *output.PartWriter, sh shardSpec, h output.PartHeader, out string, force bool, t output.Timing) int {
	if err := w.Close(); err != nil {
		errorf(e.stderr, "%v", err)
		return exitFailure
	}
	if !sh.sharded() {
		if err := os.Remove(w.Path()); err != nil {
			errorf(e.stderr, "the outputs are written, but removing %s: %v", w.Path(), err)
			return exitFailure
		}
		return exitOK
	}
	if err := output.WriteShardDir(out, force, w.Path(), h, t); err != nil {
		errorf(e.stderr, "writing the shard: %v", err)
		var ee *output.ExistsError
		if errors.As(err, &ee) {
			return exitUsage
		}
		return exitFailure
	}
	return exitOK
}

// shardDone tells the user what a shard wrote and how to merge.
func shardDone(e *env, sh shardSpec, h output.PartHeader, out, units string) {
	fmt.Fprintf(e.stdout, "shard %d/%d of %s: %s %s saved in %s\n", sh.index, sh.count, h.Name, units, unitSpan(h.First, h.Count), filepath.Join(out, output.PartFile))
	fmt.Fprintln(e.stdout, "when every shard is done, merge them: spsim merge DIR... (each shard's output directory)")
}

// countOf is "n what", or "" for none.
func countOf(n int, what string) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprintf("%d %s", n, what)
}

func unitSpan(first, count int) string {
	if count == 0 {
		return "(none)"
	}
	if count == 1 {
		return strconv.Itoa(first)
	}
	return fmt.Sprintf("%d-%d", first, first+count-1)
}
