package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/awsp-dev/awsp/internal/awsfiles"
	"github.com/awsp-dev/awsp/internal/cli"
	"github.com/awsp-dev/awsp/internal/environ"
	"github.com/awsp-dev/awsp/internal/filecache"
	"github.com/awsp-dev/awsp/internal/profiles"
	"github.com/awsp-dev/awsp/internal/safefile"
	"github.com/awsp-dev/awsp/internal/settings"
	"github.com/awsp-dev/awsp/internal/shellcode"
	"github.com/awsp-dev/awsp/internal/view"
	"github.com/awsp-dev/awsp/shell"
)

// app is one run of awsp.
type app struct {
	opts   cli.Options
	stdin  io.Reader
	stdout io.Writer // buffered, flushed when run returns
	// terminal is the unbuffered stdout, for what must know whether it is
	// a terminal or hand it to a child process.
	terminal io.Writer
	stderr   io.Writer
	env      environ.Environ
	// Each stream's colours, decided once (the GitHub CLI's iostreams):
	// stdout's for what commands print, stderr's for what they say.
	// The picker has its own, for the terminal it draws on.
	outStyle, errStyle view.Style

	cache    *filecache.Cache
	config   *profiles.Config   // the AWS files, once read (load)
	loadErr  error              // why the files could not be read, once they could not
	set      *settings.File     // awsp's config, once read (settings)
	state    *autoState         // what the shell remembers, once read (shellState)
	sessions *awsfiles.Sessions // the Primaries' sessions, each read once (session)

	// From the world (main.go): the working directory ("" when gone),
	// the clock, the terminal, the prompt's budget.
	cwd     string
	now     func() time.Time
	openTTY func() (*os.File, error)
	budget  time.Duration
}

// workingDir is the directory the command was run in, or why not.
func (a *app) workingDir() (string, error) {
	if a.cwd == "" {
		return "", fmt.Errorf("the current directory no longer exists")
	}
	return a.cwd, nil
}

// commands are what each action runs: the table of flags (internal/cli)
// names the action, this says what it does (TestEveryActionHasACommand).
var commands = map[cli.Action]func(a *app) error{
	cli.ActHelp: func(a *app) error {
		fmt.Fprint(a.stdout, cli.Usage())
		a.files()
		return nil
	},
	cli.ActMan: func(a *app) error { fmt.Fprint(a.stdout, cli.Man()); return nil },
	cli.ActVersion: func(a *app) error {
		fmt.Fprintf(a.stdout, "awsp %s\n", settings.Current())
		return nil
	},
	cli.ActCurrent:  (*app).current,
	cli.ActList:     (*app).list,
	cli.ActShow:     (*app).show,
	cli.ActLint:     (*app).lint,
	cli.ActPrompt:   (*app).prompt,
	cli.ActInit:     (*app).init,
	cli.ActComplete: (*app).complete,
	cli.ActDemo:     (*app).demo,
	cli.ActRemember: func(a *app) error { return a.rememberAfterLogin(a.opts.Names[0]) },
	cli.ActSwitch:   (*app).switchProfile,
	cli.ActConsole:  (*app).console,
	cli.ActExec:     (*app).exec,
	cli.ActSSO:      (*app).ssoSync,
}

// load reads the AWS files once a run, or says why it cannot (the same
// error however often it is asked: awsp login asks twice).
func (a *app) load() (*profiles.Config, error) {
	if a.config != nil || a.loadErr != nil {
		return a.config, a.loadErr
	}
	c, err := awsfiles.Load(a.env)
	var ioErr *safefile.Error
	switch {
	case errors.As(err, &ioErr):
		a.loadErr = failf(cli.ExitUsage, "%s: %s", a.tilde(ioErr.Path), ioErr.Msg)
	case err != nil:
		a.loadErr = failf(cli.ExitUsage, "%v", err)
	}
	a.config = c
	return c, a.loadErr
}

// settingsQuietly is awsp's config for what must not fail or speak
// because of it (the picker, the sticky profile): a file that cannot be
// read is an empty one, and the commands that use it say why.
func (a *app) settingsQuietly() *settings.File {
	if a.set == nil {
		set, err := settings.Load(a.env)
		if err != nil {
			return &settings.File{}
		}
		a.set = set
	}
	return a.set
}

// session is the session of the Primary p of the files a.load read,
// read once a run: a switch asks before it offers a login and again when
// it reports.
func (a *app) session(c *profiles.Config, p *profiles.Hop) profiles.Expiry {
	if a.sessions == nil {
		a.sessions = awsfiles.NewSessions(c, a.env)
	}
	return a.sessions.Of(p)
}

// loadWithSettings is load and settings, for the commands that need both.
func (a *app) loadWithSettings() (*profiles.Config, *settings.File, error) {
	c, err := a.load()
	if err != nil {
		return nil, nil, err
	}
	set, err := a.settings()
	return c, set, err
}

// tilde is a path for a message: shortened under HOME, and cleaned, since
// a directory name may hold anything.
func (a *app) tilde(path string) string { return clean(profiles.Tilde(path, a.env["HOME"])) }

// activeProfile is the profile the Go SDK and AWS CLI v2 use: AWS_PROFILE,
// else AWS_DEFAULT_PROFILE.
func (a *app) activeProfile() string { return profiles.ActiveProfile(a.env) }

// current prints the identity the next AWS call uses: the active profile,
// or, when another tool put credentials in the environment, what they
// are (tool:profile) with who set them and how long they last on stderr.
func (a *app) current() error {
	if id, ok := profiles.EnvironmentIdentity(a.env); ok {
		fmt.Fprintln(a.stdout, clean(id.Label()))
		fmt.Fprintf(a.stderr, "awsp: %s\n", view.IdentityText(id, a.now()))
		return nil
	}
	name := a.activeProfile()
	if name == "" {
		return failf(cli.ExitFindings, "no active profile: AWS_PROFILE and AWS_DEFAULT_PROFILE are not set")
	}
	fmt.Fprintln(a.stdout, clean(name))
	if p, d := a.env["AWS_PROFILE"], a.env["AWS_DEFAULT_PROFILE"]; p != "" && d != "" && p != d {
		fmt.Fprintf(a.stderr, "awsp: AWS_DEFAULT_PROFILE=%s is also set: boto3 and AWS CLI v1 use it instead of %s (run awsp %s to clear it)\n", clean(d), clean(p), clean(shellcode.QuoteWord(p)))
	}
	return nil
}

// settings reads awsp's own config file (silenced warnings, account
// aliases, classes), or says in one line why it cannot.
func (a *app) settings() (*settings.File, error) {
	if a.set == nil {
		set, err := settings.Load(a.env)
		if err != nil {
			return nil, failf(cli.ExitUsage, "%v", err)
		}
		a.set = set
	}
	return a.set, nil
}

// files says where awsp's own files are in this environment: the same
// rules on Linux and macOS (XDG, ~/.config), a relative HOME or XDG_*
// value ignored.
func (a *app) files() {
	where := func(p string) string {
		if p == "" {
			return "none (no absolute HOME or XDG directory)"
		}
		return a.tilde(p)
	}
	allow := settings.StateDir(a.env)
	if allow != "" {
		allow = a.allowPath()
	}
	fmt.Fprintf(a.stdout, "\nFiles here (XDG directories, ~/.config on macOS too):\n  config       %s (AWSP_CONFIG)\n  cache        %s (AWSP_CACHE_DIR)\n  allow list   %s (AWSP_STATE_DIR)\n",
		where(settings.ConfigPath(a.env)), where(settings.CacheDir(a.env)), where(allow))
}

// init prints the shell integration for eval (bash, zsh), source (fish)
// or the autoload directory (nushell).
func (a *app) init() error {
	sh, ok := shellcode.Parse(a.opts.Shell)
	if !ok {
		return failf(cli.ExitUsage, "--init takes bash, zsh, fish or nu, not %q", a.opts.Shell)
	}
	fmt.Fprint(a.stdout, shell.Init(sh, !a.opts.NoPrompt, a.opts.Auto))
	fmt.Fprint(a.stdout, a.stickyCode(sh))
	return nil
}
