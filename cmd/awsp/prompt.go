package main

import (
	"fmt"

	"github.com/awsp-dev/awsp/internal/prompt"
)

// prompt prints the segment for the active profile. The shell integration
// runs awsp-prompt, which does the same in a smaller binary; this is the
// command for other prompts (starship, tmux) and for scripts.
func (a *app) prompt() error {
	dialect, err := prompt.ParseDialect(a.opts.shell)
	if err != nil {
		return failf(exitUsage, "%v", err)
	}
	if a.opts.watch != "" {
		prompt.WriteWatched(a.stdout, a.env, a.cache, a.opts.format, dialect, a.budget, a.now(), a.opts.watch)
		return nil
	}
	if seg := prompt.Segment(a.env, a.cache, a.opts.format, dialect, a.budget, a.now()); seg != "" {
		fmt.Fprintln(a.stdout, seg)
	}
	return nil
}
