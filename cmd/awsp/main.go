// Command awsp switches AWS profiles in the shell and explains them: which
// identity the next aws, terraform or kubectl call uses, through which chain
// of roles, and for how long.
package main

import (
	"io"
	"os"
	"runtime/debug"

	"github.com/awsp-dev/awsp/internal/profiles"
)

func main() {
	// awsp lives for milliseconds: collecting garbage would only cost time.
	// The limit still bounds the heap of --list on a huge config.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(-1)
		debug.SetMemoryLimit(24 << 20)
	}
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr, profiles.EnvironFrom(os.Environ())))
}

// Exit codes, documented in the README.
const (
	exitOK       = 0 // done; the lint found nothing
	exitFindings = 1 // the lint found something, or a profile was not found
	exitUsage    = 2 // bad arguments, or a file that cannot be read
)

// run is awsp as a function of its inputs, so that tests call it directly.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer, env profiles.Environ) int {
	opts, err := parseArgs(args)
	if err != nil {
		return fail(stderr, exitUsage, "%v (see awsp --help)", err)
	}
	a := &app{opts: opts, stdin: stdin, stdout: stdout, stderr: stderr, env: env, style: newStyle(stdout, env)}
	return a.dispatch()
}
