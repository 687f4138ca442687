package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"spsim/output"
	"spsim/sim"
)

// sameOutputs checks that dirs a and b hold the same files with the same
// bytes, except manifest.json's timing fields.
func sameOutputs(t *testing.T, a, b string) {
	t.Helper()
	names := func(dir string) []string {
		ents, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, e := range ents {
			out = append(out, e.Name())
		}
		return out
	}
	na, nb := names(a), names(b)
	if !slices.Equal(na, nb) {
		t.Fatalf("%s holds %v, %s holds %v", a, na, b, nb)
	}
	for _, f := range na {
		x, _ := os.ReadFile(filepath.Join(a, f))
		y, _ := os.ReadFile(filepath.Join(b, f))
		if f == "manifest.json" {
			x, y = withoutTiming(t, x), withoutTiming(t, y)
		}
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between %s and %s", f, a, b)
		}
	}
}

// withoutTiming drops the manifest's timing fields: those of the process
// (started, wall and CPU seconds, workers, command) and each run's timings.
func withoutTiming(t *testing.T, b []byte) []byte {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"started", "wall_seconds", "cpu_seconds", "workers", "command"} {
		delete(m, k)
	}
	if rt, ok := m["run_timings"].([]any); ok {
		for _, r := range rt {
			delete(r.(map[string]any), "wall_seconds")
			delete(r.(map[string]any), "cpu_seconds")
		}
	}
	out, _ := json.Marshal(m)
	return out
}

// Shards merged give byte for byte what one process writes, for run,
// compare and power; shards given in any order.
func TestShardsMergeToTheSingleProcessOutputs(t *testing.T) {
	tmp := t.TempDir()
	jobs := []struct {
		name string
		args []string
	}{
		{"run", runArgs("pcn-typical", "--runs", "5", "--quiet")},
		{"compare", append([]string{"compare", "--runs", "3", "--quiet"}, small...)},
		{"power", []string{"power", "study-cluster-rct", "--studies", "40", "--quiet"}},
	}
	for _, j := range jobs {
		t.Run(j.name, func(t *testing.T) {
			single := filepath.Join(tmp, j.name, "single")
			spsim(t, append(j.args, "--out", single)...).want(t, exitOK, nil, nil)
			var parts []string
			for i := 2; i >= 0; i-- { // made in any order
				dir := filepath.Join(tmp, j.name, "shard"+strconv.Itoa(i))
				spsim(t, append(j.args, "--out", dir, "--shard", strconv.Itoa(i)+"/3", "--workers", "1")...).
					want(t, exitOK, []string{"spsim merge"}, nil)
				parts = append(parts, dir)
				if _, err := os.Stat(partialPath(dir)); err == nil {
					t.Errorf("shard %d left %s behind", i, partialPath(dir))
				}
			}
			merged := filepath.Join(tmp, j.name, "merged")
			spsim(t, append([]string{"merge", "--out", merged, "--quiet"}, parts...)...).want(t, exitOK, nil, nil)
			sameOutputs(t, single, merged)
		})
	}
}

// merge refuses, with a message naming the problem, shards that do not
// make one job, and leaves no output behind.
func TestMergeRefusals(t *testing.T) {
	tmp := t.TempDir()
	shard := func(dir string, extra ...string) string {
		d := filepath.Join(tmp, dir)
		spsim(t, append(runArgs("pcn-typical", "--runs", "4", "--quiet", "--out", d), extra...)...).want(t, exitOK, nil, nil)
		return d
	}
	s0, s1 := shard("s0", "--shard", "0/2"), shard("s1", "--shard", "1/2")
	other := shard("other", "--shard", "1/2", "--seed", "9")
	third := shard("third", "--shard", "1/3")
	junk := filepath.Join(tmp, "junk")
	os.WriteFile(junk, []byte("not a part\n"), 0o644)

	// An incomplete shard: its part file with the last run cut off.
	cut := filepath.Join(tmp, "cut")
	os.MkdirAll(cut, 0o755)
	b, _ := os.ReadFile(filepath.Join(s1, output.PartFile))
	_, recs, _ := output.ReadPart[*sim.RunResult](filepath.Join(s1, output.PartFile))
	if len(recs) != 2 {
		t.Fatalf("shard 1/2 of 4 runs holds %d runs", len(recs))
	}
	os.WriteFile(filepath.Join(cut, output.PartFile), b[:len(b)-10], 0o644)

	out := filepath.Join(tmp, "merged")
	for _, c := range []struct {
		name string
		args []string
		want string
	}{
		{"nothing", nil, "name the shards"},
		{"a shard missing", []string{s0}, "1 of 2 shards missing: 1 (runs 2-3)"},
		{"another seed", []string{s0, other}, "seed 9, not 20190701"},
		{"another split", []string{s0, third}, "shards 3, not 2"},
		{"twice", []string{s0, s0, s1}, "shard 0/2 is given twice"},
		{"not a part", []string{s0, junk}, "not an spsim part file"},
		{"not a shard directory", []string{s0, tmp}, "holds no part.spsim"},
		{"incomplete", []string{s0, cut}, "lacks runs 3: the shard is incomplete"},
	} {
		t.Run(c.name, func(t *testing.T) {
			spsim(t, append([]string{"merge", "--out", out, "--quiet"}, c.args...)...).want(t, exitUsage, nil, []string{c.want})
			if _, err := os.Stat(out); err == nil {
				t.Fatal("a refused merge wrote outputs")
			}
		})
	}

	// A scenario file changed after the shards were made is caught.
	file := filepath.Join(tmp, "mine.toml")
	os.WriteFile(file, []byte("name = \"mine\"\n[pcns]\nregistered = 5000\nregistered_min = 1000\n[simulation]\nyears = 0.5\nburn_in_weeks = 4\n"), 0o644)
	a, b2 := filepath.Join(tmp, "m0"), filepath.Join(tmp, "m1")
	spsim(t, "run", file, "--runs", "2", "--shard", "0/2", "--out", a, "--quiet").want(t, exitOK, nil, nil)
	spsim(t, "run", file, "--runs", "2", "--shard", "1/2", "--out", b2, "--quiet").want(t, exitOK, nil, nil)
	os.WriteFile(file, []byte("name = \"mine\"\n[pcns]\nregistered = 6000\nregistered_min = 1000\n[simulation]\nyears = 0.5\nburn_in_weeks = 4\n"), 0o644)
	spsim(t, "merge", "--out", out, a, b2).want(t, exitUsage, nil, []string{"has changed since the shards were simulated"})
}

// The shard comes from --shard, a Slurm array task's environment or a
// Kubernetes Indexed Job's completion index with --shards.
func TestShardOf(t *testing.T) {
	env := func(kv ...string) func(string) string {
		return func(k string) string {
			for i := 0; i < len(kv); i += 2 {
				if kv[i] == k {
					return kv[i+1]
				}
			}
			return ""
		}
	}
	slurm := env("SLURM_ARRAY_TASK_ID", "7", "SLURM_ARRAY_TASK_MIN", "5", "SLURM_ARRAY_TASK_COUNT", "4")
	for _, c := range []struct {
		o       jobOptions
		getenv  func(string) string
		i, n    int
		wantErr string
	}{
		{jobOptions{}, env(), 0, 1, ""},
		{jobOptions{shard: "2/4"}, env(), 2, 4, ""},
		{jobOptions{shard: "2/4"}, slurm, 2, 4, ""}, // the flag wins
		{jobOptions{shard: "0/1"}, slurm, 0, 1, ""}, // the whole job inside an array task
		{jobOptions{shard: "0/2000000"}, env(), 0, 0, "at most 1000000 shards"},
		{jobOptions{}, slurm, 2, 4, ""},
		{jobOptions{shards: 3}, env("JOB_COMPLETION_INDEX", "1"), 1, 3, ""},
		{jobOptions{shard: "4/4"}, env(), 0, 0, "0 <= i < n"},
		{jobOptions{shard: "2"}, env(), 0, 0, "--shard wants i/n"},
		{jobOptions{shard: "a/b"}, env(), 0, 0, "--shard wants i/n"},
		{jobOptions{shards: 3}, env(), 0, 0, "JOB_COMPLETION_INDEX"},
		{jobOptions{shards: 3}, env("JOB_COMPLETION_INDEX", "3"), 0, 0, "must be 0 to --shards - 1"},
		{jobOptions{shard: "0/2", shards: 2}, env(), 0, 0, "not both"},
		{jobOptions{}, env("SLURM_ARRAY_TASK_ID", "9", "SLURM_ARRAY_TASK_MIN", "5", "SLURM_ARRAY_TASK_COUNT", "4"), 0, 0, "consecutive task IDs"},
	} {
		sh, err := c.o.shardOf(c.getenv)
		switch {
		case c.wantErr != "":
			if err == nil || !strings.Contains(err.Error(), c.wantErr) {
				t.Errorf("%+v: error %v, want one containing %q", c.o, err, c.wantErr)
			}
		case err != nil:
			t.Errorf("%+v: %v", c.o, err)
		case sh.index != c.i || sh.count != c.n:
			t.Errorf("%+v: shard %d/%d, want %d/%d", c.o, sh.index, sh.count, c.i, c.n)
		}
	}
}

// childRun starts spsim run in a child process (the test binary acting as
// spsim) with a slow enough ensemble to interrupt.
func childRun(t *testing.T, out string, extra ...string) (*exec.Cmd, *syncBuffer) {
	t.Helper()
	args := append([]string{"run", "pcn-typical", "--runs", "200", "--workers", "1", "--out", out,
		"--set", "simulation.years=1", "--set", "simulation.burn_in_weeks=4",
		"--set", "pcns.registered=4000", "--set", "pcns.registered_min=1000"}, extra...)
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "SPSIM_TEST_MAIN=1")
	var stderr syncBuffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd, &stderr
}

// waitSaved waits (at most 30 s) until the part file beside out holds at
// least n runs, and returns how many it holds.
func waitSaved(t *testing.T, out string, n int) int {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if _, recs, err := output.ReadPart[*sim.RunResult](partialPath(out)); err == nil && len(recs) >= n {
			return len(recs)
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("%s did not reach %d saved runs within 30 s", partialPath(out), n)
	return 0
}

// waitExit waits (at most 30 s) for cmd to end and returns its exit code.
func waitExit(t *testing.T, cmd *exec.Cmd) int {
	t.Helper()
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		t.Fatal("spsim did not stop within 30 s")
	}
	return cmd.ProcessState.ExitCode()
}

// SIGINT stops a run with exit code 130 and a message saying how to
// resume; the completed runs are kept, no output directory is written, and
// --resume finishes the job.
func TestInterruptKeepsCompletedRuns(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	tmp := t.TempDir()
	out := filepath.Join(tmp, "out")
	cmd, stderr := childRun(t, out)
	waitSaved(t, out, 2)
	cmd.Process.Signal(syscall.SIGINT)
	if code := waitExit(t, cmd); code != exitInterrupted {
		t.Fatalf("exit code %d, want %d; stderr:\n%s", code, exitInterrupted, stderr.String())
	}
	msg := regexp.MustCompile(`interrupted after (\d+) of 200 runs; the completed runs are saved in (\S+): run the same command with --resume to finish`).
		FindStringSubmatch(stderr.String())
	if msg == nil {
		t.Fatalf("no resume message on stderr:\n%s", stderr.String())
	}
	if msg[2] != partialPath(out) {
		t.Errorf("message names %s, want %s", msg[2], partialPath(out))
	}
	_, recs, err := output.ReadPart[*sim.RunResult](partialPath(out))
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := strconv.Atoi(msg[1]); n != len(recs) || n < 2 || n >= 200 {
		t.Errorf("message says %s runs done; the part file holds %d", msg[1], len(recs))
	}
	for i, r := range recs {
		if r.Run != i {
			t.Fatalf("saved runs out of order: record %d is run %d", i, r.Run)
		}
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("an interrupted run wrote its output directory")
	}
	// Without --resume, spsim will not start over the saved runs.
	r := spsim(t, append(childArgs(out), "--quiet")...)
	r.want(t, exitUsage, nil, []string{"--resume", partialPath(out)})
}

// childArgs are childRun's arguments, for running the same job in-process.
func childArgs(out string, extra ...string) []string {
	return append([]string{"run", "pcn-typical", "--runs", "200", "--workers", "2", "--out", out,
		"--set", "simulation.years=1", "--set", "simulation.burn_in_weeks=4",
		"--set", "pcns.registered=4000", "--set", "pcns.registered_min=1000"}, extra...)
}

// A run killed outright (SIGKILL) part way through and resumed writes the
// same outputs as a run never interrupted.
func TestResumeAfterKillIsByteIdentical(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	tmp := t.TempDir()
	whole := filepath.Join(tmp, "whole")
	spsim(t, append(childArgs(whole), "--quiet")...).want(t, exitOK, nil, nil)

	out := filepath.Join(tmp, "out")
	cmd, _ := childRun(t, out)
	waitSaved(t, out, 3)
	cmd.Process.Kill()
	waitExit(t, cmd)
	_, recs, err := output.ReadPart[*sim.RunResult](partialPath(out))
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) >= 200 {
		t.Skip("the run finished before it was killed")
	}
	r := spsim(t, childArgs(out, "--resume")...)
	r.want(t, exitOK, nil, []string{"resuming with " + strconv.Itoa(len(recs)) + " runs saved"})
	sameOutputs(t, whole, out)
	if _, err := os.Stat(partialPath(out)); err == nil {
		t.Error("the part file is left after the outputs were written")
	}
}
