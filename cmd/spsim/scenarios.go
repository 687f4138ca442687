package main

import (
	"fmt"
	"io"
	"text/tabwriter"

	"spsim/scenarios"
)

var scenariosCmd = &command{
	name:    "scenarios",
	summary: "list the scenarios, comparisons and studies built into spsim",
	usage:   "spsim scenarios",
	help: `Lists every scenario embedded in spsim, one per line with its description,
then the embedded comparisons of funding options and the embedded evaluation
studies. Run a scenario by name ('spsim run NAME'), a comparison with
'spsim compare NAME', a study with 'spsim power NAME', or print any of them as
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
		listInfos(e.stdout, scenarios.Embedded(), scenarios.DefaultName)
		fmt.Fprintln(e.stdout, "\nComparisons (spsim compare NAME):")
		listInfos(e.stdout, scenarios.EmbeddedComparisons(), defaultComparison)
		fmt.Fprintln(e.stdout, "\nStudies (spsim power NAME):")
		listInfos(e.stdout, scenarios.EmbeddedStudies(), defaultStudy)
		return exitOK
	},
}

// listInfos prints embedded files one a line, name and description in
// columns, marking the default.
func listInfos(w io.Writer, infos []scenarios.Info, def string) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, s := range infos {
		mark := ""
		if s.Name == def {
			mark = " (default)"
		}
		fmt.Fprintf(tw, "%s\t%s%s\n", s.Name, s.Description, mark)
	}
	tw.Flush()
}
