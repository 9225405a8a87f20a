package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/mattn/go-isatty"

	"github.com/awsp-dev/awsp/internal/cli"
	"github.com/awsp-dev/awsp/internal/environ"
	"github.com/awsp-dev/awsp/internal/profiles"
	"github.com/awsp-dev/awsp/internal/prompt"
	"github.com/awsp-dev/awsp/internal/shellcode"
	"github.com/awsp-dev/awsp/internal/view"
	"github.com/awsp-dev/awsp/shell"
)

// overriding are the variables that beat AWS_PROFILE in every SDK, and the
// expiry that other tools export beside them.
var overriding = []string{"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN", "AWS_CREDENTIAL_EXPIRATION", "AWS_SESSION_EXPIRATION"}

// previousVar keeps this shell's last profile for "awsp -", like OLDPWD.
// It is a shell variable, not exported: each shell has its own.
const previousVar = "__awsp_previous"

// switchProfile prints the code that switches the calling shell. Only the
// shell function (which passes --eval) can evaluate it.
func (a *app) switchProfile() error {
	o := a.opts
	if o.Allow != nil && !o.Eval {
		return a.chdir(nil, o.Allow) // record only: no shell evaluates anything
	}
	if !o.Eval && len(o.Names) == 0 && !o.Unset && o.Region == "" && !isTerminal(a.terminal) {
		return a.printNames()
	}
	code, err := a.shellCode("switching")
	if code == nil || err != nil {
		return err
	}
	if o.Chdir || o.Allow != nil {
		err := a.chdir(code, o.Allow)
		if err == nil { // a failure writes no code
			fmt.Fprint(a.stdout, code.String())
		}
		return err
	}
	current := a.env["AWS_PROFILE"]
	target, switching, login := "", false, offerLogin
	switch {
	case o.Login && o.LoginWord && len(o.Names) == 0 && a.hasProfile("login"):
		// A profile named login, switched to as before awsp login was.
		fmt.Fprintln(a.stderr, `awsp: switching to the profile "login" (awsp --login logs in)`)
		target, switching = "login", true
	case o.Login:
		target, switching, login = a.activeProfile(), true, loginNow
		if len(o.Names) == 1 {
			target = o.Names[0]
		}
		if target == "" {
			return failf(cli.ExitFindings, "no active profile to log in to: awsp login NAME")
		}
	case o.Unset:
		code.Set(previousVar, current)
		a.unsetSet(code, []string{"AWS_PROFILE", "AWS_DEFAULT_PROFILE"})
		a.leftSet()
		a.remember("")
	case len(o.Names) == 1 && o.Names[0] == "-":
		if o.Previous == nil {
			return failf(cli.ExitFindings, "no previous profile in this shell")
		}
		target, switching = *o.Previous, true
	case len(o.Names) == 1:
		target, switching = o.Names[0], true
	case o.Region == "":
		name, err := a.pick()
		if err != nil {
			return err
		}
		target, switching = name, true
	}
	if switching {
		seen := len(a.shellState().Seen)
		if err := a.switchTo(code, current, target, login); err != nil {
			return err
		}
		if len(a.shellState().Seen) > seen { // warnings shown in full: the shell keeps that
			a.saveState(code)
		}
	} else {
		a.exportRegion(code)
	}
	fmt.Fprint(a.stdout, code.String())
	return nil
}

// shellCode starts the code for the shell function that called awsp
// (--eval), for what needs it to do something (switching, awsp exec). A
// nil code: nothing more to do (a shell of another protocol was answered).
func (a *app) shellCode(doing string) (*shellcode.Code, error) {
	o := a.opts
	if !o.Eval {
		return nil, failf(cli.ExitUsage, "%s needs the shell integration: add %s to ~/.bashrc (zsh alike), or %s to ~/.config/fish/config.fish (nushell: man awsp says how)", doing, shell.RCLines(shellcode.Bash, ""), shell.RCLines(shellcode.Fish, ""))
	}
	sh, ok := shellcode.Parse(o.Shell)
	if !ok {
		return nil, failf(cli.ExitUsage, "unknown shell %q: awsp knows bash, zsh, fish and nu", o.Shell)
	}
	code := shellcode.New(sh)
	if o.Protocol != shell.Protocol {
		return nil, a.otherProtocol(code)
	}
	return code, nil
}

// otherProtocol answers a shell whose functions came from an awsp that
// spoke another protocol (an upgrade while the shell was open, or a
// second awsp on PATH): bash, zsh and fish load this awsp's init and run
// what the person typed again, said once (the shell then speaks this
// protocol); nushell is told to start anew. Nothing is read or switched
// in the old protocol.
func (a *app) otherProtocol(code *shellcode.Code) error {
	o := a.opts
	if code.Shell() == shellcode.Nu {
		return failf(cli.ExitUsage, "this nushell has the functions of another awsp (protocol %d; this awsp speaks %d): start a new nushell, whose config.nu writes this awsp's", o.Protocol, shell.Protocol)
	}
	fmt.Fprintf(a.stderr, "awsp: this shell had the functions of another awsp (protocol %d): loaded this awsp's (protocol %d)\n", o.Protocol, shell.Protocol)
	code.Reinit()
	if !o.Chdir { // the directory hook runs again at the next prompt
		code.Rerun(o.Typed)
	}
	fmt.Fprint(a.stdout, code.String())
	return nil
}

// unsetSet unsets those of vars the environment has, and names them.
func (a *app) unsetSet(code *shellcode.Code, vars []string) []string {
	var unset []string
	for _, v := range vars {
		if _, set := a.env[v]; set {
			code.Unset(v)
			unset = append(unset, v)
		}
	}
	return unset
}

// leftSet says, after -u, what still decides the next call: a region in
// the environment, and keys there.
func (a *app) leftSet() {
	var left []string
	for _, v := range regionVars {
		if val := a.env[v]; val != "" {
			left = append(left, v+"="+clean(val))
		}
	}
	if len(left) > 0 {
		fmt.Fprintf(a.stderr, "awsp: %s stays set (awsp -r - unsets it)\n", strings.Join(left, " and "))
	}
	after := environ.Environ{}
	for k, v := range a.env {
		if k != "AWS_PROFILE" && k != "AWS_DEFAULT_PROFILE" {
			after[k] = v
		}
	}
	if id, ok := profiles.EnvironmentIdentity(after); ok {
		fmt.Fprintf(a.stderr, "awsp: %s\n", view.IdentityText(id, a.now()))
	}
}

// regionVars are where a region is set in the environment: AWS_REGION
// (the SDKs, AWS CLI v2) and AWS_DEFAULT_REGION (boto3, AWS CLI v1);
// either beats the profile's region.
var regionVars = []string{"AWS_REGION", "AWS_DEFAULT_REGION"}

// exportRegion writes -r REGION, if given; -r - unsets the region.
func (a *app) exportRegion(code *shellcode.Code) {
	r := a.opts.Region
	switch {
	case r == "":
		return
	case r == "-":
		if unset := a.unsetSet(code, regionVars); len(unset) > 0 {
			fmt.Fprintf(a.stderr, "awsp: unset %s: the profile's region applies\n", strings.Join(unset, ", "))
		}
		return
	}
	if _, shaped := profiles.RegionKnown(r); !shaped {
		fmt.Fprintf(a.stderr, "awsp: %s: %q is not an AWS region name (like eu-west-1): AWS calls will not find their endpoints\n", a.errStyle.Yellow("warning"), clean(r))
	}
	for _, v := range regionVars {
		code.Export(v, r)
	}
}

// regionOverride says when a region in the environment beats the
// profile's own region, which a person switching would expect to apply.
func (a *app) regionOverride(p *profiles.Profile) {
	own := p.Text("region")
	if own == "" || a.opts.Region != "" {
		return
	}
	for _, v := range regionVars {
		if env := a.env[v]; env != "" {
			if env != own {
				fmt.Fprintf(a.stderr, "awsp: %s=%s in this shell overrides the region of %s (%s): awsp -r - unsets it\n", v, clean(env), clean(p.Name), clean(own))
			}
			return // the first set is the one the SDKs read
		}
	}
}

// loginMode is whether a switch logs in first.
type loginMode int

const (
	noLogin    loginMode = iota // a directory's .awsprofile: never asks
	offerLogin                  // awsp NAME: asks a person, when the session is gone for good
	loginNow                    // awsp login NAME
)

// switchTo writes the code that makes target the shell's profile and says
// on stderr what the person should know about it. An empty target (the
// previous state had no profile) unsets the profile. With loginNow, or
// when a person accepts the offer, the code first runs the AWS CLI's
// login for the chain's Primary and switches only if it succeeds.
func (a *app) switchTo(code *shellcode.Code, current, target string, mode loginMode) error {
	if target == "" {
		code.Set(previousVar, current)
		code.Unset("AWS_PROFILE")
		a.exportRegion(code)
		if mode != noLogin {
			a.remember("")
		}
		return nil
	}
	c, set, err := a.target(code.Shell(), target)
	if err != nil {
		return err
	}
	ignore := set.Ignore
	var login []string
	if ch := c.Resolve(target); ch.Err == nil && mode != noLogin {
		if login, err = a.loginFirst(c, ch.Primary(), mode == loginNow); err != nil {
			return err
		}
	} else if ch.Err != nil && mode == loginNow {
		return failf(cli.ExitFindings, "nothing to log in to: the chain of %s is broken: %s: %s", clean(target), ch.Err.Code, clean(ch.Err.Msg))
	}
	if login != nil {
		code.IfAWS(login...)
	}
	code.Set(previousVar, current)
	a.setProfile(code, c.Profiles[target]) // with the login: not set when it fails
	// A person's choice is kept (a directory's is not), and after a login
	// only once it succeeded: by the shell, after the AWS CLI.
	switch {
	case mode == noLogin:
	case login != nil && a.sticky():
		code.Remember(target)
	default:
		a.remember(target)
	}
	if login != nil {
		code.End()
	}
	a.report(c, target, ignore, login != nil)
	return nil
}

// setProfile writes what makes p the profile of the code's scope (the
// shell's, or awsp exec's command's): AWS_PROFILE, with what would beat
// it unset (AWS_DEFAULT_PROFILE, keys), and -r's region; and says on
// stderr what it unset and what still overrides the profile's region.
func (a *app) setProfile(code *shellcode.Code, p *profiles.Profile) {
	code.Export("AWS_PROFILE", p.Name)
	if d, set := a.env["AWS_DEFAULT_PROFILE"]; set {
		code.Unset("AWS_DEFAULT_PROFILE")
		fmt.Fprintf(a.stderr, "awsp: unset AWS_DEFAULT_PROFILE=%s: boto3 and AWS CLI v1 would keep using it\n", clean(d))
	}
	if cleared := a.unsetSet(code, overriding); len(cleared) > 0 {
		fmt.Fprintf(a.stderr, "awsp: cleared %s: they override any profile\n", strings.Join(cleared, ", "))
	}
	a.exportRegion(code)
	a.regionOverride(p)
}

// loginFirst is the AWS CLI command (after "aws") the shell runs before
// switching, or nil. For awsp login it is the login whenever the
// Primary's session is gone or not there; a Primary awsp cannot log in to
// fails with what to do instead. On a plain switch the login is offered,
// on a terminal only, when the session is gone for good (logged out, or
// expired with no refresh token the AWS CLI could renew it with).
func (a *app) loginFirst(c *profiles.Config, p *profiles.Hop, loggingIn bool) ([]string, error) {
	s := a.session(c, p)
	args, needed := c.LoginArgs(p, s, a.now())
	name := clean(p.Profile.Name)
	if loggingIn {
		switch {
		case needed && len(args) == 0:
			return nil, failf(cli.ExitFindings, "the session of %s has ended, and awsp cannot log in to it: %s", name, clean(view.LoginAdvice(c, p)))
		case needed && !a.onPath("aws"):
			return nil, failf(cli.ExitUsage, "awsp login runs the AWS CLI (%s), and aws is not on PATH: install the AWS CLI v2 (%s)", clean(view.CommandText(args)), awsCLIInstall)
		case needed:
			return args[1:], nil
		case s.Known():
			fmt.Fprintf(a.stderr, "awsp: %s is logged in for %s more: nothing to log in to\n", name, prompt.Left(s.At.Sub(a.now())))
		default:
			fmt.Fprintf(a.stderr, "awsp: nothing to log in to for %s: %s\n", name, clean(view.LoginAdvice(c, p)))
		}
		return nil, nil
	}
	if !needed || len(args) == 0 || (s.Refreshable && !s.LoggedOut) || !a.canAsk() || !a.onPath("aws") {
		return nil, nil
	}
	if a.ask(fmt.Sprintf("awsp: %s: log in with %s? [Y/n] ", view.SessionState(s, name, a.now()), clean(view.CommandText(args)))) {
		return args[1:], nil
	}
	return nil, nil
}

// awsCLIInstall is where to get the AWS CLI, for awsp login without it.
const awsCLIInstall = "https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html, or brew install awscli"

// onPath reports whether the shell would find the program name on its
// PATH (awsp's environment is the shell's): a look at the directories,
// nothing is run.
func (a *app) onPath(name string) bool {
	for _, dir := range filepath.SplitList(a.env["PATH"]) {
		if dir == "" || !filepath.IsAbs(dir) {
			continue
		}
		if st, err := os.Stat(filepath.Join(dir, name)); err == nil && st.Mode().IsRegular() && st.Mode()&0o111 != 0 {
			return true
		}
	}
	return false
}

// canAsk: a person is there to answer (stdin and stderr are a terminal);
// a script never gets a question.
func (a *app) canAsk() bool { return isTerminal(a.stdin) && isTerminal(a.stderr) }

// ask puts a yes/no question on the terminal; Enter means yes. The
// whole line typed is read, however long: what is left unread of it the
// shell would run as a command once awsp exits.
func (a *app) ask(question string) bool {
	tty, err := a.openTTY()
	if err != nil {
		return false
	}
	defer tty.Close()
	fmt.Fprint(tty, question)
	answer := readLine(tty, 16)
	switch strings.ToLower(strings.TrimSpace(answer)) {
	case "", "y", "yes":
		return true
	}
	return false
}

// readLine reads up to the end of a line (or of the input) and returns
// its first keep bytes. A terminal hands over one line a read.
func readLine(r io.Reader, keep int) string {
	var line []byte
	buf := make([]byte, 256)
	for {
		n, err := r.Read(buf)
		chunk := buf[:n]
		end := bytes.IndexAny(chunk, "\r\n")
		if end >= 0 {
			chunk = chunk[:end]
		}
		line = append(line, chunk[:min(len(chunk), max(0, keep-len(line)))]...)
		if end >= 0 || n == 0 || err != nil {
			return string(line)
		}
	}
}

// hasProfile reports whether the files define name.
func (a *app) hasProfile(name string) bool {
	c, _ := a.load()
	return c != nil && c.Profiles[name] != nil
}

// report tells, on stderr, what is wrong with a chain just switched to: an
// error, its warnings, and a session to log in to (unless the code logs
// in first).
func (a *app) report(c *profiles.Config, name string, ignore profiles.Ignore, loggingIn bool) {
	ch := c.Resolve(name)
	switch {
	case ch.SettingsOnly():
		fmt.Fprintf(a.stderr, "awsp: %s: %s\n", clean(name), view.SettingsOnlyText)
	case ch.Err != nil:
		// Switched all the same: no call goes on to the profile left,
		// and fixing the files fixes this shell (the prompt shows ✗).
		fmt.Fprintf(a.stderr, "awsp: %s: %s: %s; every AWS call with it fails until the files are fixed (awsp --lint)\n",
			a.errStyle.Red("broken chain"), ch.Err.Code, clean(ch.Err.Msg))
	}
	st := a.shellState()
	for i, h := range ch.Hops() {
		for _, f := range c.HopWarnings(ch, h, i == 0, ignore) {
			// In full the first time in this shell, then in one line.
			seen := f.Code + " " + f.Profile
			if slices.Contains(st.Seen, seen) {
				fmt.Fprintf(a.stderr, "awsp: %s: %s on %s (awsp -s %s says why)\n", a.errStyle.Yellow("warning"), f.Code, clean(f.Profile), clean(shellcode.QuoteWord(f.Profile)))
				continue
			}
			fmt.Fprintf(a.stderr, "awsp: %s: %s: %s\n", a.errStyle.Yellow("warning"), f.Code, clean(f.Message))
			st.Seen = append(st.Seen, seen)
		}
	}
	if ch.Err != nil || loggingIn {
		return
	}
	p := ch.Primary()
	s := a.session(c, p)
	login := view.LoginCommand(c, p, s, a.now())
	if login == nil {
		return
	}
	name = clean(p.Profile.Name)
	if s.Refreshable && !s.LoggedOut {
		fmt.Fprintf(a.stderr, "awsp: the access token of %s ended %s ago; the AWS CLI renews it with its refresh token at the next call (if it cannot: %s)\n",
			name, prompt.Left(a.now().Sub(s.At)), clean(*login))
		return
	}
	fmt.Fprintf(a.stderr, "awsp: %s: %s (or awsp login)\n", view.SessionState(s, name, a.now()), clean(*login))
}

// printNames lists the profiles, one per line, for scripts.
func (a *app) printNames() error {
	c, err := a.load()
	if err != nil {
		return err
	}
	for _, n := range c.Names() {
		fmt.Fprintln(a.stdout, clean(n))
	}
	return nil
}

func isTerminal(w any) bool {
	f, ok := w.(*os.File)
	return ok && isatty.IsTerminal(f.Fd())
}
