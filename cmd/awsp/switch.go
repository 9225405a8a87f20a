package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/mattn/go-isatty"

	"github.com/awsp-dev/awsp/internal/profiles"
	"github.com/awsp-dev/awsp/internal/prompt"
	"github.com/awsp-dev/awsp/internal/shellcode"
)

// overriding are the variables that beat AWS_PROFILE in every SDK, and the
// expiry that other tools export beside them.
var overriding = []string{"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN", "AWS_CREDENTIAL_EXPIRATION", "AWS_SESSION_EXPIRATION"}

// previousVar keeps this shell's last profile for "awsp -", like OLDPWD.
// It is a shell variable, not exported: each shell has its own.
const previousVar = "__awsp_previous"

// switchProfile prints the code that switches the calling shell. Only the
// shell function (which passes --eval) can evaluate it.
func (a *app) switchProfile() int {
	o := a.opts
	if o.allow != nil && !o.eval {
		return a.chdir(nil, o.allow) // record only: no shell evaluates anything
	}
	if !o.eval {
		if len(o.names) == 0 && !o.unset && o.region == "" && !isTerminal(a.terminal) {
			return a.printNames()
		}
		return fail(a.stderr, exitUsage, "switching needs the shell integration: add eval \"$(command awsp --init bash)\" to ~/.bashrc (zsh alike), or command awsp --init fish | source to ~/.config/fish/config.fish")
	}
	sh, ok := shellcode.Parse(o.shell)
	if !ok {
		return fail(a.stderr, exitUsage, "unknown shell %q: awsp knows bash, zsh and fish", o.shell)
	}
	code := shellcode.New(sh)
	if o.chdir || o.allow != nil {
		rc := a.chdir(code, o.allow)
		fmt.Fprint(a.stdout, code.String())
		return rc
	}
	current := a.env["AWS_PROFILE"]
	target, switching := "", false
	switch {
	case o.unset:
		code.Set(previousVar, current)
		for _, v := range []string{"AWS_PROFILE", "AWS_DEFAULT_PROFILE"} {
			if _, set := a.env[v]; set {
				code.Unset(v)
			}
		}
	case len(o.names) == 1 && o.names[0] == "-":
		if o.previous == nil {
			return fail(a.stderr, exitFindings, "no previous profile in this shell")
		}
		target, switching = *o.previous, true
	case len(o.names) == 1:
		target, switching = o.names[0], true
	case o.region == "":
		name, code := a.pick()
		if name == "" {
			return code
		}
		target, switching = name, true
	}
	if switching {
		if rc := a.switchTo(code, current, target); rc != exitOK {
			return rc
		}
	}
	if o.region != "" {
		code.Export("AWS_REGION", o.region)
		code.Export("AWS_DEFAULT_REGION", o.region)
	}
	fmt.Fprint(a.stdout, code.String())
	return exitOK
}

// switchTo writes the code that makes target the shell's profile and says
// on stderr what the person should know about it. An empty target (the
// previous state had no profile) unsets the profile.
func (a *app) switchTo(code *shellcode.Code, current, target string) int {
	if target == "" {
		code.Set(previousVar, current)
		code.Unset("AWS_PROFILE")
		return exitOK
	}
	if strings.IndexByte(target, 0) >= 0 {
		// bash, zsh and fish would each keep a different part of it.
		return fail(a.stderr, exitFindings, "profile %q holds a NUL byte, which no shell variable can hold: rename it", target)
	}
	c, rc := a.load()
	if c == nil {
		return rc
	}
	if c.Profiles[target] == nil {
		return a.notFound(c, target)
	}
	ignore, rc := a.ignores()
	if rc != exitOK {
		return rc
	}
	code.Set(previousVar, current)
	code.Export("AWS_PROFILE", target)
	if d, set := a.env["AWS_DEFAULT_PROFILE"]; set {
		code.Unset("AWS_DEFAULT_PROFILE")
		fmt.Fprintf(a.stderr, "awsp: unset AWS_DEFAULT_PROFILE=%s: boto3 and AWS CLI v1 would keep using it\n", clean(d))
	}
	var cleared []string
	for _, v := range overriding {
		if _, set := a.env[v]; set {
			code.Unset(v)
			cleared = append(cleared, v)
		}
	}
	if len(cleared) > 0 {
		fmt.Fprintf(a.stderr, "awsp: cleared %s: they override any profile\n", strings.Join(cleared, ", "))
	}
	a.report(c, target, ignore)
	return exitOK
}

// report tells, on stderr, what is wrong with a chain just switched to: an
// error, its warnings, and a session to log in to.
func (a *app) report(c *profiles.Config, name string, ignore profiles.Ignore) {
	ch := c.Resolve(name)
	if ch.Err != nil {
		fmt.Fprintf(a.stderr, "awsp: %s: %s: %s\n", a.errStyle.red("error"), ch.Err.Code, clean(ch.Err.Msg))
	}
	for i, h := range ch.Hops() {
		for _, f := range c.HopWarnings(ch, h, i == 0, ignore) {
			fmt.Fprintf(a.stderr, "awsp: %s: %s: %s\n", a.errStyle.yellow("warning"), f.Code, clean(f.Message))
		}
	}
	if ch.Err != nil {
		return
	}
	p := ch.Primary()
	s := c.SessionExpiry(p, a.env)
	login := a.loginCommand(c, p, s)
	if login == nil {
		return
	}
	state := "not logged in to"
	if s.Known() {
		state = "the session expired " + prompt.Left(a.now().Sub(s.At)) + " ago for"
	}
	fmt.Fprintf(a.stderr, "awsp: %s %s: %s\n", state, clean(p.Profile.Name), clean(*login))
}

// printNames lists the profiles, one per line, for scripts.
func (a *app) printNames() int {
	c, rc := a.load()
	if c == nil {
		return rc
	}
	for _, n := range c.Names() {
		fmt.Fprintln(a.stdout, clean(n))
	}
	return exitOK
}

func isTerminal(w any) bool {
	f, ok := w.(*os.File)
	return ok && isatty.IsTerminal(f.Fd())
}
