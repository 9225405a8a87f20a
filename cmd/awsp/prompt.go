package main

import (
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/awsp-dev/awsp/internal/profiles"
	"github.com/awsp-dev/awsp/internal/prompt"
)

// promptBudget is how long a prompt may wait for the files (a variable
// only so that a test can shrink it).
var promptBudget = 200 * time.Millisecond

// prompt prints the segment for the active profile. It runs inside every
// prompt that changed, so it never fails loudly: a file it cannot read
// leaves the segment with the profile name alone, and nothing on stderr.
func (a *app) prompt() int {
	name := a.activeProfile()
	if name == "" {
		return exitOK
	}
	dialect := prompt.Dialect(a.opts.shell)
	switch dialect {
	case "":
		dialect = prompt.Plain
	case prompt.Plain, prompt.Bash, prompt.Zsh, prompt.Fish:
	default:
		return fail(a.stderr, exitUsage, "--shell takes bash, zsh, fish or plain, not %q", a.opts.shell)
	}
	format := a.opts.format
	if format == "" {
		format = a.env["AWSP_PROMPT_FORMAT"]
	}
	if format == "" {
		format = prompt.DefaultFormat
	}
	d := a.promptData(name)
	seg := prompt.Render(format, d, now(), dialect, a.env["NO_COLOR"] == "")
	if seg != "" {
		fmt.Fprintln(a.stdout, seg)
	}
	return exitOK
}

func (a *app) promptData(name string) prompt.Data {
	d := prompt.Data{Profile: name, Warn: profiles.EnvironmentCredentials(a.env)}
	// The prompt waits for the files at most promptBudget (a huge config
	// being parsed, a stalled network home); past it the segment shows the
	// name alone rather than hold the shell.
	data, ok := a.cached("prompt", name, promptBudget, func() ([]byte, bool) {
		e, ok := a.promptEntry(name)
		data, _ := json.Marshal(e)
		return data, ok
	})
	var e promptEntry
	if !ok || json.Unmarshal(data, &e) != nil {
		return d // unreadable files: the name alone, and no error on every prompt
	}
	d.Chain, d.Broken, d.Warn = e.Chain, e.Broken, d.Warn || e.Warn
	d.Region = firstSet(a.env["AWS_REGION"], a.env["AWS_DEFAULT_REGION"], e.Region)
	if !e.Broken {
		s := e.Session.Read(a.env, profiles.PathsFrom(a.env).Home)
		d.Expiry, d.LoggedOut = s.At, s.LoggedOut
	}
	return d
}

// promptEntry reads the files and resolves name: the slow path.
func (a *app) promptEntry(name string) (promptEntry, bool) {
	c, err := profiles.Load(a.env)
	if err != nil {
		return promptEntry{}, false
	}
	p := c.Profiles[name]
	if p == nil {
		return promptEntry{Broken: true}, true
	}
	ch := c.Resolve(name)
	e := promptEntry{Chain: ch.Names(), Broken: ch.Err != nil, Region: p.Text("region")}
	if ch.Err == nil {
		e.Session = c.SessionSource(ch.Primary())
	}
	if ignore, rc := a.quietIgnores(); rc == exitOK && len(c.Warnings(ch, ignore)) > 0 {
		e.Warn = true
	}
	return e, true
}

// quietIgnores is ignores without a message: a prompt says nothing.
func (a *app) quietIgnores() (profiles.Ignore, int) {
	saved := a.stderr
	a.stderr = io.Discard
	defer func() { a.stderr = saved }()
	return a.ignores()
}

func firstSet(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}
