package main

import (
	"errors"

	"github.com/awsp-dev/awsp/internal/cli"
	"github.com/awsp-dev/awsp/internal/complete"
)

// complete answers the completion scripts (package complete).
func (a *app) complete() error {
	if len(a.opts.Names) == 0 {
		return failf(cli.ExitUsage, "--complete needs a kind")
	}
	err := complete.Answer(a.stdout, complete.Source{Load: a.load, Cache: a.cache, Flags: cli.CompletedFlags(), Words: cli.CompletedWords(), Path: a.env["PATH"]}, a.opts.Names[0], a.opts.Names[1:])
	if u := (complete.UsageError{}); errors.As(err, &u) {
		return failf(cli.ExitUsage, "%v", err)
	}
	return err
}
