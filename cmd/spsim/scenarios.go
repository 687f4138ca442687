package main

import (
	"fmt"
	"text/tabwriter"

	"spsim/scenarios"
)

var scenariosCmd = &command{
	name:    "scenarios",
	summary: "list the scenarios and comparisons built into spsim",
	usage:   "spsim scenarios",
	help: `Lists every scenario embedded in spsim, one per line with its description,
then the embedded comparisons of funding options. Run a scenario by name
('spsim run NAME'), a comparison with 'spsim compare NAME', or print either's
TOML to copy and edit ('spsim show NAME').

Example:
  spsim scenarios
`,
	flags: noFlags("scenarios"),
	run: func(e *env, c *command, args []string) int {
		pos, code, done := parseArgs(e, c, c.flags(), args)
		if done {
			return code
		}
		if len(pos) > 0 {
			usageError(e, c, "no arguments expected (got %q)", pos[0])
			return exitUsage
		}
		tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
		for _, s := range scenarios.Embedded() {
			def := ""
			if s.Name == scenarios.DefaultName {
				def = " (default)"
			}
			fmt.Fprintf(tw, "%s\t%s%s\n", s.Name, s.Description, def)
		}
		tw.Flush()
		fmt.Fprintln(e.stdout, "\nComparisons (spsim compare NAME):")
		tw = tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
		for _, s := range scenarios.EmbeddedComparisons() {
			def := ""
			if s.Name == defaultComparison {
				def = " (default)"
			}
			fmt.Fprintf(tw, "%s\t%s%s\n", s.Name, s.Description, def)
		}
		tw.Flush()
		fmt.Fprintln(e.stdout, "\nStudies (spsim power NAME):")
		tw = tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
		for _, s := range scenarios.EmbeddedStudies() {
			def := ""
			if s.Name == defaultStudy {
				def = " (default)"
			}
			fmt.Fprintf(tw, "%s\t%s%s\n", s.Name, s.Description, def)
		}
		tw.Flush()
		return exitOK
	},
}
