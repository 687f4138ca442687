package main

import (
	"flag"
	"slices"
	"strings"

	"spsim/scenarios"
)

type showOptions struct {
	resolved bool
	sets     stringList
}

func showFlags(o *showOptions) *flag.FlagSet {
	fs := flag.NewFlagSet("show", flag.ContinueOnError)
	fs.BoolVar(&o.resolved, "resolved", false, "print the scenario as resolved: every parameter with its value, after --set (NAME may also be a file)")
	fs.Var(&o.sets, "set", "with --resolved, override a parameter: `key=value`, the value in TOML (repeatable)")
	return fs
}

var showCmd = &command{
	name:    "show",
	summary: "print an embedded scenario's or comparison's TOML, to copy and edit",
	usage:   "spsim show [flags] NAME",
	help: `Prints the TOML of the embedded scenario, comparison or study NAME (see
'spsim scenarios'). Save it, edit it and run the file:

  spsim show pcn-typical > my.toml
  spsim run my.toml

Keys the file does not give take their defaults ('spsim params' lists every
key). With --resolved, prints every parameter with the value a run would use,
after any --set: the same file as scenario.toml in a run's outputs.

Examples:
  spsim show england
  spsim show study-stepped-wedge > my-study.toml
  spsim show --resolved pcn-rural --set link_workers.fte_multiplier=2
`,
	flags: func() *flag.FlagSet { return showFlags(new(showOptions)) },
	run: func(e *env, c *command, args []string) int {
		var o showOptions
		pos, code, done := parseArgs(e, c, showFlags(&o), args)
		if done {
			return code
		}
		if len(pos) != 1 {
			usageError(e, c, "expected one NAME (one of: %s)", embeddedNames())
			return exitUsage
		}
		if o.resolved {
			s, err := scenarios.Load(pos[0], o.sets)
			if err != nil {
				errorf(e.stderr, "%v", err)
				return exitUsage
			}
			e.stdout.Write(s.ResolvedTOML())
			return exitOK
		}
		if len(o.sets) > 0 {
			usageError(e, c, "--set needs --resolved")
			return exitUsage
		}
		name := strings.TrimPrefix(pos[0], "embedded:")
		src, err := scenarios.Source(name)
		if err != nil {
			// Comparisons ('spsim compare') are shown the same way.
			if csrc, cerr := scenarios.ComparisonSource(name); cerr == nil {
				src, err = csrc, nil
			} else if ssrc, serr := scenarios.StudySource(name); serr == nil {
				src, err = ssrc, nil
			}
		}
		if err != nil {
			errorf(e.stderr, "show: no embedded scenario, comparison or study %q (embedded: %s)", pos[0], embeddedNames())
			return exitUsage
		}
		e.stdout.Write(src)
		return exitOK
	},
}

func embeddedNames() string {
	var names []string
	for _, s := range slices.Concat(scenarios.Embedded(), scenarios.EmbeddedComparisons(), scenarios.EmbeddedStudies()) {
		names = append(names, s.Name)
	}
	return strings.Join(names, ", ")
}
