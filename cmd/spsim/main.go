// Command spsim simulates NHS social prescribing: GP practices refer patients
// to link workers, who connect them with community services. Every run
// simulates a scenario and its counterfactual on the same population with
// common random numbers.
//
// Run "spsim help" for the commands, or see README.md.
package main

//go:generate go run . params -o ../../docs/parameters.md
//go:generate go run . params --outputs -o ../../docs/outputs.md

import (
	"context"
	"io"
	"os"
)

// Exit codes.
const (
	exitOK          = 0
	exitFailure     = 1   // runtime failure
	exitUsage       = 2   // bad usage or bad input
	exitInterrupted = 130 // stopped by SIGINT or SIGTERM
)

func main() {
	os.Exit(cli(os.Args[1:], os.Stdout, os.Stderr))
}

// cli runs spsim with the arguments args (without the program name) and
// returns the exit code.
func cli(args []string, stdout, stderr io.Writer) int {
	return cliContext(context.Background(), args, stdout, stderr)
}

// cliContext is cli with a parent context: cancelling it stops a run as an
// interrupt would.
func cliContext(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		printMainUsage(stderr)
		return exitUsage
	}
	name := args[0]
	switch name {
	case "-h", "-help", "--help":
		printMainUsage(stdout)
		return exitOK
	}
	cmd := lookup(name)
	if cmd == nil {
		errorf(stderr, "unknown command %q%s\nRun 'spsim help' for the list of commands.", name, suggest(name))
		return exitUsage
	}
	e := &env{ctx: ctx, stdout: stdout, stderr: stderr, args: args}
	return cmd.run(e, cmd, args[1:])
}
