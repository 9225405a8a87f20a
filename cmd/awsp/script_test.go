package main

import (
	"errors"
	"os"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/awsp-dev/awsp/internal/environ"
	"github.com/awsp-dev/awsp/internal/prompt"
	"github.com/awsp-dev/awsp/internal/sample"
)

// TestMain lets the scripts of testdata/script run awsp in-process, as the
// GitHub CLI's acceptance tests do.
func TestMain(m *testing.M) {
	os.Exit(testscript.RunMain(m, map[string]func() int{"awsp": scriptAwsp}))
}

// scriptAwsp is awsp in a script: the script's environment and directory,
// the clock at fixedNow, no terminal.
func scriptAwsp() int {
	cwd, _ := os.Getwd()
	w := world{env: environ.From(os.Environ()), cwd: cwd, now: func() time.Time { return fixedNow }, budget: prompt.Budget,
		openTTY: func() (*os.File, error) { return nil, errors.New("no terminal in tests") }}
	return run(speaking(os.Args[1:]), os.Stdin, os.Stdout, os.Stderr, w)
}

// TestScripts runs the scenarios of testdata/script: each a home of AWS
// files, commands, and the output they must give, to read like the README.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:           "testdata/script",
		UpdateScripts: *update, // go test -run TestScripts -update rewrites the expected output
		Setup: func(e *testscript.Env) error {
			e.Setenv("HOME", e.WorkDir)
			e.Setenv("NO_COLOR", "1")
			e.Setenv("AWSP_CACHE_DIR", e.WorkDir+"/.cache/awsp")
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			// sample writes the sample setup (the demo's) into HOME as
			// of fixedNow, so that a scenario may start from it.
			"sample": func(ts *testscript.TestScript, neg bool, args []string) {
				if neg || len(args) != 0 {
					ts.Fatalf("usage: sample")
				}
				ts.Check(sample.Write(ts.Getenv("HOME"), sample.Files(fixedNow)))
			},
		},
	})
}
