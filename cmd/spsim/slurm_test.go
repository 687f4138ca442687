package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// requireSlurm skips the test when no Slurm cluster answers, except under
// CI=true, where .ci/run has started one and its absence is a failure.
func requireSlurm(t *testing.T) {
	t.Helper()
	why := ""
	if _, err := exec.LookPath("sbatch"); err != nil {
		why = "sbatch is not installed"
	} else if out, err := exec.Command("sinfo", "-h", "-o", "%T").Output(); err != nil || !strings.Contains(string(out), "idle") && !strings.Contains(string(out), "mix") && !strings.Contains(string(out), "alloc") {
		why = "no Slurm node is up (sinfo: " + strings.TrimSpace(string(out)) + ")"
	}
	if why == "" {
		return
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s; under CI=true the Slurm test must run (.ci/run starts Slurm with deploy/slurm/slurm-local.sh)", why)
	}
	t.Skipf("%s: start a local one with 'sudo deploy/slurm/slurm-local.sh start' to run this test", why)
}

// A real Slurm array of 4 tasks, submitted with the project's scripts
// (deploy/slurm/submit.sh: shard tasks, then the merge job), gives byte for
// byte the outputs of one process.
func TestSlurmArrayMergesToTheSingleProcessOutputs(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("short, or under the race detector (the plain test run covers it)")
	}
	requireSlurm(t)
	tmp := t.TempDir()
	job := []string{"run", "pcn-typical", "--runs", "8", "--seed", "11",
		"--set", "simulation.years=1", "--set", "pcns.registered=6000", "--set", "pcns.registered_min=1000"}

	single := filepath.Join(tmp, "single")
	spsim(t, append(job, "--out", single, "--quiet")...).want(t, exitOK, nil, nil)

	merged := filepath.Join(tmp, "merged")
	submit, err := filepath.Abs("../../deploy/slurm/submit.sh")
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(submit, append([]string{"--wait", "300", "4", merged}, job...)...)
	cmd.Dir = tmp
	// The tasks run this test binary as spsim (they inherit the environment).
	cmd.Env = append(os.Environ(), "SPSIM="+os.Args[0], "SPSIM_TEST_MAIN=1")
	t0 := time.Now()
	out, err := cmd.CombinedOutput()
	t.Logf("submit.sh (4 shards + merge) took %.1f s:\n%s", time.Since(t0).Seconds(), out)
	if err != nil {
		t.Fatalf("submit.sh failed: %v", err)
	}
	for i := range 4 {
		if _, err := os.Stat(filepath.Join(merged+".parts", strconv.Itoa(i), "part.spsim")); err != nil {
			t.Errorf("shard %d: %v", i, err)
		}
	}
	sameOutputs(t, single, merged)
}
