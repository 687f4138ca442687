package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"testing/fstest"
)

// spsimWithMemory runs spsim in-process as if avail bytes of memory were
// available (a negative avail: the memory available cannot be read).
func spsimWithMemory(avail float64, args ...string) result {
	var stdout, stderr bytes.Buffer
	e := &env{ctx: context.Background(), stdout: &stdout, stderr: &stderr, args: args,
		memAvailable: func() (float64, bool) { return avail, avail >= 0 }}
	c := lookup(args[0])
	code := c.run(e, c, args[1:])
	return result{code, stdout.String(), stderr.String()}
}

// run, compare and power refuse, before they start and with the estimate,
// what would not fit in the memory available; --no-memory-check runs it
// anyway, and so does a machine whose memory cannot be read.
func TestMemoryCheck(t *testing.T) {
	tiny := []string{"--set", "simulation.years=0.25", "--set", "simulation.burn_in_weeks=0", "--set", "pcns.count=1",
		"--set", "pcns.registered=2000", "--set", "pcns.registered_min=1000"}
	cases := []struct {
		name string
		args []string
	}{
		{"run", append([]string{"run", "pcn-typical", "--runs", "2"}, tiny...)},
		{"compare", append([]string{"compare", "funding-options", "--runs", "1"}, tiny...)},
		{"power", []string{"power", "study-rct", "--studies", "20"}},
		{"power abm", []string{"power", "study-before-after-abm", "--studies", "20", "--set", "study.world_runs=1"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			args := slices.Concat(c.args, []string{"--out", out, "--quiet", "--workers", "2"})
			r := spsimWithMemory(1<<20, args...)
			r.want(t, exitUsage, nil, []string{"needs about", "of memory to run, but 1.0 MiB is available:", "16 MiB  the program",
				"or use --no-memory-check to run anyway."})
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Errorf("refused, but left %s (%v)", out, err)
			}
			if c.name == "power abm" {
				return // simulating the world takes a while; run and compare show the override
			}
			spsimWithMemory(1<<20, slices.Concat(args, []string{"--no-memory-check"})...).want(t, exitOK, nil, nil)
			spsimWithMemory(-1, slices.Concat(args, []string{"--force"})...).want(t, exitOK, nil, nil)
			// --force replaces the output directory; it does not skip the check.
			spsimWithMemory(1<<20, slices.Concat(args, []string{"--force"})...).want(t, exitUsage, nil, []string{"--no-memory-check"})
		})
	}
	// A run that fits starts.
	out := filepath.Join(t.TempDir(), "out")
	spsimWithMemory(64<<30, slices.Concat(cases[0].args, []string{"--out", out, "--quiet"})...).want(t, exitOK, nil, nil)
}

// The memory available is MemAvailable, or what a cgroup limit leaves if
// that is less.
func TestSystemMemory(t *testing.T) {
	meminfo := &fstest.MapFile{Data: []byte("MemTotal:       24684084 kB\nMemFree:         1000000 kB\nMemAvailable:   20000000 kB\n")}
	cases := []struct {
		name string
		fs   fstest.MapFS
		want float64
		ok   bool
	}{
		{"meminfo", fstest.MapFS{"proc/meminfo": meminfo}, 20000000 * 1024, true},
		{"cgroup v2 limit", fstest.MapFS{"proc/meminfo": meminfo,
			"sys/fs/cgroup/memory.max":     {Data: []byte("4294967296\n")},
			"sys/fs/cgroup/memory.current": {Data: []byte("1073741824\n")}}, 3 << 30, true},
		{"cgroup v2 without a limit", fstest.MapFS{"proc/meminfo": meminfo,
			"sys/fs/cgroup/memory.max":     {Data: []byte("max\n")},
			"sys/fs/cgroup/memory.current": {Data: []byte("1073741824\n")}}, 20000000 * 1024, true},
		{"cgroup v1 without a limit", fstest.MapFS{"proc/meminfo": meminfo,
			"sys/fs/cgroup/memory/memory.limit_in_bytes": {Data: []byte("9223372036854771712\n")},
			"sys/fs/cgroup/memory/memory.usage_in_bytes": {Data: []byte("1458151424\n")}}, 20000000 * 1024, true},
		{"cgroup v1 limit", fstest.MapFS{"proc/meminfo": meminfo,
			"sys/fs/cgroup/memory/memory.limit_in_bytes": {Data: []byte("2147483648\n")},
			"sys/fs/cgroup/memory/memory.usage_in_bytes": {Data: []byte("1073741824\n")}}, 1 << 30, true},
		{"nothing to read", fstest.MapFS{}, 0, false},
	}
	for _, c := range cases {
		got, ok := systemMemory(c.fs)
		if got != c.want || ok != c.ok {
			t.Errorf("%s: %g, %v; want %g, %v", c.name, got, ok, c.want, c.ok)
		}
	}
}

func TestFormatBytes(t *testing.T) {
	for b, want := range map[float64]string{0: "0 B", 512: "512 B", 1536: "1.5 KiB", 16 << 20: "16 MiB", 8.2 * (1 << 40): "8.2 TiB"} {
		if got := formatBytes(b); got != want {
			t.Errorf("formatBytes(%g) = %q, want %q", b, got, want)
		}
	}
}
