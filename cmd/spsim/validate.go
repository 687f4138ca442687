package main

import (
	"flag"
	"fmt"

	"spsim/scenarios"
)

type validateOptions struct {
	sets stringList
}

func validateFlags(o *validateOptions) *flag.FlagSet {
	fs := flag.NewFlagSet("validate", flag.ContinueOnError)
	fs.Var(&o.sets, "set", "override a parameter in every SCENARIO: `key=value`, the value in TOML (repeatable)")
	return fs
}

var validateCmd = &command{
	name:    "validate",
	summary: "check scenario files without running them",
	usage:   "spsim validate [flags] SCENARIO...",
	help: `Loads and checks each SCENARIO (a TOML file, or an embedded scenario's name)
as 'spsim run' would, without simulating: unknown keys, wrong types, values
out of range, bad distributions, a bad practices CSV. Prints one line per
scenario:

  OK  name (source): N PCNs, <SHA-256 of the resolved scenario>

or the problem, with the file, line and key. The exit code is 2 if any
scenario failed.

Examples:
  spsim validate my-scenario.toml
  spsim validate scenarios/*.toml --set simulation.runs=10
`,
	flags: func() *flag.FlagSet { return validateFlags(new(validateOptions)) },
	run: func(e *env, c *command, args []string) int {
		var o validateOptions
		pos, code, done := parseArgs(e, c, validateFlags(&o), args)
		if done {
			return code
		}
		if len(pos) == 0 {
			usageError(e, c, "no SCENARIO given")
			return exitUsage
		}
		code = exitOK
		for _, name := range pos {
			s, err := scenarios.Load(name, o.sets)
			if err != nil {
				fmt.Fprintf(e.stdout, "FAIL %s\n", name)
				errorf(e.stderr, "%v", err)
				code = exitUsage
				continue
			}
			n := len(s.PCNs())
			fmt.Fprintf(e.stdout, "OK  %s (%s): %d %s, %s\n", s.Name, s.Source, n, plural(n, "PCN", "PCNs"), s.Hash())
		}
		return code
	},
}
