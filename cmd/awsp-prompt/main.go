// The Go runtime's start-up work that a process of a few milliseconds
// never needs: a goroutine that watches the CPU limit to update
// GOMAXPROCS, and a system call to name each memory mapping.

//go:debug updatemaxprocs=0
//go:debug decoratemappings=0

// Command awsp-prompt prints awsp's prompt segment, as `awsp --prompt`
// does, from a binary that links only what a prompt needs. The shell
// integration runs it whenever the profile changes or a minute passes, so
// its start is most of its cost: without the YAML parser, the terminal
// picker and the other commands of awsp, it starts about as fast as a Go
// hello world (BENCHMARKS.md).
//
//	awsp-prompt [--shell bash|zsh|fish|nu|plain] [--format FORMAT] [--watch PID]
//
// --watch is the shell integration's: after the segment, a stamp file and
// the files the segment was made from (internal/prompt/watch.go).
//
// Exit codes: 0, also when the files cannot be read (the segment is then
// the profile name alone); 2 for bad arguments.
package main

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"time"

	"github.com/awsp-dev/awsp/internal/environ"
	"github.com/awsp-dev/awsp/internal/filecache"
	"github.com/awsp-dev/awsp/internal/prompt"
	"github.com/awsp-dev/awsp/internal/settings"
)

// usage is awsp-prompt --help, its options from prompt.Flags.
func usage() string {
	var b strings.Builder
	fmt.Fprintf(&b, "awsp-prompt: the prompt segment of the active AWS profile\n\nUsage: awsp-prompt %s\n\n", prompt.FlagUsage())
	for _, f := range prompt.Flags {
		if f.Help != "" {
			fmt.Fprintf(&b, "  %-12s %s\n", f.Name+" "+f.Value, f.Help)
		}
	}
	b.WriteString("\nThe same as awsp --prompt.\n")
	return b.String()
}

func main() {
	runtime.MemProfileRate = 0 // nobody profiles a run this short
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr, environ.From(os.Environ()), time.Now()))
}

// run is awsp-prompt as a function of its inputs (the environment and
// the clock included), for tests.
func run(args []string, stdout, stderr io.Writer, env environ.Environ, now time.Time) int {
	var o prompt.Options
	for i := 0; i < len(args); i++ {
		switch arg := args[i]; arg {
		case "-h", "--help":
			io.WriteString(stdout, usage())
			return 0
		case "--version":
			fmt.Fprintf(stdout, "awsp-prompt %s\n", settings.Current())
			return 0
		default:
			f, ok := prompt.LookupFlag(arg)
			if !ok {
				return fail(stderr, "unknown argument %q", arg)
			}
			if i+1 == len(args) {
				return fail(stderr, "%s needs a value", arg)
			}
			i++
			if err := f.Set(&o, args[i]); err != nil {
				return fail(stderr, "%v", err)
			}
		}
	}
	if o.Dialect == "" {
		o.Dialect = prompt.Plain
	}
	if o.Watch != "" {
		prompt.WriteWatched(stdout, env, filecache.New(env), o.Format, o.Dialect, prompt.Budget, now, o.Watch)
		return 0
	}
	if seg := prompt.Segment(env, filecache.New(env), o.Format, o.Dialect, prompt.Budget, now); seg != "" {
		io.WriteString(stdout, seg+"\n")
	}
	return 0
}

// fail prints one line and returns the usage exit code.
func fail(w io.Writer, format string, args ...any) int {
	fmt.Fprintf(w, "awsp: "+format+" (see awsp-prompt --help)\n", args...)
	return 2
}
