package main

import (
	"fmt"
	"runtime"

	"spsim/sim"
)

var versionCmd = &command{
	name:    "version",
	summary: "print the spsim version",
	usage:   "spsim version",
	help: `Prints the spsim version, the version of the output file formats and the Go
version it was built with. manifest.json records the same versions.
`,
	flags: noFlags("version"),
	run: func(e *env, c *command, args []string) int {
		pos, code, done := parseArgs(e, c, c.flags(), args)
		if done {
			return code
		}
		if len(pos) > 0 {
			usageError(e, c, "no arguments expected (got %q)", pos[0])
			return exitUsage
		}
		fmt.Fprintf(e.stdout, "spsim %s (output schema %d, %s %s/%s)\n", sim.Version, sim.SchemaVersion, runtime.Version(), runtime.GOOS, runtime.GOARCH)
		return exitOK
	},
}
