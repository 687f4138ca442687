package main

import (
	"flag"
	"io"

	"spsim/output"
	"spsim/scenarios"
)

type paramsOptions struct {
	outputs bool
	file    string
}

func paramsFlags(o *paramsOptions) *flag.FlagSet {
	fs := flag.NewFlagSet("params", flag.ContinueOnError)
	fs.BoolVar(&o.outputs, "outputs", false, "print the output dictionary (files, columns, metrics) instead")
	fs.StringVar(&o.file, "o", "", "write to `FILE` instead of stdout")
	return fs
}

var paramsCmd = &command{
	name:    "params",
	summary: "print the parameter dictionary (or, with --outputs, the output dictionary)",
	usage:   "spsim params [--outputs] [-o FILE]",
	help: `Prints, as Markdown, every scenario parameter: its dotted key, type, unit,
default, allowed range, source and meaning. With --outputs, prints every
output file, column, metric and weekly series instead.

Both are generated from the code, so they cannot drift from it; the copies in
docs/parameters.md and docs/outputs.md are regenerated with 'go generate
./cmd/spsim'.

Examples:
  spsim params | less
  spsim params --outputs -o outputs.md
`,
	flags: func() *flag.FlagSet { return paramsFlags(new(paramsOptions)) },
	run: func(e *env, c *command, args []string) int {
		var o paramsOptions
		pos, code, done := parseArgs(e, c, paramsFlags(&o), args)
		if done {
			return code
		}
		if len(pos) > 0 {
			usageError(e, c, "no arguments expected (got %q)", pos[0])
			return exitUsage
		}
		text := scenarios.DictionaryMarkdown()
		if o.outputs {
			text = output.OutputsMarkdown()
		}
		if o.file != "" {
			if err := output.WriteFileAtomic(o.file, []byte(text)); err != nil {
				errorf(e.stderr, "%v", err)
				return exitFailure
			}
			return exitOK
		}
		io.WriteString(e.stdout, text)
		return exitOK
	},
}
