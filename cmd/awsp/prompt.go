package main

import (
	"fmt"

	"github.com/awsp-dev/awsp/internal/prompt"
)

// prompt prints the segment for the active profile. The shell integration
// runs awsp-prompt, which does the same in a smaller binary; this is the
// command for other prompts (starship, tmux) and for scripts.
func (a *app) prompt() error {
	o := a.opts.Prompt
	if o.Dialect == "" {
		o.Dialect = prompt.Plain
	}
	if o.Watch != "" {
		prompt.WriteWatched(a.stdout, a.env, a.cache, o.Format, o.Dialect, a.budget, a.now(), o.Watch)
		return nil
	}
	if seg := prompt.Segment(a.env, a.cache, o.Format, o.Dialect, a.budget, a.now()); seg != "" {
		fmt.Fprintln(a.stdout, seg)
	}
	return nil
}
