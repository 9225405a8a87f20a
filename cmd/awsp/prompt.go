package main

import (
	"fmt"
	"io"

	"github.com/awsp-dev/awsp/internal/profiles"
	"github.com/awsp-dev/awsp/internal/prompt"
)

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
	d.Region = firstSet(a.env["AWS_REGION"], a.env["AWS_DEFAULT_REGION"])
	c, err := profiles.Load(a.env)
	if err != nil {
		return d
	}
	p := c.Profiles[name]
	if p == nil {
		d.Broken = true
		return d
	}
	if d.Region == "" {
		d.Region = p.Text("region")
	}
	ch := c.Resolve(name)
	d.Chain, d.Broken = ch.Names(), ch.Err != nil
	if ch.Err == nil {
		s := c.SessionExpiry(ch.Primary(), a.env)
		d.Expiry, d.LoggedOut = s.At, s.LoggedOut
	}
	if ignore, rc := a.quietIgnores(); rc == exitOK && len(c.Warnings(ch, ignore)) > 0 {
		d.Warn = true
	}
	return d
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
