package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// k8sJob is the part of a Kubernetes batch/v1 Job the tests check.
type k8sJob struct {
	APIVersion string `yaml:"apiVersion"`
	Kind       string `yaml:"kind"`
	Metadata   struct {
		Name string `yaml:"name"`
	} `yaml:"metadata"`
	Spec struct {
		CompletionMode string `yaml:"completionMode"`
		Completions    int    `yaml:"completions"`
		Parallelism    int    `yaml:"parallelism"`
		Template       struct {
			Spec struct {
				RestartPolicy string `yaml:"restartPolicy"`
				Containers    []struct {
					Command []string `yaml:"command"`
					Env     []struct {
						Name      string `yaml:"name"`
						ValueFrom struct {
							FieldRef struct {
								FieldPath string `yaml:"fieldPath"`
							} `yaml:"fieldRef"`
							ResourceFieldRef struct {
								Resource string `yaml:"resource"`
							} `yaml:"resourceFieldRef"`
						} `yaml:"valueFrom"`
					} `yaml:"env"`
					VolumeMounts []struct {
						Name      string `yaml:"name"`
						MountPath string `yaml:"mountPath"`
					} `yaml:"volumeMounts"`
				} `yaml:"containers"`
				Volumes []struct {
					Name string `yaml:"name"`
					PVC  struct {
						ClaimName string `yaml:"claimName"`
					} `yaml:"persistentVolumeClaim"`
				} `yaml:"volumes"`
			} `yaml:"spec"`
		} `yaml:"template"`
	} `yaml:"spec"`
}

func readJob(t *testing.T, path string) k8sJob {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var j k8sJob
	dec := yaml.NewDecoder(bytes.NewReader(b))
	if err := dec.Decode(&j); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if j.APIVersion != "batch/v1" || j.Kind != "Job" {
		t.Fatalf("%s: %s %s, want a batch/v1 Job", path, j.APIVersion, j.Kind)
	}
	if n := len(j.Spec.Template.Spec.Containers); n != 1 {
		t.Fatalf("%s: %d containers, want 1", path, n)
	}
	return j
}

// parseSpsim checks that command is a valid spsim command line and returns
// its command's name, its positional arguments and its flag values.
func parseSpsim(t *testing.T, command []string) (string, []string, map[string]string) {
	t.Helper()
	if len(command) < 2 || command[0] != "spsim" {
		t.Fatalf("command %q does not run spsim", command)
	}
	c := lookup(command[1])
	if c == nil {
		t.Fatalf("command %q: no spsim command %q", command, command[1])
	}
	fs := c.flags()
	var errb bytes.Buffer
	pos, code, done := parseArgs(&env{stderr: &errb}, c, fs, command[2:])
	if done {
		t.Fatalf("command %q does not parse (exit %d): %s", command, code, errb.String())
	}
	flags := map[string]string{}
	fs.Visit(func(f *flag.Flag) { flags[f.Name] = f.Value.String() })
	return c.name, pos, flags
}

// The Indexed Job shards the work as the Job runs it: completion mode
// Indexed, as many completions as shards, all in parallel, a valid spsim
// command whose --shards matches and whose output differs per index, and
// the merge Job merging exactly those outputs from the same volume.
func TestK8sIndexedJob(t *testing.T) {
	j := readJob(t, "../../deploy/k8s/shards-job.yaml")
	s := j.Spec
	if s.CompletionMode != "Indexed" {
		t.Errorf("completionMode %q, want Indexed", s.CompletionMode)
	}
	if s.Completions < 2 || s.Parallelism != s.Completions {
		t.Errorf("completions %d and parallelism %d: want the same, at least 2", s.Completions, s.Parallelism)
	}
	ctr := s.Template.Spec.Containers[0]
	name, pos, flags := parseSpsim(t, ctr.Command)
	if !slices.Contains([]string{"run", "compare", "power"}, name) || len(pos) != 1 {
		t.Errorf("command %q: want run, compare or power of one scenario", ctr.Command)
	}
	if flags["shards"] != strconv.Itoa(s.Completions) {
		t.Errorf("--shards %q, want %d (the completions)", flags["shards"], s.Completions)
	}
	if _, ok := flags["resume"]; !ok {
		t.Error("no --resume: a restarted pod would refuse to start over its saved runs")
	}
	out := flags["out"]
	if !strings.Contains(out, "$(JOB_COMPLETION_INDEX)") {
		t.Errorf("--out %q does not differ per index", out)
	}
	envs := map[string]string{}
	for _, e := range ctr.Env {
		envs[e.Name] = e.ValueFrom.FieldRef.FieldPath + e.ValueFrom.ResourceFieldRef.Resource
	}
	if envs["JOB_COMPLETION_INDEX"] != "metadata.annotations['batch.kubernetes.io/job-completion-index']" {
		t.Errorf("JOB_COMPLETION_INDEX is not declared from the completion-index annotation ($(JOB_COMPLETION_INDEX) would not expand): %q", envs["JOB_COMPLETION_INDEX"])
	}
	if envs["GOMAXPROCS"] != "limits.cpu" {
		t.Errorf("GOMAXPROCS from %q, want limits.cpu", envs["GOMAXPROCS"])
	}
	// Each index is its own shard, and together they are all of them.
	o := jobOptions{shards: s.Completions}
	var outs []string
	for k := range s.Completions {
		sh, err := o.shardOf(func(v string) string {
			if v == "JOB_COMPLETION_INDEX" {
				return strconv.Itoa(k)
			}
			return ""
		})
		if err != nil || sh.index != k || sh.count != s.Completions {
			t.Errorf("index %d: shard %d/%d, error %v", k, sh.index, sh.count, err)
		}
		outs = append(outs, strings.ReplaceAll(out, "$(JOB_COMPLETION_INDEX)", strconv.Itoa(k)))
	}

	m := readJob(t, "../../deploy/k8s/merge-job.yaml")
	mc := m.Spec.Template.Spec.Containers[0]
	name, pos, _ = parseSpsim(t, mc.Command)
	if name != "merge" || !slices.Equal(pos, outs) {
		t.Errorf("merge command %q: want spsim merge of %q", mc.Command, outs)
	}
	claim := func(j k8sJob) string {
		return fmt.Sprint(j.Spec.Template.Spec.Volumes, j.Spec.Template.Spec.Containers[0].VolumeMounts)
	}
	if claim(j) != claim(m) {
		t.Errorf("the shards and the merge mount different volumes: %s and %s", claim(j), claim(m))
	}
}
