// The Go runtime's start-up work that a process of a few milliseconds
// never needs: a goroutine that watches the CPU limit to update
// GOMAXPROCS, and a system call to name each memory mapping.

//go:debug updatemaxprocs=0
//go:debug decoratemappings=0

// Command awsp switches AWS profiles in the shell and explains them: which
// identity the next aws, terraform or kubectl call uses, through which chain
// of roles, and for how long.
package main

import (
	"bufio"
	"fmt"
	"io"
	"maps"
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"time"

	"github.com/awsp-dev/awsp/internal/cli"
	"github.com/awsp-dev/awsp/internal/environ"
	"github.com/awsp-dev/awsp/internal/filecache"
	"github.com/awsp-dev/awsp/internal/kube"
	"github.com/awsp-dev/awsp/internal/prompt"
	"github.com/awsp-dev/awsp/internal/termtext"
	"github.com/awsp-dev/awsp/internal/view"
)

func main() {
	// awsp lives for milliseconds: a prompt or a completion never reaches
	// the first collection at this setting, and the limit bounds --list on
	// a huge config (BENCHMARKS.md has the figures that chose them).
	runtime.MemProfileRate = 0 // nobody profiles a run this short
	if os.Getenv("GOGC") == "" && os.Getenv("GOMEMLIMIT") == "" {
		debug.SetGCPercent(400)
		debug.SetMemoryLimit(memoryLimit)
	}
	cwd, _ := os.Getwd() // "" when it is gone: the commands that need it say so
	w := world{env: environ.From(os.Environ()), cwd: cwd, now: time.Now, budget: prompt.Budget,
		openTTY: func() (*os.File, error) { return os.OpenFile("/dev/tty", os.O_RDWR, 0) }}
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr, w))
}

// memoryLimit is the soft memory limit of a run (main, loadKube).
const memoryLimit = 32 << 20

// loadKube reads the kubeconfigs with the memory limit lifted: a YAML
// tree takes up to about seventy times its file's size, more than the
// limit for a large file, where the collector would run without pause.
// Only main's policy sets a limit; kube.Load leaves the runtime alone.
func loadKube(env environ.Environ) *kube.Config {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
	return kube.Load(env)
}

// A world is what one run of awsp reads besides its arguments and the
// files: the environment (awsp's own paths come from it too), the working
// directory, the clock, the terminal, and how long a prompt may wait.
// main passes the process's; tests pass their own, and share nothing.
type world struct {
	env     environ.Environ
	cwd     string
	now     func() time.Time
	openTTY func() (*os.File, error)
	budget  time.Duration
}

// run is awsp as a function of its inputs, so that tests call it directly.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer, w world) int {
	env := maps.Clone(w.env) // a run may change its copy (auto.go's restore)
	opts, err := cli.Parse(args)
	if err != nil {
		return exit(stderr, failf(cli.ExitUsage, "%v (see awsp --help)", err))
	}
	// One write at the end, not one a line: completion prints a line per
	// profile, and a write costs a system call.
	out := bufio.NewWriterSize(stdout, 4<<10)
	defer out.Flush()
	a := &app{opts: opts, cache: filecache.New(env), stdin: stdin, stdout: out, terminal: stdout, stderr: stderr, env: env, outStyle: view.NewStyle(stdout, env), errStyle: view.NewStyle(stderr, env),
		cwd: w.cwd, now: w.now, openTTY: w.openTTY, budget: w.budget}
	err = commands[opts.Action](a)
	out.Flush() // what the command printed comes before what it says went wrong
	return exit(stderr, err)
}

// exitError is how a command fails: the one line said for it ("" when the
// command already showed what it found, as the lint does) and the exit
// code. Commands return it; run alone prints it, so that a failure is
// said once however deep it happened.
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }

// failf is a failure with its line.
func failf(code int, format string, args ...any) error {
	return &exitError{code, fmt.Sprintf(format, args...)}
}

// quiet is a failure that has nothing more to say: the exit code alone.
func quiet(code int) error { return &exitError{code: code} }

// exit says err in one "awsp: ..." line, cleaned (its words are paths,
// names and errors that may hold anything), and returns its exit code.
func exit(stderr io.Writer, err error) int {
	if err == nil {
		return cli.ExitOK
	}
	e, ok := err.(*exitError)
	if !ok {
		e = &exitError{cli.ExitUsage, err.Error()}
	}
	if e.msg != "" {
		fmt.Fprintf(stderr, "awsp: %s\n", termtext.Clean(e.msg))
	}
	return e.code
}
