package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"spsim/scenarios"
)

// env is what a command runs with.
type env struct {
	ctx            context.Context
	stdout, stderr io.Writer
	args           []string // the full command line after the program name
	// memAvailable, if set, replaces the system's memory available (memory.go).
	memAvailable func() (float64, bool)
}

// command is one subcommand of spsim.
type command struct {
	name    string
	summary string // one line, for the command list
	usage   string // synopsis, e.g. "spsim run [flags] [SCENARIO]"
	help    string // what it does, with examples; the flag list is appended
	// flags returns the command's flag set, for parsing and for the help text;
	// pass nil values to get a set for the help text only.
	flags func() *flag.FlagSet
	run   func(e *env, c *command, args []string) int
}

// commands in the order "spsim help" lists them.
var commands []*command

func init() {
	commands = []*command{runCmd, compareCmd, powerCmd, mergeCmd, reportCmd, validateCmd, scenariosCmd, showCmd, paramsCmd, versionCmd, helpCmd}
}

func lookup(name string) *command {
	for _, c := range commands {
		if c.name == name {
			return c
		}
	}
	return nil
}

const mainHelp = `spsim simulates NHS social prescribing: GP practices identify people with
social needs and refer them to link workers, who connect them with community
services. Every run simulates a scenario and its counterfactual (no social
prescribing, or the scenario's comparator) on the same population with common
random numbers, so the differences between them are the effect of the scenario.

Usage:
  spsim <command> [flags] [arguments]

Commands:
%s
Examples:
  spsim run                               run the default scenario (pcn-typical)
  spsim run england                       the national scenario (slower)
  spsim run pcn-typical --set link_workers.fte_multiplier=0.5 --out out/half-fte
  spsim show pcn-typical > my.toml        copy a scenario to edit, then
  spsim run my.toml

Run 'spsim help <command>' (or 'spsim <command> -h') for a command's flags.
`

func printMainUsage(w io.Writer) {
	var b bytes.Buffer
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	for _, c := range commands {
		fmt.Fprintf(tw, "  %s\t%s\n", c.name, c.summary)
	}
	tw.Flush()
	fmt.Fprintf(w, mainHelp, b.String())
}

// printHelp prints a command's full help: synopsis, text and flags.
func printHelp(w io.Writer, c *command) {
	fmt.Fprintf(w, "Usage: %s\n\n%s", c.usage, c.help)
	if c.flags == nil {
		return
	}
	fs := c.flags()
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	if n == 0 {
		return
	}
	fmt.Fprintf(w, "\nFlags:\n")
	printFlags(w, fs)
}

// printFlags lists a flag set's flags GNU-style (--name), as they are usually
// typed; Go's flag package accepts both -name and --name.
func printFlags(w io.Writer, fs *flag.FlagSet) {
	fs.VisitAll(func(f *flag.Flag) {
		arg, usage := flag.UnquoteUsage(f)
		if _, isBool := f.Value.(interface{ IsBoolFlag() bool }); isBool {
			arg = ""
		}
		line := "  --" + f.Name
		if arg != "" {
			line += " " + arg
		}
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" && !strings.Contains(usage, "(default") {
			usage += fmt.Sprintf(" (default %s)", f.DefValue)
		}
		fmt.Fprintf(w, "%s\n      %s\n", line, strings.ReplaceAll(usage, "\n", "\n      "))
	})
}

var helpCmd = &command{
	name:    "help",
	summary: "show help for spsim or for one command",
	usage:   "spsim help [COMMAND]",
	help: `Shows the list of commands, or the help of COMMAND (the same as
'spsim COMMAND -h').

Example:
  spsim help run
`,
	flags: noFlags("help"),
	run: func(e *env, c *command, args []string) int {
		args, code, done := parseArgs(e, c, c.flags(), args)
		if done {
			return code
		}
		switch len(args) {
		case 0:
			printMainUsage(e.stdout)
			return exitOK
		case 1:
			c := lookup(args[0])
			if c == nil {
				errorf(e.stderr, "help: unknown command %q%s\nRun 'spsim help' for the list of commands.", args[0], suggest(args[0]))
				return exitUsage
			}
			printHelp(e.stdout, c)
			return exitOK
		}
		errorf(e.stderr, "help: too many arguments\nUsage: %s", "spsim help [COMMAND]")
		return exitUsage
	},
}

// parseArgs parses args with c's flag set fs, allowing flags before, between
// and after positional arguments ("spsim run pcn-typical --runs 10"); an
// argument "--" ends the flags. It returns the positional arguments, or an
// exit code (done = true) after printing help (-h) or a usage error.
func parseArgs(e *env, c *command, fs *flag.FlagSet, args []string) (pos []string, code int, done bool) {
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	for {
		err := fs.Parse(args)
		if errors.Is(err, flag.ErrHelp) {
			printHelp(e.stdout, c)
			return nil, exitOK, true
		}
		if err != nil {
			usageError(e, c, "%v", err)
			return nil, exitUsage, true
		}
		rest := fs.Args()
		if consumed := len(args) - len(rest); consumed > 0 && args[consumed-1] == "--" {
			return append(pos, rest...), 0, false
		}
		if len(rest) == 0 {
			return pos, 0, false
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// usageError prints a usage error for command c to stderr.
func usageError(e *env, c *command, format string, a ...any) {
	errorf(e.stderr, "%s: %s\nUsage: %s\nRun 'spsim help %s' for more.", c.name, fmt.Sprintf(format, a...), c.usage, c.name)
}

// errorf prints "spsim: message" to w.
func errorf(w io.Writer, format string, a ...any) {
	msg := fmt.Sprintf(format, a...)
	fmt.Fprintf(w, "spsim: %s\n", strings.TrimRight(msg, "\n"))
}

// suggest returns ` (did you mean "x"?)` for the command closest to name, or "".
func suggest(name string) string {
	names := make([]string, len(commands))
	for i, c := range commands {
		names[i] = c.name
	}
	if best := scenarios.Suggest(name, names); best != "" {
		return fmt.Sprintf(" (did you mean %q?)", best)
	}
	return ""
}

// stringList is a repeatable string flag.
type stringList []string

func (s *stringList) String() string {
	if s == nil {
		return ""
	}
	return strings.Join(*s, " ")
}

func (s *stringList) Set(v string) error {
	*s = append(*s, v)
	return nil
}

// noFlags is the flag set of a command without flags (it still accepts -h).
func noFlags(name string) func() *flag.FlagSet {
	return func() *flag.FlagSet { return flag.NewFlagSet(name, flag.ContinueOnError) }
}
