package main

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"

	"github.com/awsp-dev/awsp/internal/awsfiles"
	"github.com/awsp-dev/awsp/internal/cli"
	"github.com/awsp-dev/awsp/internal/console"
	"github.com/awsp-dev/awsp/internal/profiles"
	"github.com/awsp-dev/awsp/internal/settings"
	"github.com/awsp-dev/awsp/internal/shellcode"
	"github.com/awsp-dev/awsp/internal/summary"
	"github.com/awsp-dev/awsp/internal/view"
)

// Acting as a profile without switching the shell: awsp exec runs one
// command with it, awsp console opens the AWS console as it. As with a
// switch, the binary only prints the code; the shell function runs the
// command, the browser and (for --federate) the AWS CLI and awsp-net.

// exec writes the code that runs the command as the profile, set as a
// switch would set it, in a scope of its own: the shell's variables stay
// as they were, and the code's status is the command's. The checks, the
// warnings and the offer of a login are a switch's.
func (a *app) exec() error {
	code, err := a.shellCode("awsp exec")
	if code == nil || err != nil {
		return err
	}
	target := a.opts.Names[0]
	c, set, err := a.target(code.Shell(), target)
	if err != nil {
		return err
	}
	var login []string
	if ch := c.Resolve(target); ch.Err == nil {
		if login, err = a.loginFirst(c, ch.Primary(), false); err != nil {
			return err
		}
	}
	if login != nil {
		code.IfAWS(login...)
	}
	code.Exec()
	a.setProfile(code, c.Profiles[target])
	code.Command(a.opts.Command)
	if login != nil {
		code.End()
	}
	a.report(c, target, set.Ignore, login != nil)
	fmt.Fprint(a.stdout, code.String())
	return nil
}

// target reads the files and checks that the profile name exists and
// that a variable of sh can hold it.
func (a *app) target(sh shellcode.Shell, name string) (*profiles.Config, *settings.File, error) {
	if !shellcode.Holds(sh, name) {
		// bash, zsh and fish would each keep a different part of it.
		return nil, nil, failf(cli.ExitFindings, "profile %q holds a NUL byte or (for nushell) bytes that are not UTF-8, which no variable of this shell can hold: rename it", name)
	}
	c, set, err := a.loadWithSettings()
	if err != nil {
		return nil, nil, err
	}
	if c.Profiles[name] == nil {
		return nil, nil, a.notFound(c, name)
	}
	return c, set, nil
}

// console opens the AWS console as a profile (the active one by
// default): through a shortcut link or the switch-role page, which need
// no connection, or with --federate through the federation endpoint.
// Without the shell function (no --eval), or with --url, the address is
// printed: the binary opens nothing.
func (a *app) console() error {
	o := a.opts
	page := console.Page{Service: o.Service, Region: o.Region}
	if err := page.Check(); err != nil {
		return failf(cli.ExitUsage, "%v", err)
	}
	target := a.activeProfile()
	if len(o.Names) == 1 {
		target = o.Names[0]
	}
	if target == "" {
		return failf(cli.ExitFindings, "no active profile: awsp console NAME opens the console as NAME")
	}
	var code *shellcode.Code
	sh := shellcode.Bash // the names a shell can hold: checked only for one
	if o.Eval || o.Federate {
		var err error
		if code, err = a.shellCode("awsp console --federate, which runs the AWS CLI,"); code == nil || err != nil {
			return err
		}
		sh = code.Shell()
	}
	c, set, err := a.target(sh, target)
	if err != nil {
		return err
	}
	ch := c.Resolve(target)
	switch {
	case ch.SettingsOnly():
		return failf(cli.ExitFindings, "%s: %s: no credentials to open the console with", clean(target), view.SettingsOnlyText)
	case ch.Err != nil:
		return failf(cli.ExitFindings, "%s: %s: %s: %s; every AWS call with it fails until the files are fixed (awsp --lint)", clean(target), a.errStyle.Red("broken chain"), ch.Err.Code, clean(ch.Err.Msg))
	}
	req := console.Request{Chain: ch, Page: page}
	if class := summary.Of(c, set, target).Class; class != nil {
		req.Color = console.Color(class.Colour)
	}
	var opener []string
	if code != nil && !o.URL {
		if opener = a.browser(); opener == nil {
			fmt.Fprintf(a.stderr, "awsp: no browser to open the address with (set BROWSER, or install %s): here it is\n", systemOpener())
		}
	}
	if o.Federate {
		return a.federate(code, c, req, opener)
	}
	steps, err := console.Route(c, req)
	if err != nil {
		return failf(cli.ExitFindings, "%v", err)
	}
	for i, s := range steps {
		switch {
		case code == nil:
			fmt.Fprintln(a.stdout, s.URL)
		case i > 0 && opener != nil:
			// The switch-role page needs the console session the first
			// step opens: opened at once, it would find none.
			fmt.Fprintf(a.stderr, "awsp: %s: %s\n", s.Says, s.URL)
			continue
		case opener == nil:
			code.Print(s.URL)
		default:
			code.Open(opener, s.URL)
		}
		if s.Says != "" {
			fmt.Fprintf(a.stderr, "awsp: %s: %s\n", clean(target), s.Says)
		}
	}
	if code != nil {
		fmt.Fprint(a.stdout, code.String())
	}
	return nil
}

// federate writes the code that signs in to the console with the
// profile's session: the AWS CLI prints the session's credentials, which
// awsp-net exchanges at the federation endpoint for the sign-in address.
// The Primary's login is offered first, as a switch offers it.
func (a *app) federate(code *shellcode.Code, c *profiles.Config, req console.Request, opener []string) error {
	ch := req.Chain
	name := ch.First().Profile.Name
	if primary := ch.Primary(); ch.First().Kind != profiles.Derived && primary.Credentials == profiles.Static && !primary.Profile.Has("aws_session_token") {
		return failf(cli.ExitFindings, "%s holds an IAM user's long-term keys, and the console's federation takes only a session's: open a profile that assumes a role with them", clean(name))
	}
	if !a.onPath("aws") {
		return failf(cli.ExitUsage, "awsp console --federate gets the session's credentials from the AWS CLI, and aws is not on PATH: install the AWS CLI v2 (%s)", awsCLIInstall)
	}
	p := req.PartitionOf(c)
	endpoint := console.FederationEndpoint(p)
	if e := a.env["AWSP_FEDERATION_ENDPOINT"]; e != "" {
		endpoint = e
	}
	if err := console.CheckEndpoint(endpoint); err != nil {
		return failf(cli.ExitUsage, "AWSP_FEDERATION_ENDPOINT: %v", err)
	}
	login, err := a.loginFirst(c, ch.Primary(), false)
	if err != nil {
		return err
	}
	if login != nil {
		code.IfAWS(login...)
	}
	net := []string{"federate", "--endpoint", endpoint, "--destination", req.PageOf().URL(p)}
	if d := console.SessionDuration(ch); d > 0 {
		net = append(net, "--session-duration", strconv.Itoa(d))
	}
	code.Federate([]string{"configure", "export-credentials", "--profile", name, "--format", "process"}, net, opener)
	if login != nil {
		code.End()
	}
	fmt.Fprintf(a.stderr, "awsp: %s: signing in with its session (aws configure export-credentials, exchanged at %s)\n", clean(name), clean(endpoint))
	fmt.Fprint(a.stdout, code.String())
	return nil
}

// browser is the program that opens an address, with its first words:
// $BROWSER's first entry (a command line, as the GitHub CLI reads it),
// else open on macOS, else xdg-open; nil when none is on PATH.
func (a *app) browser() []string {
	if b := a.env["BROWSER"]; b != "" {
		first, _, _ := strings.Cut(b, string(os.PathListSeparator))
		if words := strings.Fields(first); len(words) > 0 {
			return words
		}
	}
	if name := systemOpener(); a.onPath(name) {
		return []string{name}
	}
	return nil
}

// systemOpener is the system's program that opens an address.
func systemOpener() string {
	if runtime.GOOS == "darwin" {
		return "open"
	}
	return "xdg-open"
}

// ssoSync writes the code that runs awsp-net's sso sync with the
// arguments as typed: the sync connects to IAM Identity Center, which
// awsp leaves to awsp-net (README: Profiles from IAM Identity Center).
func (a *app) ssoSync() error {
	code, err := a.shellCode("awsp sso sync, which runs awsp-net (or run awsp-net sso sync yourself),")
	if code == nil || err != nil {
		return err
	}
	login, err := a.ssoLogin()
	if err != nil {
		return err
	}
	if login != nil {
		code.IfAWS(login...)
	}
	code.Net(a.opts.Typed)
	if login != nil {
		code.End()
	}
	fmt.Fprint(a.stdout, code.String())
	return nil
}

// ssoLogin is the AWS CLI's login the sync waits for, or nil: offered, on
// a terminal, as a switch offers it, when the login to the one sso-session
// to sync (--sso-session, or the config's only one) has ended.
func (a *app) ssoLogin() ([]string, error) {
	c, err := a.load()
	if err != nil {
		return nil, err
	}
	name := a.opts.SSOSession
	if name == "" && len(c.SSOSessions) == 1 {
		for n := range c.SSOSessions {
			name = n
		}
	}
	if c.SSOSessions[name] == nil || !a.canAsk() || !a.onPath("aws") {
		return nil, nil // awsp-net says what is wrong
	}
	token, at := awsfiles.ReadSSOToken(c.SSOTokenPath(name))
	if token != "" && at.After(a.now()) {
		return nil, nil
	}
	args := []string{"sso", "login", "--sso-session", name}
	if a.ask(fmt.Sprintf("awsp: not logged in to the sso-session %s: log in with %s? [Y/n] ", clean(name), clean(view.CommandText(append([]string{"aws"}, args...))))) {
		return args, nil
	}
	return nil, nil
}
